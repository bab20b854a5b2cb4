/**
 * `genmon train <config> --run-dir <dir>`: validate the config, pick a backend, train.
 * `genmon train --resume <run-dir>`: continue a stopped run from its newest checkpoint.
 * `genmon train --resume <run-dir> [--from-checkpoint <k>] --branch-run-dir <dir>`: a new run from one of its checkpoints.
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { formatProblem, loadConfigFile } from '../core/config/parse';
import type { BackendChoice, ExperimentConfig } from '../core/config/types';
import { removeTrainerPid } from '../core/run/trainerPid';
import { STREAM_FILE_NAME } from '../protocol/stream';
import { BackendUnavailableError, selectBackend, type SelectedBackend } from '../trainer/backend';
import { planResume, ResumeRefusedError, type ResumePlan } from '../trainer/checkpoint/resumePlan';
import { runTrainer } from '../trainer/runTrainer';
import { StopSignal } from '../trainer/stopSignal';
import { prepareBranchRun } from './branchRun';
import type { CliIo } from './cliIo';
import { parseCommandLine, singlePositional } from './commandLine';
import { EXIT_USAGE, type ExitCode } from './exitCodes';
import { continuedBackendRequest, type PreparedRun } from './preparedRun';
import { UsageError } from './usageError';

const BACKENDS: readonly BackendChoice[] = ['auto', 'wasm', 'cpu', 'tensorflow'];

export interface TrainArguments {
  readonly help: boolean;
  readonly configPath: string;
  readonly runDir: string;
  readonly maxIterations: number | undefined;
  readonly backend: BackendChoice | undefined;
  readonly tfjsNodePath: string | undefined;
  readonly exitWithParent: boolean;
  /** Present (true) only for `--resume <run-dir>`: then `runDir` is that run and `configPath` is empty. */
  readonly resume?: true;
  /**
   * Present only for `--resume <run-dir> --branch-run-dir <dir>`: the run branched from and its
   * checkpoint (undefined: the newest); `runDir` is then the new branch directory, `configPath` empty.
   */
  readonly branch?: { readonly parentRunDir: string; readonly checkpoint: string | undefined };
}

/** Throws UsageError for anything that is not a runnable train command line. */
export function parseTrainArguments(args: readonly string[]): TrainArguments {
  const { values, positionals } = parseCommandLine(args, {
    'run-dir': { type: 'string' },
    resume: { type: 'string' },
    'max-iterations': { type: 'string' },
    backend: { type: 'string' },
    'tfjs-node-path': { type: 'string' },
    'exit-with-parent': { type: 'boolean', default: false },
    'from-checkpoint': { type: 'string' },
    'branch-run-dir': { type: 'string' },
  });
  if (values.help) {
    return { help: true, configPath: '', runDir: '', maxIterations: undefined, backend: undefined, tfjsNodePath: undefined, exitWithParent: false };
  }
  const resumeDir = values.resume;
  if (resumeDir !== undefined) {
    if (resumeDir === '') throw new UsageError('--resume needs a <run-dir>');
    if (positionals.length > 0) throw new UsageError('--resume takes the config from the run itself: do not pass a <config>');
    if (values['run-dir'] !== undefined) throw new UsageError('--resume <run-dir> names the run directory: do not pass --run-dir');
  } else {
    singlePositional(positionals, '<config>');
  }
  const branchDir = values['branch-run-dir'];
  const fromCheckpoint = values['from-checkpoint'];
  if (resumeDir === undefined && (branchDir !== undefined || fromCheckpoint !== undefined)) {
    throw new UsageError('--from-checkpoint and --branch-run-dir branch from an existing run: pass it as --resume <run-dir>');
  }
  if (fromCheckpoint !== undefined && branchDir === undefined) {
    throw new UsageError('--from-checkpoint needs --branch-run-dir <dir>: a run continues in place only from its newest checkpoint; an earlier one starts a branch run in a new directory');
  }
  if (branchDir === '') throw new UsageError('--branch-run-dir needs a <dir>');
  if (fromCheckpoint === '') throw new UsageError('--from-checkpoint needs a checkpoint (its iteration, e.g. 200)');
  const runDir = branchDir ?? resumeDir ?? values['run-dir'];
  if (runDir === undefined || runDir === '') throw new UsageError('missing --run-dir <dir>');

  let maxIterations: number | undefined;
  const maxText = values['max-iterations'];
  if (maxText !== undefined) {
    maxIterations = Number(maxText);
    if (!/^\d+$/.test(maxText) || !Number.isSafeInteger(maxIterations) || maxIterations < 1) {
      throw new UsageError(`--max-iterations must be a whole number ≥ 1 (got '${maxText}')`);
    }
  }
  const backend = values.backend;
  if (backend !== undefined && !BACKENDS.includes(backend as BackendChoice)) {
    throw new UsageError(`--backend must be one of ${BACKENDS.join(', ')} (got '${backend}')`);
  }
  return {
    help: false,
    configPath: positionals[0] ?? '',
    runDir,
    maxIterations,
    backend: backend as BackendChoice | undefined,
    tfjsNodePath: values['tfjs-node-path'],
    exitWithParent: values['exit-with-parent'] ?? false,
    ...(resumeDir !== undefined && branchDir === undefined ? { resume: true as const } : {}),
    ...(resumeDir !== undefined && branchDir !== undefined ? { branch: { parentRunDir: resumeDir, checkpoint: fromCheckpoint } } : {}),
  };
}

/** The config the run uses and records: command-line flags override the file. */
function withOverrides(config: ExperimentConfig, args: TrainArguments): ExperimentConfig {
  return {
    ...config,
    training: {
      ...config.training,
      ...(args.maxIterations !== undefined ? { maxIterations: args.maxIterations } : {}),
      ...(args.backend !== undefined ? { backend: args.backend } : {}),
    },
  };
}

function loadValidConfig(configPath: string, io: CliIo): { config: ExperimentConfig; text: string } | undefined {
  let loaded: ReturnType<typeof loadConfigFile>;
  try {
    loaded = loadConfigFile(configPath);
  } catch (error) {
    io.err(`genmon train: cannot read config ${configPath}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  for (const problem of loaded.problems) io.err(formatProblem(problem, configPath));
  if (!loaded.config) {
    const errors = loaded.problems.filter((problem) => problem.severity === 'error').length;
    io.err(`genmon train: ${configPath} has ${errors} error${errors === 1 ? '' : 's'}; nothing was started`);
    return undefined;
  }
  return { config: loaded.config, text: loaded.text };
}

/** A new run needs a fresh directory: one that already holds a stream is continued with --resume, never overwritten. */
function runDirProblem(runDir: string): string | undefined {
  if (!existsSync(runDir)) return undefined;
  if (!statSync(runDir).isDirectory()) return `${runDir} exists and is not a directory`;
  if (existsSync(path.join(runDir, STREAM_FILE_NAME))) {
    return `${runDir} already holds a run (${STREAM_FILE_NAME}); continue it with --resume ${runDir}, or choose a new --run-dir`;
  }
  return undefined;
}

function prepareNewRun(args: TrainArguments, io: CliIo): PreparedRun | undefined {
  const loaded = loadValidConfig(args.configPath, io);
  if (!loaded) return undefined;
  const problem = runDirProblem(args.runDir);
  if (problem) {
    io.err(`genmon train: ${problem}`);
    return undefined;
  }
  const config = withOverrides(loaded.config, args);
  const requestedBy = args.backend !== undefined ? '--backend' : 'config training.backend';
  return { config, configText: loaded.text, configPath: args.configPath, backendRequest: { requested: config.training.backend, requestedBy } };
}

function prepareResumedRun(args: TrainArguments, io: CliIo): PreparedRun | undefined {
  let plan: ResumePlan;
  try {
    plan = planResume(args.runDir);
  } catch (error) {
    if (!(error instanceof ResumeRefusedError)) throw error;
    io.err(`genmon train: ${error.message}`);
    return undefined;
  }
  for (const skipped of plan.skipped) io.err(`genmon train: skipped an unreadable checkpoint: ${skipped}`);
  // Only --max-iterations changes what is trained; the recorded config (and its hash) stay the run's.
  const config = withOverrides(plan.config, { ...args, backend: undefined });
  const from = plan.checkpoint.iteration;
  if (from >= config.training.maxIterations) {
    io.err(`genmon train: cannot resume ${args.runDir}: its newest checkpoint is at iteration ${from}, already at maxIterations ${config.training.maxIterations}; pass --max-iterations with a larger number`);
    return undefined;
  }
  return {
    config,
    configText: plan.header.configSource ?? '',
    configPath: plan.header.configPath ?? '',
    backendRequest: continuedBackendRequest(plan.header, plan.config, args.backend, 'the resumed run'),
    resume: { header: plan.header, configHash: plan.configHash, checkpoint: plan.checkpoint, checkpointPath: plan.checkpointPath },
  };
}

export async function trainCommand(args: TrainArguments, io: CliIo): Promise<ExitCode> {
  const prepared = args.branch
    ? prepareBranchRun({ ...args.branch, branchRunDir: args.runDir, maxIterations: args.maxIterations, backend: args.backend }, io)
    : args.resume
      ? prepareResumedRun(args, io)
      : prepareNewRun(args, io);
  if (!prepared) return EXIT_USAGE;
  const { config } = prepared;

  const stop = new StopSignal({
    exitWithParent: args.exitWithParent,
    // A second Ctrl-C means "now": the stream keeps what was written and reads as interrupted.
    onRepeatedStop: (cause) => {
      io.err(`genmon train: ${cause} again; exiting without a final snapshot`);
      removeTrainerPid(args.runDir);
      process.exit(130);
    },
  });
  try {
    let backend: SelectedBackend;
    try {
      backend = await selectBackend({
        ...prepared.backendRequest,
        tfjsNodePath: args.tfjsNodePath,
        configDir: prepared.configPath !== '' ? path.dirname(path.resolve(prepared.configPath)) : undefined,
      });
    } catch (error) {
      if (!(error instanceof BackendUnavailableError)) throw error;
      io.err(`genmon train: ${error.message}`);
      return EXIT_USAGE;
    }
    return await runTrainer({
      config,
      configText: prepared.configText,
      configPath: prepared.configPath,
      runDir: args.runDir,
      ...(prepared.resume ? { resume: prepared.resume } : {}),
      ...(prepared.branch ? { branch: prepared.branch } : {}),
      backend,
      stop,
      out: io.out,
      err: io.err,
    });
  } finally {
    stop.dispose();
  }
}
