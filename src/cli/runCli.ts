/** Dispatches `genmon <command> …` and turns every failure into a message and an exit code. */
import type { CliIo } from './cliIo';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, type ExitCode } from './exitCodes';
import { inspectCommand, parseInspectArguments } from './inspectCommand';
import { parseTrainArguments, trainCommand } from './trainCommand';
import { INSPECT_USAGE, MAIN_USAGE, TRAIN_USAGE } from './usage';
import { asUsageError } from './usageError';

async function runCommand(command: string, args: readonly string[], io: CliIo): Promise<ExitCode> {
  switch (command) {
    case 'train': {
      const parsed = parseTrainArguments(args);
      if (parsed.help) {
        io.out(TRAIN_USAGE);
        return EXIT_OK;
      }
      return trainCommand(parsed, io);
    }
    case 'inspect': {
      const parsed = parseInspectArguments(args);
      if (parsed.help) {
        io.out(INSPECT_USAGE);
        return EXIT_OK;
      }
      return inspectCommand(parsed, io);
    }
    default:
      throw new Error(`unreachable command ${command}`);
  }
}

const COMMAND_USAGE: Readonly<Record<string, string>> = { train: TRAIN_USAGE, inspect: INSPECT_USAGE };

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.err(MAIN_USAGE);
    return EXIT_USAGE;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(MAIN_USAGE);
    return EXIT_OK;
  }
  const usage = COMMAND_USAGE[command];
  if (usage === undefined) {
    io.err(`genmon: unknown command '${command}'\n\n${MAIN_USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await runCommand(command, rest, io);
  } catch (error) {
    const usageError = asUsageError(error);
    if (usageError) {
      io.err(`genmon ${command}: ${usageError.message}\n\n${usage}`);
      return EXIT_USAGE;
    }
    io.err(`genmon ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  }
}
