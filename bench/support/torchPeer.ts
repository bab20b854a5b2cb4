/**
 * The same MLP GAN in PyTorch on the CPU, one thread: the peer figure that says how far the
 * tfjs backends are from a native framework on this machine. It runs only where the system Python
 * has torch (Debian's python3-torch); genmon never installs it.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { ExperimentConfig } from '../../src/core/config/types';
import type { StepPlan } from './trainingSpeed';

export const SYSTEM_PYTHON = '/usr/bin/python3';
const SCRIPT = path.resolve(__dirname, '..', 'python', 'mlpgan_torch.py');

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

/** Why torch cannot be used, or undefined when it can. */
export function torchUnavailableReason(python: string = SYSTEM_PYTHON): string | undefined {
  const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8', timeout: 120_000 });
  if (probe.error) return `${python} cannot be run (${probe.error.message})`;
  if (probe.status !== 0) return `${python} has no torch (${lastLine(probe.stderr) || `exit ${probe.status}`})`;
  return undefined;
}

export interface TorchSpeed {
  readonly stepsPerSecond: number;
  readonly torchVersion: string;
}

export function measureTorchSpeed(config: ExperimentConfig, plan: StepPlan, python: string = SYSTEM_PYTHON): TorchSpeed {
  const { model, training, dataset } = config;
  if (dataset.type !== 'gaussian-mixture' || dataset.layout !== 'ring') throw new Error('the PyTorch peer only knows the ring of Gaussians');
  if (model.type !== 'gan' || model.architecture !== 'mlp') throw new Error(`the PyTorch peer only knows the MLP GAN (got ${model.type}, ${model.architecture})`);
  const args = [
    SCRIPT,
    ...['--latent', String(model.latentDim), '--hidden-g', model.generator.hidden.join(','), '--hidden-d', model.discriminator.hidden.join(',')],
    ...['--batch', String(training.batchSize), '--lr', String(training.learningRate), '--beta1', String(training.beta1), '--beta2', String(training.beta2)],
    ...['--modes', String(dataset.modes), '--radius', String(dataset.radius), '--sigma', String(dataset.sigma), '--seed', String(config.seed)],
    ...['--warmup', String(plan.warmupSteps), '--steps', String(plan.stepsPerRepeat), '--repeats', String(plan.repeats), '--threads', '1'],
  ];
  // One thread everywhere: OpenMP/MKL would otherwise start a pool before set_num_threads runs.
  const env = { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const result = spawnSync(python, args, { encoding: 'utf8', timeout: 300_000, env });
  if (result.error) throw new Error(`the PyTorch peer could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`the PyTorch peer failed (exit ${result.status}): ${lastLine(result.stderr)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(lastLine(result.stdout));
  } catch {
    throw new Error(`the PyTorch peer printed no JSON result: ${lastLine(result.stdout)}`);
  }
  const { steps_per_second: stepsPerSecond, torch: torchVersion } = (parsed ?? {}) as { steps_per_second?: unknown; torch?: unknown };
  if (typeof stepsPerSecond !== 'number' || typeof torchVersion !== 'string') throw new Error(`the PyTorch peer printed an unexpected result: ${lastLine(result.stdout)}`);
  return { stepsPerSecond, torchVersion };
}
