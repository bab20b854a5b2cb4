/**
 * The same models in PyTorch on the CPU, one thread: the peer figures that say how far the tfjs
 * backends are from a native framework on this machine. They run only where the system Python
 * has torch (Debian's python3-torch); genmon never installs it.
 */
import { spawnSync } from 'node:child_process';
import type { ExperimentConfig } from '../../src/core/config/types';
import { convPeerArguments, mlpGanPeerArguments, type ConvPeerOptions } from './torchPeerArguments';
import type { StepPlan } from './trainingSpeed';

export const SYSTEM_PYTHON = '/usr/bin/python3';

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
  readonly threads: number;
}

/** The peer's result: the last line of its stdout, one JSON object; anything else is an error that quotes it. */
export function parseTorchResult(stdout: string): TorchSpeed {
  const line = lastLine(stdout);
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error(`the PyTorch peer printed no JSON result: ${line || '(nothing)'}`);
  }
  const { steps_per_second: stepsPerSecond, torch: torchVersion, threads } = (parsed ?? {}) as { steps_per_second?: unknown; torch?: unknown; threads?: unknown };
  if (typeof stepsPerSecond !== 'number' || !(stepsPerSecond > 0) || !Number.isFinite(stepsPerSecond) || typeof torchVersion !== 'string' || typeof threads !== 'number') {
    throw new Error(`the PyTorch peer printed an unexpected result: ${line}`);
  }
  return { stepsPerSecond, torchVersion, threads };
}

/** The peer script and its arguments for a config: the MLP GAN, or the conv GAN / VAE. */
export function torchPeerArguments(config: ExperimentConfig, plan: StepPlan, options: ConvPeerOptions = {}): string[] {
  return config.model.architecture === 'conv' ? convPeerArguments(config, plan, options) : mlpGanPeerArguments(config, plan);
}

export function measureTorchSpeed(config: ExperimentConfig, plan: StepPlan, options: ConvPeerOptions = {}, python: string = SYSTEM_PYTHON): TorchSpeed {
  // One thread everywhere: OpenMP/MKL would otherwise start a pool before set_num_threads runs.
  const env = { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const result = spawnSync(python, torchPeerArguments(config, plan, options), { encoding: 'utf8', timeout: 300_000, env });
  if (result.error) throw new Error(`the PyTorch peer could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`the PyTorch peer failed (exit ${result.status}): ${lastLine(result.stderr)}`);
  return parseTorchResult(result.stdout);
}
