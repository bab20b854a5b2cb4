/** What every `genmon` subcommand's arguments share: strict options, positionals, and `--help`/`-h`. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usageError';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

const HELP_OPTION = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** parseArgs with the subcommand's `options` plus `help`; unknown options throw (see asUsageError). */
export function parseCommandLine<Options extends OptionsConfig>(args: readonly string[], options: Options) {
  return parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { ...HELP_OPTION, ...options } });
}

/** The single positional argument a command takes; `name` (e.g. `<run-dir>`) is how its usage spells it. */
export function singlePositional(positionals: readonly string[], name: string): string {
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? `missing ${name}` : `expected one ${name}, got ${positionals.length}: ${positionals.join(' ')}`);
  return positionals[0] ?? '';
}
