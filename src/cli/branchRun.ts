/**
 * `genmon train --resume <run-dir> --from-checkpoint <k> --branch-run-dir <dir>`: a new run in
 * <dir> that continues from the parent's checkpoint k. The parent is only read, so going back to
 * before a problem began never loses the run that showed it.
 */
import { BranchRefusedError, planBranch, type BranchPlan } from '../trainer/checkpoint/branchPlan';
import type { CliIo } from './cliIo';
import { continuedBackendRequest, type PreparedRun } from './preparedRun';

export interface BranchArguments {
  readonly parentRunDir: string;
  /** A checkpoint's iteration or folder; undefined: the parent's newest. */
  readonly checkpoint: string | undefined;
  readonly branchRunDir: string;
  readonly maxIterations: number | undefined;
  readonly backend: PreparedRun['backendRequest']['requested'] | undefined;
}

/** Undefined (after saying why on stderr) when the branch cannot start. */
export function prepareBranchRun(args: BranchArguments, io: CliIo): PreparedRun | undefined {
  let plan: BranchPlan;
  try {
    plan = planBranch(args.parentRunDir, args.checkpoint, args.branchRunDir);
  } catch (error) {
    if (!(error instanceof BranchRefusedError)) throw error;
    io.err(`genmon train: ${error.message}`);
    return undefined;
  }
  const { parent, checkpoint } = plan;
  // A branch is a new run: its header records the config it trains with, --max-iterations included.
  const config = {
    ...parent.config,
    training: {
      ...parent.config.training,
      ...(args.maxIterations !== undefined ? { maxIterations: args.maxIterations } : {}),
      ...(args.backend !== undefined ? { backend: args.backend } : {}),
    },
  };
  if (checkpoint.iteration >= config.training.maxIterations) {
    io.err(
      `genmon train: cannot branch from ${args.parentRunDir}: its checkpoint is at iteration ${checkpoint.iteration}, already at maxIterations ${config.training.maxIterations}; pass --max-iterations with a larger number`,
    );
    return undefined;
  }
  return {
    config,
    configText: parent.header.configSource ?? '',
    configPath: parent.header.configPath ?? '',
    backendRequest: continuedBackendRequest(parent.header, parent.config, args.backend, 'the parent run'),
    branch: { origin: plan.origin, checkpoint, checkpointPath: plan.checkpointPath },
  };
}
