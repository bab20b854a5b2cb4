import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createUpsampleConvOp } from '../../src/trainer/models/upsampleConv';
import { createRandom } from '../../src/trainer/random';
import { conv2dOneOutputChannelOnWasm } from '../../src/trainer/wasmKernels/conv2dOneOutputChannel';
import { withKernelScope, type TensorInfo } from '../../src/trainer/wasmKernels/kernelScope';
import { registerWasmTrainingKernels, WASM_TRAINING_KERNELS } from '../../src/trainer/wasmKernels/registerWasmTrainingKernels';
import { wasmBinaryFolder } from '../../src/trainer/wasmFiles';

/** Relative to the largest reference entry; the worst case measured is 6.6e-7 (float32 sums in another order). */
const TOLERANCE = 1e-5;

type Pad = 'same' | 'valid';
type Shape4 = [number, number, number, number];

before(async () => {
  setWasmPaths(wasmBinaryFolder());
  assert.ok(await tf.setBackend('wasm'));
  registerWasmTrainingKernels(tf);
});

function seeded(shape: readonly number[], seed: number): Float32Array {
  return createRandom(seed, 'wasm-kernel-test').normals(shape.reduce((a, b) => a * b, 1));
}

/** Runs `compute` on a backend with fresh tensors and returns plain arrays (nothing leaks). */
async function onBackend(name: 'cpu' | 'wasm', compute: () => tf.Tensor[]): Promise<Float32Array[]> {
  assert.ok(await tf.setBackend(name));
  const before = tf.memory().numTensors;
  const outputs = tf.tidy(compute);
  const values = outputs.map((t) => t.dataSync() as Float32Array);
  tf.dispose(outputs);
  assert.equal(tf.memory().numTensors, before, `${name} leaked tensors`);
  return values;
}

function relativeError(actual: Float32Array, expected: Float32Array): number {
  assert.equal(actual.length, expected.length);
  let scale = 0;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i] ?? 0));
    worst = Math.max(worst, Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)));
  }
  return worst / Math.max(scale, 1e-12);
}

async function assertSameOnBothBackends(label: string, compute: () => tf.Tensor[]): Promise<void> {
  const reference = await onBackend('cpu', compute);
  const ours = await onBackend('wasm', compute);
  assert.equal(ours.length, reference.length);
  reference.forEach((expected, i) => {
    const error = relativeError(ours[i] as Float32Array, expected);
    assert.ok(error < TOLERANCE, `${label}, output ${i}: relative error ${error.toExponential(2)}`);
    assert.ok(expected.some((v) => v !== 0), `${label}, output ${i}: the reference is all zeros, the check would be empty`);
  });
}

interface ConvCase {
  readonly input: Shape4;
  readonly filter: Shape4;
  readonly stride: 1 | 2;
  readonly pad: Pad;
}

const convCases: ConvCase[] = [];
for (const stride of [1, 2] as const) {
  for (const pad of ['same', 'valid'] as const) {
    convCases.push({ input: [3, 8, 8, 2], filter: [3, 3, 2, 4], stride, pad });
    convCases.push({ input: [2, 7, 9, 3], filter: [4, 3, 3, 5], stride, pad });
    convCases.push({ input: [4, 11, 6, 1], filter: [5, 2, 1, 3], stride, pad });
    // A 1×1 filter with stride 2 over an odd size leaves trailing input the gradient never reads.
    convCases.push({ input: [2, 5, 5, 3], filter: [1, 1, 3, 2], stride, pad });
    // A critic's first layer: the stride divides the filter (all phases in one convolution) and the input has one channel.
    convCases.push({ input: [2, 8, 6, 1], filter: [4, 4, 1, 3], stride, pad });
    // A generator's last layer: one output channel (at stride 1 the filter gradient shifts dy instead of transposing x).
    convCases.push({ input: [3, 6, 7, 5], filter: [3, 3, 5, 1], stride, pad });
    // One output channel from enough input channels: the forward pass goes by taps (1×1 convolution, depthwise, sum).
    convCases.push({ input: [2, 7, 6, 9], filter: [3, 3, 9, 1], stride, pad });
    convCases.push({ input: [2, 9, 8, 12], filter: [2, 4, 12, 1], stride, pad });
  }
}

for (const c of convCases) {
  const label = `conv2d ${c.input.join('×')} * ${c.filter.join('×')}, stride ${c.stride}, ${c.pad}`;
  test(`${label}: wasm gradients w.r.t. input and filter match the cpu backend`, async () => {
    const xValues = seeded(c.input, 1);
    const wValues = seeded(c.filter, 2);
    await assertSameOnBothBackends(label, () => {
      const x = tf.tensor4d(xValues, c.input);
      const w = tf.tensor4d(wValues, c.filter);
      const y = tf.conv2d(x, w, c.stride, c.pad);
      // A fixed, non-uniform weighting of the outputs makes dy vary across positions and channels.
      const weighting = tf.tensor(seeded(y.shape, 3), y.shape);
      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad), weighting)))([x, w]);
      return [y, dx as tf.Tensor, dw as tf.Tensor];
    });
  });
}

const transposeCases: Array<{ input: Shape4; filter: Shape4; output: Shape4; stride: 1 | 2; pad: Pad }> = [
  { input: [2, 7, 7, 4], filter: [4, 4, 3, 4], output: [2, 14, 14, 3], stride: 2, pad: 'same' },
  { input: [2, 5, 6, 3], filter: [3, 3, 2, 3], output: [2, 11, 13, 2], stride: 2, pad: 'valid' },
  { input: [3, 6, 5, 2], filter: [3, 3, 4, 2], output: [3, 6, 5, 4], stride: 1, pad: 'same' },
];

for (const c of transposeCases) {
  const label = `conv2dTranspose ${c.input.join('×')} → ${c.output.join('×')}, stride ${c.stride}, ${c.pad}`;
  test(`${label}: wasm output and gradients match the cpu backend`, async () => {
    const xValues = seeded(c.input, 4);
    const wValues = seeded(c.filter, 5);
    const weightingValues = seeded(c.output, 6);
    await assertSameOnBothBackends(label, () => {
      const x = tf.tensor4d(xValues, c.input);
      const w = tf.tensor4d(wValues, c.filter);
      const weighting = tf.tensor4d(weightingValues, c.output);
      const forward = (a: tf.Tensor, b: tf.Tensor) => tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, c.output, c.stride, c.pad);
      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(forward(a, b), weighting)))([x, w]);
      return [forward(x, w), dx as tf.Tensor, dw as tf.Tensor];
    });
  });
}

test('second-order gradients through a conv critic (a gradient penalty) match the cpu backend', async () => {
  const xValues = seeded([3, 8, 8, 1], 7);
  const w1Values = seeded([3, 3, 1, 4], 8);
  const w2Values = seeded([3, 3, 4, 2], 9);
  await assertSameOnBothBackends('gradient penalty', () => {
    const x = tf.tensor4d(xValues, [3, 8, 8, 1]);
    const w1 = tf.tensor4d(w1Values, [3, 3, 1, 4]);
    const w2 = tf.tensor4d(w2Values, [3, 3, 4, 2]);
    const penalty = (a: tf.Tensor, b: tf.Tensor) => {
      const critic = (input: tf.Tensor) => tf.sum(tf.tanh(tf.conv2d(tf.tanh(tf.conv2d(input as tf.Tensor4D, a as tf.Tensor4D, 2, 'same')), b as tf.Tensor4D, 2, 'same')));
      const inputGradient = tf.grad(critic)(x);
      return tf.sum(tf.square(inputGradient));
    };
    const [d1, d2] = tf.grads(penalty)([w1, w2]);
    return [penalty(w1, w2), d1 as tf.Tensor, d2 as tf.Tensor];
  });
});

test('second-order gradients through one-output-channel layers and narrow patches match the cpu backend', async () => {
  // Layer 1 has 3·3·1 = 9 patch entries (im2col filter gradient); layer 2 has one output channel from 8 inputs
  // (forward by taps; at stride 1 its filter gradient shifts dy, at stride 2 it takes the generic path).
  for (const stride of [1, 2] as const) {
    const xValues = seeded([2, 9, 9, 1], 12);
    const w1Values = seeded([3, 3, 1, 8], 13);
    const w2Values = seeded([3, 3, 8, 1], 14);
    await assertSameOnBothBackends(`gradient penalty, one output channel, stride ${stride}`, () => {
      const x = tf.tensor4d(xValues, [2, 9, 9, 1]);
      const w1 = tf.tensor4d(w1Values, [3, 3, 1, 8]);
      const w2 = tf.tensor4d(w2Values, [3, 3, 8, 1]);
      const penalty = (a: tf.Tensor, b: tf.Tensor) => {
        const critic = (input: tf.Tensor) => tf.sum(tf.tanh(tf.conv2d(tf.tanh(tf.conv2d(input as tf.Tensor4D, a as tf.Tensor4D, 2, 'same')), b as tf.Tensor4D, stride, 'same')));
        return tf.sum(tf.square(tf.grad(critic)(x)));
      };
      const [d1, d2] = tf.grads(penalty)([w1, w2]);
      return [penalty(w1, w2), d1 as tf.Tensor, d2 as tf.Tensor];
    });
  }
});

test('a one-output-channel convolution takes the by-taps path, and narrower ones keep the backend kernel', async () => {
  assert.ok(await tf.setBackend('wasm'));
  const backend = tf.backend();
  const x = tf.tensor4d(seeded([2, 6, 6, 8], 15), [2, 6, 6, 8]);
  const wide = tf.tensor4d(seeded([3, 3, 8, 1], 16), [3, 3, 8, 1]);
  const narrow = tf.tensor4d(seeded([3, 3, 8, 2], 17), [3, 3, 8, 2]);
  const attrs = { strides: 1, pad: 'same' as const };
  const byTaps = conv2dOneOutputChannelOnWasm(tf, backend, x, wide, attrs);
  assert.ok(byTaps, 'one output channel from 8 inputs goes by taps');
  assert.deepEqual(byTaps.shape, [2, 6, 6, 1]);
  const ours = tf.engine().makeTensorFromTensorInfo(byTaps);
  const reference = await onBackend('cpu', () => [tf.conv2d(tf.tensor4d(seeded([2, 6, 6, 8], 15), [2, 6, 6, 8]), tf.tensor4d(seeded([3, 3, 8, 1], 16), [3, 3, 8, 1]), 1, 'same')]);
  assert.ok(await tf.setBackend('wasm'));
  assert.ok(relativeError(ours.dataSync() as Float32Array, reference[0] as Float32Array) < TOLERANCE);
  assert.equal(conv2dOneOutputChannelOnWasm(tf, backend, x, narrow, attrs), undefined, 'two output channels keep the backend kernel');
  assert.equal(conv2dOneOutputChannelOnWasm(tf, backend, x, wide, { ...attrs, dilations: 2 } as typeof attrs), undefined, 'dilated convolutions keep the backend kernel');
  tf.dispose([ours, x, wide, narrow]);
});

test('the heap crop copies exactly the requested block and rejects blocks outside the tensor', async () => {
  const shape = [3, 5, 4, 2];
  const values = seeded(shape, 18);
  const cases: Array<[number[], number[]]> = [
    [[0, 1, 1, 0], [3, 3, 2, 2]],
    [[1, 0, 0, 1], [2, 5, 4, 1]],
    [[0, 0, 0, 0], [3, 5, 4, 2]],
    [[2, 4, 3, 1], [1, 1, 1, 1]],
  ];
  for (const [begin, size] of cases) {
    const [expected] = await onBackend('cpu', () => [tf.slice(tf.tensor(values, shape), begin, size)]);
    assert.ok(await tf.setBackend('wasm'));
    const x = tf.tensor(values, shape);
    const backend = tf.backend();
    const cropped = tf.engine().makeTensorFromTensorInfo(withKernelScope(tf, backend, (scope) => scope.crop(x, begin, size)));
    assert.deepEqual(cropped.shape, size);
    assert.deepEqual(Array.from(cropped.dataSync()), Array.from(expected as Float32Array), `crop ${size.join('×')} at ${begin.join(',')}`);
    tf.dispose([x, cropped]);
  }
  assert.ok(await tf.setBackend('wasm'));
  const x = tf.tensor(values, shape);
  const dataIds = tf.backend().numDataIds();
  assert.throws(() => withKernelScope(tf, tf.backend(), (scope) => scope.crop(x as unknown as TensorInfo, [0, 3, 0, 0], [3, 3, 4, 2])), /cannot crop \[3, 3, 4, 2\] at \[0, 3, 0, 0\]/);
  assert.throws(() => withKernelScope(tf, tf.backend(), (scope) => scope.crop(x as unknown as TensorInfo, [0, 0], [1, 1])), /cannot crop/);
  assert.equal(tf.backend().numDataIds(), dataIds, 'a rejected crop allocates nothing');
  x.dispose();
});

test('Slice on wasm copies what the cpu backend copies, for float32 and for other dtypes', async () => {
  const shape = [3, 6, 5, 2];
  const values = seeded(shape, 19);
  const cases: Array<[number[], number[]]> = [
    [[0, 1, 1, 0], [3, 4, 3, 2]],
    [[1, 0, 2, 1], [-1, 6, -1, 1]],
    [[0, 0, 0, 0], [3, 6, 5, 2]],
  ];
  for (const [begin, size] of cases) {
    const [expected] = await onBackend('cpu', () => [tf.slice(tf.tensor(values, shape), begin, size)]);
    const [ours] = await onBackend('wasm', () => [tf.slice(tf.tensor(values, shape), begin, size)]);
    assert.deepEqual(Array.from(ours as Float32Array), Array.from(expected as Float32Array), `slice ${size.join('×')} at ${begin.join(',')}`);
  }
  const [vector] = await onBackend('wasm', () => [tf.slice(tf.tensor1d([1, 2, 3, 4, 5]), [1], [3])]);
  assert.deepEqual(Array.from(vector as Float32Array), [2, 3, 4]);
  assert.ok(await tf.setBackend('wasm'));
  const integers = tf.slice(tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32'), [1, 1], [1, 2]);
  assert.equal(integers.dtype, 'int32');
  assert.deepEqual(Array.from(integers.dataSync()), [5, 6]);
  integers.dispose();
  assert.throws(() => tf.slice(tf.tensor(values, shape), [0, 4, 0, 0], [3, 4, 5, 2]), /slice/i);
});

/**
 * Nearest 2× upsampling from concatenations, whose gradients are plain slices. The cpu backend's
 * ResizeNearestNeighborGrad cannot be the reference: it is wrong for batches of more than one.
 */
function repeatPixels(x: tf.Tensor): tf.Tensor4D {
  const [batch = 0, height = 0, width = 0, channels = 0] = x.shape;
  const columns = tf.reshape(x, [batch, height, width, 1, channels]);
  const wide = tf.reshape(tf.concat([columns, columns], 3), [batch, height, 1, 2 * width, channels]);
  return tf.reshape(tf.concat([wide, wide], 2), [batch, 2 * height, 2 * width, channels]);
}

test('the fused upsample-convolution on wasm matches nearest upsampling + convolution on the cpu backend, with gradients', async () => {
  for (const [inChannels, outChannels, side] of [
    [6, 4, 5],
    [4, 1, 7],
  ] as const) {
    const xValues = seeded([2, side, side, inChannels], 30);
    const filterValues = seeded([3, 3, inChannels, outChannels], 31);
    const biasValues = seeded([outChannels], 32);
    const compute = (fused: boolean) => () => {
      const x = tf.tensor4d(xValues, [2, side, side, inChannels]);
      const filter = tf.tensor4d(filterValues, [3, 3, inChannels, outChannels]);
      const bias = tf.tensor1d(biasValues);
      const op = createUpsampleConvOp(tf);
      const apply = (a: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor =>
        fused ? op(a, w, b) : tf.add(tf.conv2d(repeatPixels(a), w as tf.Tensor4D, 1, 'same'), b);
      const weight = tf.tensor4d(seeded([2, 2 * side, 2 * side, outChannels], 33), [2, 2 * side, 2 * side, outChannels]);
      const grads = tf.grads((a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.square(apply(a, w, b)), weight)))([x, filter, bias]);
      return [apply(x, filter, bias), ...grads];
    };
    const reference = await onBackend('cpu', compute(false));
    const ours = await onBackend('wasm', compute(true));
    reference.forEach((expected, i) => {
      const error = relativeError(ours[i] as Float32Array, expected);
      assert.ok(error < TOLERANCE, `${inChannels}→${outChannels} at ${side}×${side}, output ${i}: relative error ${error.toExponential(2)}`);
    });
  }
});

test('registration is idempotent and touches only the wasm backend', () => {
  const cpuBefore = WASM_TRAINING_KERNELS.map((name) => tf.getKernel(name, 'cpu'));
  const first = WASM_TRAINING_KERNELS.map((name) => tf.getKernel(name, 'wasm'));
  registerWasmTrainingKernels(tf);
  registerWasmTrainingKernels(tf);
  WASM_TRAINING_KERNELS.forEach((name, i) => {
    assert.ok(first[i], `${name} is registered for wasm`);
    assert.equal(tf.getKernel(name, 'wasm'), first[i], `${name} was not re-registered`);
    assert.equal(tf.getKernel(name, 'cpu'), cpuBefore[i], `${name} on cpu is unchanged`);
  });
});

test('the wasm kernels free their intermediates, with and without a final crop', async () => {
  assert.ok(await tf.setBackend('wasm'));
  const backend = tf.backend();
  // 9×9 at stride 2 pads one row above (the phases need a crop); 8×8 does not; stride 1 has no phases.
  for (const [size, stride] of [[9, 2], [8, 2], [8, 1]] as const) {
    const x = tf.tensor4d(seeded([2, size, size, 3], 10), [2, size, size, 3]);
    const w = tf.tensor4d(seeded([3, 3, 3, 4], 11), [3, 3, 3, 4]);
    const step = () => tf.tidy(() => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, 'same')))([x, w]));
    tf.dispose(step());
    const dataIds = backend.numDataIds();
    for (let i = 0; i < 5; i++) tf.dispose(step());
    assert.equal(backend.numDataIds(), dataIds, `${size}×${size}, stride ${stride}`);
    tf.dispose([x, w]);
  }
});
