import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import type { ProjectionFrame, ProjectionQuality } from '../../src/protocol/projection';
import { ProjectionCacheWriter, projectionCacheKey, readProjectionCache } from '../../src/core/projection/projectionCache';
import { DEFAULT_PROJECTION_OPTIONS } from '../../src/core/projection/options';

const key = projectionCacheKey(DEFAULT_PROJECTION_OPTIONS);

function frame(iteration: number, stage: 'first' | 'refined' = 'refined'): ProjectionFrame {
  return {
    kind: 'frame',
    view: 'distribution',
    iteration,
    stage,
    layout: 'umap-warm',
    nReal: 2,
    nGenerated: 1,
    coordinates: Float32Array.from([iteration, 1, 2, 3, 4, 5]),
    timings: { elapsedMs: 1 },
  };
}

function quality(iteration: number): ProjectionQuality {
  return { kind: 'quality', view: 'distribution', iteration, trustworthiness: 0.9, trustworthinessK: 10, trustworthinessPoints: 3, stabilityReal: 0, stabilityGenerated: 0.01, elapsedMs: 2 };
}

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'genmon-projection-cache-')), 'projections.gmp');
}

test('refined frames and their quality round-trip; first frames are not stored', () => {
  const file = tempFile();
  const { writer } = ProjectionCacheWriter.open(file, key);
  writer.append(frame(10, 'first'));
  writer.append(frame(10));
  writer.append(quality(10));
  writer.append(frame(20));
  writer.close();
  const contents = readProjectionCache(file, key);
  assert.equal(contents.problem, null);
  assert.deepEqual(contents.entries.map((e) => e.iteration), [10, 20]);
  assert.deepEqual([...(contents.entries[0]?.coordinates ?? [])], [10, 1, 2, 3, 4, 5]);
  assert.equal(contents.entries[0]?.quality?.stabilityGenerated, 0.01);
  assert.equal(contents.entries[1]?.quality, null);
  assert.throws(() => writer.append(frame(30)), /closed/);
});

test('a torn last record is dropped and appending continues after the good ones', () => {
  const file = tempFile();
  const first = ProjectionCacheWriter.open(file, key).writer;
  first.append(frame(10));
  first.append(frame(20));
  first.close();
  fs.truncateSync(file, fs.statSync(file).size - 5);
  const torn = readProjectionCache(file, key);
  assert.match(torn.problem ?? '', /torn record/);
  assert.deepEqual(torn.entries.map((e) => e.iteration), [10]);
  const reopened = ProjectionCacheWriter.open(file, key);
  reopened.writer.append(frame(30));
  reopened.writer.close();
  assert.deepEqual(readProjectionCache(file, key).entries.map((e) => e.iteration), [10, 30]);
});

test('a flipped byte stops reading at that record with a checksum error', () => {
  const file = tempFile();
  const { writer } = ProjectionCacheWriter.open(file, key);
  writer.append(frame(10));
  writer.close();
  const bytes = fs.readFileSync(file);
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0xff;
  fs.writeFileSync(file, bytes);
  const contents = readProjectionCache(file, key);
  assert.match(contents.problem ?? '', /checksum/);
  assert.equal(contents.entries.length, 0);
});

test('a cache made with other options, or another file, is ignored and rewritten', () => {
  const file = tempFile();
  const { writer } = ProjectionCacheWriter.open(file, key);
  writer.append(frame(10));
  writer.close();
  const otherKey = projectionCacheKey({ ...DEFAULT_PROJECTION_OPTIONS, seed: 7 });
  assert.match(readProjectionCache(file, otherKey).problem ?? '', /other projection options/);
  const reopened = ProjectionCacheWriter.open(file, otherKey);
  assert.equal(reopened.contents.entries.length, 0);
  reopened.writer.close();
  assert.equal(readProjectionCache(file, otherKey).problem, null);
  fs.writeFileSync(file, 'not a cache at all');
  assert.match(readProjectionCache(file, key).problem ?? '', /wrong signature/);
  assert.deepEqual(readProjectionCache(path.join(path.dirname(file), 'missing.gmp'), key), { entries: [], validBytes: 0, problem: null, keyMatches: false });
});
