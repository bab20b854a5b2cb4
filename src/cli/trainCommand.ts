/** `genmon train <config> --run-dir <dir>`: validate the config, pick a backend, train. */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem, loadConfigFile } from '../core/config/parse';
import type { BackendChoice, ExperimentConfig } from '../core/config/types';
import { removeTrainerPid } from '../core/run/trainerPid';
import { STREAM_FILE_NAME } from '../protocol/stream';
import { BackendUnavailableError, selectBackend } from '../trainer/backend';
import { runTrainer } from '../trainer/runTrainer';
import { StopSignal } from '../trainer/stopSignal';
import type { CliIo } from './cliIo';
import { EXIT_USAGE, type ExitCode } from './exitCodes';
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
}

/** Throws UsageError for anything that is not a runnable train command line. */
export function parseTrainArguments(args: readonly string[]): TrainArguments {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      'run-dir': { type: 'string' },
      'max-iterations': { type: 'string' },
      backend: { type: 'string' },
      'tfjs-node-path': { type: 'string' },
      'exit-with-parent': { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    return { help: true, configPath: '', runDir: '', maxIterations: undefined, backend: undefined, tfjsNodePath: undefined, exitWithParent: false };
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing <config>' : `expected one <config>, got ${positionals.length}: ${positionals.join(' ')}`);
  const runDir = values['run-dir'];
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

/** Resuming a run is not supported: a run directory that already holds a stream is refused. */
function runDirProblem(runDir: string): string | undefined {
  if (!existsSync(runDir)) return undefined;
  if (!statSync(runDir).isDirectory()) return `${runDir} exists and is not a directory`;
  if (existsSync(path.join(runDir, STREAM_FILE_NAME))) {
    return `${runDir} already holds a run (${STREAM_FILE_NAME}); resuming is not supported, choose a new --run-dir`;
  }
  return undefined;
}

export async function trainCommand(args: TrainArguments, io: CliIo): Promise<ExitCode> {
  const loaded = loadValidConfig(args.configPath, io);
  if (!loaded) return EXIT_USAGE;
  const problem = runDirProblem(args.runDir);
  if (problem) {
    io.err(`genmon train: ${problem}`);
    return EXIT_USAGE;
  }
  const config = withOverrides(loaded.config, args);

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
    let backend;
    try {
      backend = await selectBackend({
        requested: config.training.backend,
        requestedBy: args.backend !== undefined ? '--backend' : 'config training.backend',
        tfjsNodePath: args.tfjsNodePath,
        configDir: path.dirname(path.resolve(args.configPath)),
      });
    } catch (error) {
      if (!(error instanceof BackendUnavailableError)) throw error;
      io.err(`genmon train: ${error.message}`);
      return EXIT_USAGE;
    }
    return await runTrainer({
      config,
      configText: loaded.text,
      configPath: args.configPath,
      runDir: args.runDir,
      backend,
      stop,
      out: io.out,
      err: io.err,
    });
  } finally {
    stop.dispose();
  }
}
