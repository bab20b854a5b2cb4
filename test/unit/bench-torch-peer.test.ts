import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadExampleConfig } from '../../bench/support/exampleConfig';
import { parseTorchResult, torchPeerArguments } from '../../bench/support/torchPeer';
import { CONV_SCRIPT, MLP_GAN_SCRIPT } from '../../bench/support/torchPeerArguments';
import { FUSED_RATIO_FIGURE, RATIO_FIGURE, TORCH_FUSED_FIGURE, wasmVsTorchRatio, wasmVsTorchRatios } from '../../bench/support/torchRatio';

const PLAN = { warmupSteps: 2, stepsPerRepeat: 7, repeats: 3 };

/** `--flag value` pairs (and bare flags as true) of a peer's command line, after the script. */
function options(args: readonly string[]): Map<string, string | true> {
  const found = new Map<string, string | true>();
  for (let i = 1; i < args.length; i++) {
    const arg = args[i] as string;
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      found.set(arg, next);
      i++;
    } else found.set(arg, true);
  }
  return found;
}

test('the conv GAN peer gets the sizes, optimiser and step plan of examples/mnist-gan', () => {
  const config = loadExampleConfig('mnist-gan');
  const args = torchPeerArguments(config, PLAN);
  assert.equal(args[0], CONV_SCRIPT);
  const got = options(args);
  assert.equal(got.get('--model'), 'gan');
  assert.equal(got.get('--side'), '28');
  assert.equal(got.get('--channels'), '1');
  assert.equal(got.get('--latent'), String(config.model.latentDim));
  assert.equal(got.get('--base-channels'), String(config.model.baseChannels));
  assert.equal(got.get('--batch'), '64');
  assert.equal(got.get('--lr'), String(config.training.learningRate));
  assert.equal(got.get('--beta1'), String(config.training.beta1));
  assert.equal(got.get('--beta2'), String(config.training.beta2));
  assert.equal(got.get('--pixel-norm'), config.model.pixelNorm ? true : undefined);
  assert.equal(got.has('--kl-anneal'), false);
  assert.equal(got.has('--fused-upsample'), false);
  assert.deepEqual([got.get('--warmup'), got.get('--steps'), got.get('--repeats'), got.get('--threads')], ['2', '7', '3', '1']);
  const fused = options(torchPeerArguments(config, PLAN, { fusedUpsample: true }));
  assert.equal(fused.get('--fused-upsample'), true);
  assert.equal(fused.get('--latent'), got.get('--latent'));
});

test('the conv VAE peer gets the KL annealing and latent size of examples/mnist-vae', () => {
  const config = loadExampleConfig('mnist-vae');
  assert.equal(config.model.type, 'vae');
  const got = options(torchPeerArguments(config, PLAN));
  assert.equal(got.get('--model'), 'vae');
  assert.equal(got.get('--latent'), '16');
  assert.equal(got.get('--kl-anneal'), config.model.type === 'vae' ? String(config.model.klAnnealIterations) : undefined);
  assert.equal(got.get('--lr'), '0.001');
});

test('the MLP GAN still goes to its own peer', () => {
  const args = torchPeerArguments(loadExampleConfig('ring8'), PLAN);
  assert.equal(args[0], MLP_GAN_SCRIPT);
  assert.equal(options(args).get('--modes'), '8');
});

test('models the peers do not implement are refused with the reason', () => {
  const vae = loadExampleConfig('mnist-vae');
  if (vae.model.type !== 'vae') throw new Error('mnist-vae is expected to be a VAE');
  const gaussian = { ...vae, model: { ...vae.model, decoder: 'gaussian' as const } };
  assert.throws(() => torchPeerArguments(gaussian, PLAN), /Bernoulli decoder/);
  const gan = loadExampleConfig('mnist-gan');
  if (gan.model.type !== 'gan') throw new Error('mnist-gan is expected to be a GAN');
  const wgan = { ...gan, model: { ...gan.model, type: 'wgan-gp' as const, gradientPenalty: 10, criticIterations: 5 } };
  assert.throws(() => torchPeerArguments(wgan, PLAN), /not wgan-gp/);
  const ring = loadExampleConfig('ring8');
  assert.throws(() => torchPeerArguments({ ...ring, model: { ...ring.model, architecture: 'conv' } }, PLAN), /only knows MNIST/);
});

test('the peer result is read from the last stdout line', () => {
  const result = parseTorchResult('a warning\n{"steps_per_second": 12.5, "torch": "1.13.1", "threads": 1}\n');
  assert.deepEqual(result, { stepsPerSecond: 12.5, torchVersion: '1.13.1', threads: 1 });
});

test('a missing, malformed or implausible peer result is an error that quotes it', () => {
  assert.throws(() => parseTorchResult(''), /no JSON result: \(nothing\)/);
  assert.throws(() => parseTorchResult('Traceback (most recent call last)'), /no JSON result: Traceback/);
  assert.throws(() => parseTorchResult('{"steps_per_second": "fast", "torch": "1.13.1", "threads": 1}'), /unexpected result.*fast/);
  assert.throws(() => parseTorchResult('{"steps_per_second": 0, "torch": "1.13.1", "threads": 1}'), /unexpected result/);
  assert.throws(() => parseTorchResult('null'), /unexpected result/);
});

test('the wasm-vs-torch ratio divides the two conv GAN figures of one run and says whether the target is met', () => {
  const wasm = { name: 'trainer.convgan.wasm', unit: 'steps/s', value: 3 };
  const torch = { name: 'trainer.convgan.torch-cpu', unit: 'steps/s', value: 12 };
  const ratio = wasmVsTorchRatio([wasm, { name: 'trainer.convvae.wasm', unit: 'steps/s', value: 99 }, torch]);
  assert.equal(ratio?.name, RATIO_FIGURE);
  assert.equal(ratio?.unit, 'ratio');
  assert.equal(ratio?.value, 0.25);
  assert.match(ratio?.note ?? '', /missed/);
  assert.match(wasmVsTorchRatio([{ ...wasm, value: 6 }, torch])?.note ?? '', /met/);
});

test('the ratios are reported against each PyTorch peer that ran', () => {
  const wasm = { name: 'trainer.convgan.wasm', unit: 'steps/s', value: 3 };
  const torch = { name: 'trainer.convgan.torch-cpu', unit: 'steps/s', value: 5 };
  const torchFused = { name: TORCH_FUSED_FIGURE, unit: 'steps/s', value: 7.5 };
  const both = wasmVsTorchRatios([wasm, torch, torchFused]);
  assert.deepEqual(
    both.map(({ name, value }) => [name, value]),
    [
      [RATIO_FIGURE, 0.6],
      [FUSED_RATIO_FIGURE, 0.4],
    ],
  );
  assert.match(both[0]?.note ?? '', /met/);
  assert.match(both[1]?.note ?? '', /missed/);
  assert.deepEqual(wasmVsTorchRatios([wasm, torch]).map(({ name }) => name), [RATIO_FIGURE]);
});

test('no ratio unless both conv GAN figures were measured', () => {
  assert.equal(wasmVsTorchRatio([{ name: 'trainer.convgan.wasm', unit: 'steps/s', value: 3 }]), undefined);
  assert.equal(wasmVsTorchRatio([{ name: 'trainer.convgan.torch-cpu', unit: 'steps/s', value: 3 }]), undefined);
  assert.equal(wasmVsTorchRatio([]), undefined);
});
