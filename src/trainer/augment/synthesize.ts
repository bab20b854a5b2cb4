/**
 * `synthesize`: samples of a group from the model itself. MaGNET draws samples uniformly over the
 * generator's learned manifold (src/trainer/magnet), so a group the model renders rarely is not
 * drowned by its modes; the run's evaluator keeps those it classifies as the group. Rounds of
 * fresh pools go on until `count` are kept or the round budget is spent.
 */
import type { Evaluator } from '../evaluator/evaluator';
import { magnetSample } from '../magnet/magnetSample';
import type { LatentGenerator } from '../magnet/projectedJacobians';
import type { Tf } from '../tf';
import type { AppliedRows } from './appliedAugment';
import type { AttributeGroup } from './attributeGroup';
import { AugmentError } from './augmentError';

/** One augment synthesizes at most this many samples: the work is done between two steps, holding up training. */
export const MAX_SYNTHESIZED = 2000;
const POOL_SIZE = 1000;
const SAMPLES_PER_ROUND = 250;
const MAX_ROUNDS = 8;

export interface SynthesisSource {
  readonly tf: Tf;
  readonly generator: LatentGenerator;
  readonly evaluator: Evaluator;
  readonly seed: number;
}

export function synthesizeGroup(source: SynthesisSource, group: AttributeGroup, count: number, iteration: number): AppliedRows {
  if (!(Number.isSafeInteger(count) && count >= 1 && count <= MAX_SYNTHESIZED)) {
    throw new AugmentError('invalid-request', `synthesize makes 1 to ${MAX_SYNTHESIZED} samples per augment, not ${count}`);
  }
  const { evaluator } = source;
  const attributeCount = evaluator.attributes.length;
  // The evaluator names the dataset's attributes; its columns are matched by name, not by position.
  const columns = group.terms.map(({ name, value }) => {
    const column = evaluator.attributes.findIndex((spec) => spec.name === name);
    if (column < 0) throw new AugmentError('not-supported', `the evaluator does not predict "${name}", so samples of the group cannot be picked`);
    return { column, value };
  });
  const length = source.generator.sampleShape.reduce((product, size) => product * size, 1);
  const pixels = new Float32Array(count * length);
  const labels = new Int32Array(count * attributeCount);
  let kept = 0;
  let generated = 0;
  let rounds = 0;
  while (kept < count && rounds < MAX_ROUNDS) {
    // A seed per (run seed, iteration, round): the same command at the same iteration gives the same samples.
    const seed = (Math.imul(source.seed >>> 0, 0x9e3779b1) ^ Math.imul(iteration + 1, 0x85ebca6b) ^ rounds) >>> 0;
    rounds++;
    const sampling = magnetSample(source.tf, source.generator, { poolSize: POOL_SIZE, sampleCount: SAMPLES_PER_ROUND, seed });
    const rows = sampling.options.sampleCount;
    generated += rows;
    const predicted = evaluator.evaluate(sampling.samples, rows);
    for (let row = 0; row < rows && kept < count; row++) {
      if (!columns.every(({ column, value }) => predicted.predictions[row * attributeCount + column] === value)) continue;
      pixels.set(sampling.samples.subarray(row * length, (row + 1) * length), kept * length);
      labels.set(predicted.predictions.subarray(row * attributeCount, (row + 1) * attributeCount), kept * attributeCount);
      kept++;
    }
  }
  if (kept === 0) throw new AugmentError('invalid-request', `none of ${generated} MaGNET samples of the model was classified as ${group.text}: the model does not produce the group yet; reweight it instead`);
  return {
    method: 'synthesize',
    group,
    source: `MaGNET (${rounds} pool(s) of ${POOL_SIZE}, ${kept} of ${generated} samples classified as the group)`,
    labelledBy: 'the evaluator',
    iteration,
    count: kept,
    pixels: pixels.slice(0, kept * length),
    labels: labels.slice(0, kept * attributeCount),
  };
}
