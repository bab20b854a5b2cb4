import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProjectionEvent, ProjectionFrame, ProjectionQuality } from '../../src/protocol/projection';
import { ProjectionEngine, type ProjectionInput } from '../../src/core/projection/engine';
import { createRandom } from '../../src/core/projection/random';
import { stability } from '../../src/core/projection/quality/stability';

const DIM = 16;
const CLUSTERS = 4;

/**
 * Real and generated points around four well separated centres. `moveTo` translates generated
 * cluster 0 onto another cluster's centre; `jitter` adds a small translation to every generated point.
 */
function clusteredInput(iteration: number, perCluster: number, options: { moveTo?: number; jitter?: number; seed?: number } = {}): ProjectionInput {
  const random = createRandom(options.seed ?? 11);
  const centres = Array.from({ length: CLUSTERS }, () => Array.from({ length: DIM }, () => (random.next() - 0.5) * 40));
  const fill = (count: number, generated: boolean): Float32Array => {
    const out = new Float32Array(count * CLUSTERS * DIM);
    for (let c = 0; c < CLUSTERS; c++) {
      const centre = generated && c === 0 && options.moveTo !== undefined ? options.moveTo : c;
      for (let i = 0; i < count; i++) {
        for (let d = 0; d < DIM; d++) {
          const jitter = generated ? (options.jitter ?? 0) : 0;
          out[(c * count + i) * DIM + d] = (centres[centre]?.[d] as number) + jitter + (random.next() - 0.5) * 2;
        }
      }
    }
    return out;
  };
  const real = fill(perCluster, false);
  const generated = fill(perCluster, true);
  return { iteration, dim: DIM, nReal: perCluster * CLUSTERS, real, nGenerated: perCluster * CLUSTERS, generated };
}

/** Mean position of the given rows. */
function centroid(coordinates: Float32Array, rows: readonly number[]): [number, number] {
  let x = 0;
  let y = 0;
  for (const row of rows) {
    x += coordinates[2 * row] as number;
    y += coordinates[2 * row + 1] as number;
  }
  return [x / rows.length, y / rows.length];
}

function run(engine: ProjectionEngine, input: ProjectionInput): { frames: ProjectionFrame[]; quality: ProjectionQuality } {
  const events: ProjectionEvent[] = [...engine.steps(input)];
  const frames = events.filter((e): e is ProjectionFrame => e.kind === 'frame');
  const quality = events.find((e): e is ProjectionQuality => e.kind === 'quality');
  assert.ok(quality, 'every snapshot ends with a quality report');
  return { frames, quality };
}

const fast = { coldEpochs: 120, trustworthinessSample: 0 };

test('the same seed and input give the same frames; another seed gives another layout', () => {
  const input = clusteredInput(1, 60);
  const a = run(new ProjectionEngine({ ...fast, seed: 5 }), input);
  const b = run(new ProjectionEngine({ ...fast, seed: 5 }), input);
  const c = run(new ProjectionEngine({ ...fast, seed: 6 }), input);
  assert.deepEqual(a.frames.map((f) => [f.stage, f.layout]), [['first', 'pca'], ['refined', 'umap-cold']]);
  assert.deepEqual(a.frames.map((f) => [...f.coordinates]), b.frames.map((f) => [...f.coordinates]));
  assert.notDeepEqual([...(a.frames[1] as ProjectionFrame).coordinates], [...(c.frames[1] as ProjectionFrame).coordinates]);
  assert.equal(a.quality.trustworthiness, b.quality.trustworthiness);
  assert.ok(a.quality.trustworthiness > 0.9, `trustworthiness ${a.quality.trustworthiness}`);
  assert.equal(a.quality.stabilityReal, null);
});

test('warm snapshots are deterministic too', () => {
  const sequence = [clusteredInput(1, 50), clusteredInput(2, 50, { jitter: 0.5 })];
  const last = (seed: number): Float32Array => {
    const engine = new ProjectionEngine({ ...fast, seed });
    let frames: ProjectionFrame[] = [];
    for (const input of sequence) frames = run(engine, input).frames;
    return (frames.at(-1) as ProjectionFrame).coordinates;
  };
  assert.deepEqual([...last(3)], [...last(3)]);
});

test('a snapshot identical to the previous one projects to the same coordinates', () => {
  const engine = new ProjectionEngine(fast);
  const first = run(engine, clusteredInput(1, 50)).frames.at(-1) as ProjectionFrame;
  const again = run(engine, clusteredInput(2, 50));
  assert.equal(again.frames.length, 1);
  const frame = again.frames[0] as ProjectionFrame;
  assert.equal(frame.layout, 'unchanged');
  for (let i = 0; i < frame.coordinates.length; i++) assert.ok(Math.abs((frame.coordinates[i] as number) - (first.coordinates[i] as number)) < 1e-6);
  assert.equal(again.quality.stabilityReal, 0);
  assert.equal(again.quality.stabilityGenerated, 0);
});

test('a refinement of unchanged data (forced past the shortcut) barely moves anything', () => {
  const engine = new ProjectionEngine({ ...fast, unchangedTolerance: 0 });
  const input = clusteredInput(1, 50);
  run(engine, input);
  const nudged = { ...input, iteration: 2, generated: input.generated.map((v) => v + 1e-5) };
  const result = run(engine, nudged);
  assert.equal((result.frames.at(-1) as ProjectionFrame).layout, 'umap-warm');
  assert.equal(result.quality.stabilityReal, 0, 'the real reference is pinned');
  assert.ok((result.quality.stabilityGenerated as number) < 0.02, `generated moved ${result.quality.stabilityGenerated}`);
});

test('a translated cluster moves in the map while the others stay', () => {
  const engine = new ProjectionEngine(fast);
  const perCluster = 50;
  const before = run(engine, clusteredInput(1, perCluster)).frames.at(-1) as ProjectionFrame;
  // Generated cluster 0 is translated onto cluster 1 in the data space.
  const result = run(engine, clusteredInput(2, perCluster, { moveTo: 1 }));
  const after = result.frames.at(-1) as ProjectionFrame;
  assert.deepEqual(result.frames.map((f) => f.layout), ['placement', 'umap-warm']);
  const nReal = perCluster * CLUSTERS;
  const rows = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);
  const movedRows = rows(nReal, perCluster);
  const stillRows = rows(nReal + perCluster, perCluster * (CLUSTERS - 1));
  const moved = stability(before.coordinates, after.coordinates, movedRows);
  const still = stability(before.coordinates, after.coordinates, stillRows);
  assert.ok(moved > 0.15, `the translated cluster moved ${moved} diameters`);
  assert.ok(still < 0.03, `the other clusters moved ${still} diameters`);
  assert.equal(stability(before.coordinates, after.coordinates, rows(0, nReal)), 0);
  // It lands where real cluster 1 is drawn, not just anywhere.
  const landed = centroid(after.coordinates, movedRows);
  const target = centroid(after.coordinates, rows(perCluster, perCluster));
  const origin = centroid(before.coordinates, movedRows);
  const travelled = Math.hypot(target[0] - origin[0], target[1] - origin[1]);
  assert.ok(Math.hypot(landed[0] - target[0], landed[1] - target[1]) < 0.25 * travelled);
});

test('PCA frames of a fixed real reference are aligned without refinement', () => {
  const engine = new ProjectionEngine({ method: 'pca' });
  const a = run(engine, clusteredInput(1, 30)).frames;
  const b = run(engine, clusteredInput(2, 30, { moveTo: 2 })).frames;
  assert.deepEqual(a.map((f) => [f.stage, f.layout]), [['refined', 'pca']]);
  const nReal = 30 * CLUSTERS;
  const first = (a[0] as ProjectionFrame).coordinates;
  const second = (b[0] as ProjectionFrame).coordinates;
  assert.deepEqual([...first.subarray(0, 2 * nReal)], [...second.subarray(0, 2 * nReal)]);
  assert.notDeepEqual([...first.subarray(2 * nReal)], [...second.subarray(2 * nReal)]);
});

test('a view without real rows (the latent bank) is projected and anchored on its own rows', () => {
  const engine = new ProjectionEngine(fast, 'latent');
  const input = clusteredInput(1, 40);
  const latentOnly: ProjectionInput = { ...input, nReal: 0, real: new Float32Array(0) };
  const result = run(engine, latentOnly);
  assert.equal((result.frames.at(-1) as ProjectionFrame).coordinates.length, 2 * input.nGenerated);
  assert.equal(result.frames[0]?.view, 'latent');
  assert.equal(result.quality.stabilityReal, null);
});

test('bad input is a clear error', () => {
  const engine = new ProjectionEngine(fast);
  const input = clusteredInput(1, 10);
  assert.throws(() => [...engine.steps({ ...input, nReal: input.nReal + 1 })], /real holds/);
  assert.throws(() => [...engine.steps({ ...input, dim: 0 })], /dim must be/);
  assert.throws(() => new ProjectionEngine({ nNeighbors: 1 }), /nNeighbors/);
  assert.throws(() => new ProjectionEngine({ method: 'tsne' as never }), /method/);
});

test('project() yields the first frame before refinement finishes', async () => {
  const engine = new ProjectionEngine(fast);
  const stages: string[] = [];
  for await (const event of engine.project(clusteredInput(1, 30))) stages.push(event.kind === 'frame' ? event.stage : event.kind);
  assert.deepEqual(stages, ['first', 'refined', 'quality']);
});
