/**
 * Training speed of the ring-8 MLP GAN (examples/ring8.genmon.yaml) and of the conv GAN and VAE on
 * MNIST (examples/mnist-gan.genmon.yaml, mnist-vae.genmon.yaml) on every backend this machine has,
 * the PyTorch peers of all three (and wasm ÷ PyTorch for the conv GAN) when the system Python has
 * torch, and what snapshots cost at the default interval. Backends that are not installed are
 * skipped with a note, never reported as zero.
 */
import type { ExperimentConfig } from '../../src/core/config/types';
import { BackendUnavailableError, selectBackend, type SelectedBackend } from '../../src/trainer/backend';
import { loadExampleConfig } from '../support/exampleConfig';
import { measureSnapshotOverhead } from '../support/snapshotOverhead';
import { withTempDir } from '../support/tempDir';
import { measureTorchSpeed, SYSTEM_PYTHON, torchUnavailableReason } from '../support/torchPeer';
import { wasmVsTorchRatios } from '../support/torchRatio';
import { measureTrainingSpeed, type StepPlan } from '../support/trainingSpeed';
import type { BenchContext, BenchGroup, BenchResult } from '../types';

type MeasuredBackend = 'wasm' | 'cpu' | 'tensorflow';

/** The pure-JS cpu backend runs ~6 steps/s here: a handful of steps is all a bounded run can afford. */
function stepPlan(backend: MeasuredBackend | 'torch-cpu', quick: boolean): StepPlan {
  if (backend === 'cpu') return quick ? { warmupSteps: 1, stepsPerRepeat: 3, repeats: 2 } : { warmupSteps: 2, stepsPerRepeat: 5, repeats: 3 };
  return quick ? { warmupSteps: 10, stepsPerRepeat: 50, repeats: 3 } : { warmupSteps: 20, stepsPerRepeat: 100, repeats: 5 };
}

/**
 * A conv step on 64 MNIST digits takes under a second on wasm and one to three minutes on the
 * pure-JS cpu backend, which compiles nothing and so needs no warm-up: one timed step is all a
 * bounded run can afford there.
 */
function convStepPlan(backend: MeasuredBackend | 'torch-cpu', quick: boolean): StepPlan {
  if (backend === 'cpu') return { warmupSteps: 0, stepsPerRepeat: 1, repeats: 1 };
  return quick ? { warmupSteps: 2, stepsPerRepeat: 3, repeats: 2 } : { warmupSteps: 3, stepsPerRepeat: 10, repeats: 3 };
}

const CONV_MODELS = [
  { figure: 'convgan', example: 'mnist-gan' },
  { figure: 'convvae', example: 'mnist-vae' },
] as const;

/**
 * The PyTorch peers of the MLP GAN and of the conv models, each timed like wasm. The conv GAN is
 * timed twice: as PyTorch users write it (interpolate + Conv2d), and with the upsampling fused into
 * the convolution as genmon computes it, so that the ratio can be read both ways.
 */
function measureTorchPeers(context: BenchContext, mlpConfig: ExperimentConfig): BenchResult[] {
  const convPeers = CONV_MODELS.map(({ figure, example }) => ({ figure, config: loadExampleConfig(example), source: `examples/${example}.genmon.yaml`, plan: convStepPlan('torch-cpu', context.quick), fusedUpsample: false }));
  const peers = [
    { figure: 'mlpgan', config: mlpConfig, source: 'examples/ring8.genmon.yaml', plan: stepPlan('torch-cpu', context.quick), fusedUpsample: false },
    ...convPeers,
    ...convPeers.filter(({ figure }) => figure === 'convgan').map((peer) => ({ ...peer, fusedUpsample: true })),
  ];
  return peers.map(({ figure, config, source, plan, fusedUpsample }) => {
    context.log(`${figure} on torch-cpu${fusedUpsample ? ' (fused upsampling)' : ''}: ${plan.warmupSteps} + ${plan.repeats} × ${plan.stepsPerRepeat} steps with ${SYSTEM_PYTHON}`);
    const torch = measureTorchSpeed(config, plan, { fusedUpsample });
    return {
      name: `trainer.${figure}.torch-cpu${fusedUpsample ? '-fused' : ''}`,
      unit: 'steps/s',
      value: torch.stepsPerSecond,
      note: `PyTorch ${torch.torchVersion}, ${torch.threads} thread, ${source}${fusedUpsample ? ', upsampling fused into the convolution' : ''}, median of ${plan.repeats} × ${plan.stepsPerRepeat} steps after ${plan.warmupSteps} warm-up`,
    };
  });
}

async function run(context: BenchContext): Promise<BenchResult[]> {
  const config = loadExampleConfig('ring8');
  const results: BenchResult[] = [];

  const select = async (requested: MeasuredBackend | 'auto'): Promise<SelectedBackend | undefined> => {
    try {
      const selected = await selectBackend({ requested, requestedBy: 'bench' });
      // selectBackend falls back from wasm to cpu; a cpu figure must not be filed under wasm.
      if (requested !== 'auto' && !selected.backend.startsWith(requested)) {
        context.log(`skipping ${requested}: got ${selected.backend} instead (${selected.reason})`);
        return undefined;
      }
      return selected;
    } catch (error) {
      if (!(error instanceof BackendUnavailableError)) throw error;
      context.log(`skipping ${requested}: ${error.message}`);
      return undefined;
    }
  };

  for (const backend of ['wasm', 'cpu', 'tensorflow'] as const) {
    const selected = await select(backend);
    if (!selected) continue;
    const plan = stepPlan(backend, context.quick);
    context.log(`${selected.backend}: ${plan.warmupSteps} + ${plan.repeats} × ${plan.stepsPerRepeat} steps`);
    const speed = await measureTrainingSpeed(selected.tf, config, plan, context.clock);
    results.push({ name: `trainer.mlpgan.${backend}`, unit: 'steps/s', value: speed.stepsPerSecond, note: `${selected.backend}, ${speed.note}` });
  }

  for (const backend of ['wasm', 'cpu', 'tensorflow'] as const) {
    const selected = await select(backend);
    if (!selected) continue;
    for (const { figure, example } of CONV_MODELS) {
      const convConfig = loadExampleConfig(example);
      const plan = convStepPlan(backend, context.quick);
      context.log(`${figure} (${example}) on ${selected.backend}: ${plan.warmupSteps} + ${plan.repeats} × ${plan.stepsPerRepeat} steps`);
      const speed = await measureTrainingSpeed(selected.tf, convConfig, plan, context.clock);
      results.push({ name: `trainer.${figure}.${backend}`, unit: 'steps/s', value: speed.stepsPerSecond, note: `${selected.backend}, examples/${example}.genmon.yaml, ${speed.note}` });
    }
  }

  const torchMissing = torchUnavailableReason();
  if (torchMissing) context.log(`skipping torch-cpu: ${torchMissing}`);
  else results.push(...measureTorchPeers(context, config));

  results.push(...wasmVsTorchRatios(results));

  // The default backend choice ('auto') is what a user's run gets, so that is where overhead matters.
  const selected = await select('auto');
  if (!selected) throw new Error('no backend could be started to measure the snapshot overhead');
  const iterations = context.quick ? 3 * config.snapshot.every : 10 * config.snapshot.every;
  context.log(`snapshot overhead: ${iterations} iterations on ${selected.backend}, snapshot every ${config.snapshot.every}`);
  const overhead = await withTempDir((dir) => measureSnapshotOverhead(selected.tf, config, iterations, dir, context.clock));
  const samples = `${config.snapshot.realSamples}+${config.snapshot.generatedSamples} samples`;
  results.push(
    {
      name: 'trainer.snapshot_overhead',
      unit: '%',
      value: overhead.percent,
      note: `${selected.backend}, ${overhead.snapshotsTimed} snapshots (every ${config.snapshot.every}, ${samples}) in ${(overhead.wallMs / 1000).toFixed(1)} s`,
    },
    { name: 'trainer.snapshot_ms', unit: 'ms', value: overhead.medianSnapshotMs, note: `capture + encode + append of one snapshot, median of ${overhead.snapshotsTimed}` },
  );
  return results;
}

export const trainerGroup: BenchGroup = {
  name: 'trainer',
  description: 'MLP GAN (ring of 8), conv GAN and VAE (MNIST) steps/s per backend, and snapshot overhead',
  run,
};
