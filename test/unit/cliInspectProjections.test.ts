import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../src/cli/runCli';
import { resolveProjectionOptions } from '../../src/core/projection/options';
import { PROJECTION_CACHE_FILE, ProjectionCacheWriter, projectionCacheKey } from '../../src/core/projection/projectionCache';
import { StreamWriter } from '../../src/core/stream/writer';
import type { ProjectionFrame, ProjectionQuality } from '../../src/protocol/projection';
import { STREAM_FILE_NAME } from '../../src/protocol/stream';

function runDir(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'genmon-inspect-projections-')), 'run');
  const writer = StreamWriter.create(join(dir, STREAM_FILE_NAME));
  writer.write({ type: 'header', formatVersion: 1, runId: 'r', createdAt: '2026-01-01T00:00:00Z', config: { name: 'x' }, trainer: { name: 'genmon', version: '0', backend: 'wasm' } });
  writer.close();
  return dir;
}

function frame(iteration: number, stage: 'first' | 'refined'): ProjectionFrame {
  return { kind: 'frame', view: 'distribution', iteration, stage, layout: 'umap-warm', nReal: 1, nGenerated: 1, coordinates: new Float32Array(4), timings: { elapsedMs: 1 } };
}

function quality(iteration: number, trustworthiness: number, stabilityGenerated: number | null): ProjectionQuality {
  return { kind: 'quality', view: 'distribution', iteration, trustworthiness, trustworthinessK: 10, trustworthinessPoints: 2, stabilityReal: 0, stabilityGenerated, elapsedMs: 1 };
}

async function inspect(args: readonly string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await runCli(['inspect', ...args], { out: (line) => out.push(line), err: () => undefined });
  return { code, out: out.join('\n') };
}

test('inspect reports each cached snapshot map with its trustworthiness and stability', async () => {
  const dir = runDir();
  const { writer } = ProjectionCacheWriter.open(join(dir, PROJECTION_CACHE_FILE), projectionCacheKey(resolveProjectionOptions()));
  writer.append(frame(100, 'first'));
  writer.append(frame(100, 'refined'));
  writer.append(quality(100, 0.99, null));
  writer.append(frame(0, 'refined'));
  writer.close();

  const json = await inspect([dir, '--json']);
  assert.equal(json.code, 0);
  const report = JSON.parse(json.out);
  assert.deepEqual(report.projections.views.distribution, [
    { iteration: 0, layout: 'umap-warm', trustworthiness: null, trustworthinessK: null, stabilityReal: null, stabilityGenerated: null },
    { iteration: 100, layout: 'umap-warm', trustworthiness: 0.99, trustworthinessK: 10, stabilityReal: 0, stabilityGenerated: null },
  ]);
  assert.equal(report.projections.problem, null);

  const table = await inspect([dir]);
  assert.match(table.out, /projections\s+distribution 2 snapshots, last trustworthiness 0\.990/);
});

test('a run never shown in VS Code has no projections, and says so', async () => {
  const dir = runDir();
  const report = JSON.parse((await inspect([dir, '--json'])).out);
  assert.equal(report.projections, null);
  assert.match((await inspect([dir])).out, /projections\s+- \(none cached/);
});
