/** The command line of `npm run bench`. */
import { parseArgs } from 'node:util';

export interface BenchArguments {
  readonly help: boolean;
  readonly json: boolean;
  readonly quick: boolean;
  /** Group names to run, in registry order; every group when --only is absent. */
  readonly groups: readonly string[];
}

/** A command line that cannot be run; the runner prints it with the usage and exits 2. */
export class BenchUsageError extends Error {}

export function benchUsage(groupNames: readonly string[]): string {
  return [
    'usage: npm run bench -- [--json] [--quick] [--only <group>[,<group>...]]...',
    '  --json    print only a JSON array of {"name","unit","value"} on stdout (progress goes to stderr)',
    '  --quick   fewer repeats and smaller workloads (a quick look, not figures to record)',
    '  --only    run only these groups; repeatable or comma-separated',
    `groups: ${groupNames.join(', ')}`,
  ].join('\n');
}

export function parseBenchArgs(argv: readonly string[], groupNames: readonly string[]): BenchArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean' },
        quick: { type: 'boolean' },
        only: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new BenchUsageError((error as Error).message);
  }
  const requested = (values.only ?? []).flatMap((value) => value.split(',')).map((name) => name.trim());
  if (values.only !== undefined && requested.every((name) => name === '')) throw new BenchUsageError(`--only needs a group name (groups: ${groupNames.join(', ')})`);
  const unknown = requested.filter((name) => name !== '' && !groupNames.includes(name));
  if (unknown.length > 0) {
    const what = unknown.length === 1 ? 'unknown group' : 'unknown groups';
    throw new BenchUsageError(`${what} ${unknown.map((name) => `'${name}'`).join(', ')}; the groups are: ${groupNames.join(', ')}`);
  }
  return {
    help: values.help ?? false,
    json: values.json ?? false,
    quick: values.quick ?? false,
    groups: values.only === undefined ? [...groupNames] : groupNames.filter((name) => requested.includes(name)),
  };
}
