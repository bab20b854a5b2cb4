import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttributeSpec } from '../../src/core/metrics/attributes';
import { groupFrechet } from '../../src/core/metrics/groupFrechet';
import { groupShares } from '../../src/core/metrics/groupShares';
import { createRandom } from '../../src/core/projection/random';

const shape: AttributeSpec = { name: 'shape', values: ['circle', 'square'] };
const colour: AttributeSpec = { name: 'colour', values: ['red', 'blue'] };
const labels = (values: number[]): Int32Array => Int32Array.from(values);

test('group shares, ratios and total variation on hand-built labels', () => {
  // Real: circles 2 of 4; generated: circles 1 of 4.
  const result = groupShares([shape], { shape: labels([0, 0, 1, 1]) }, 4, { shape: labels([0, 1, 1, 1]) }, 4);
  const circle = result.groups.find((g) => g.id === 'shape=circle');
  const square = result.groups.find((g) => g.id === 'shape=square');
  assert.equal(circle?.realShare, 0.5);
  assert.equal(circle?.generatedShare, 0.25);
  assert.equal(circle?.ratio, 0.5);
  assert.equal(square?.ratio, 1.5);
  assert.equal(circle?.label, 'circle');
  assert.deepEqual(result.distances, [{ id: 'shape', attributes: ['shape'], totalVariation: 0.25 }]);
});

test('generated shares are weighted by confidence (products for pairs); unknown labels are left out', () => {
  const real = { shape: labels([0, 1, 0, 1]), colour: labels([0, 0, 1, 1]) };
  const predicted = { shape: labels([0, 1, -1]), colour: labels([0, 0, 1]) };
  const confidence = { shape: Float32Array.from([1, 0.5, 1]), colour: Float32Array.from([0.5, 1, 1]) };
  const result = groupShares([shape, colour], real, 4, predicted, 3, confidence);
  const circle = result.groups.find((g) => g.id === 'shape=circle');
  // shape weights: row 0 (circle) 1, row 1 (square) 0.5; row 2 unknown.
  assert.ok(Math.abs((circle?.generatedShare ?? 0) - 1 / 1.5) < 1e-12);
  const redCircle = result.groups.find((g) => g.id === 'shape=circle+colour=red');
  // pair weights: row 0: 1 × 0.5, row 1: 0.5 × 1 → red circle 0.5 of 1.
  assert.equal(redCircle?.generatedShare, 0.5);
  assert.equal(redCircle?.realShare, 0.25);
  assert.equal(redCircle?.ratio, 2);
  assert.equal(redCircle?.label, 'circle+red');
  const blueSquare = result.groups.find((g) => g.id === 'shape=square+colour=blue');
  assert.equal(blueSquare?.generatedShare, 0);
  assert.equal(result.distances.map((d) => d.id).join(','), 'shape,colour,shape+colour');
});

test('a group absent from the real data has no ratio', () => {
  const result = groupShares([shape], { shape: labels([0, 0]) }, 2, { shape: labels([1, 0]) }, 2);
  assert.equal(result.groups.find((g) => g.id === 'shape=square')?.ratio, null);
});

function gaussian(random: { next(): number }): number {
  return Math.sqrt(-2 * Math.log(Math.max(random.next(), 1e-12))) * Math.cos(2 * Math.PI * random.next());
}

test('per-group Fréchet is ~0 for identical groups, positive for a shifted one, and skips small groups with the reason', () => {
  const dim = 3;
  const n = 400;
  const random = createRandom(9);
  const real = new Float32Array(n * dim);
  const shapes = new Int32Array(n);
  const colours = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    shapes[i] = i % 2;
    // Blue is rare: 10 of 400.
    colours[i] = i < 10 ? 1 : 0;
    for (let c = 0; c < dim; c++) real[i * dim + c] = (shapes[i] as number) * 4 + gaussian(random);
  }
  const generated = Float32Array.from(real);
  // Shift the generated squares only.
  for (let i = 0; i < n; i++) if (shapes[i] === 1) generated[i * dim] = (generated[i * dim] as number) + 2;
  const result = groupFrechet(real, n, generated, n, dim, [shape, colour], { shape: shapes, colour: colours }, { shape: shapes, colour: colours }, { minSamples: 20 });
  const byId = new Map(result.groups.map((g) => [g.id, g]));
  assert.ok((byId.get('shape=circle')?.frechet ?? 1) < 1e-9, 'identical circles');
  assert.ok(Math.abs((byId.get('shape=square')?.frechet ?? 0) - 4) < 1e-6, 'squares shifted by 2 along one axis: d² = 4');
  assert.equal(byId.get('colour=blue')?.frechet, null);
  assert.match(byId.get('colour=blue')?.skipped ?? '', /too few samples \(real 10 < 20\)/);
  assert.equal(byId.get('shape=circle+colour=red')?.realCount, 195);
  assert.ok(result.overall !== null && result.overall > 0);
});
