/**
 * Runs the selected groups one after another and prints their results. The registry is a
 * parameter, so tests can run the real argument handling and printing on a fake group.
 */
import { benchUsage, BenchUsageError, parseBenchArgs } from './args';
import { formatJson, formatTable, type GroupedResult } from './format';
import { defaultClock, type Clock } from './timing';
import type { BenchGroup, BenchResult } from './types';

export interface BenchIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export interface BenchRunOptions {
  readonly groups: readonly BenchGroup[];
  readonly io: BenchIo;
  readonly clock?: Clock;
  /** The line saying where it was measured: above the table, or on stderr with --json. */
  readonly machine?: () => string;
}

/** 0: every group ran; 1: a group failed (the others' results are still printed); 2: bad command line. */
export type BenchExitCode = 0 | 1 | 2;

function invalidResult(group: BenchGroup, result: BenchResult): string | undefined {
  if (typeof result.name !== 'string' || !result.name.startsWith(`${group.name}.`)) return `its name '${String(result.name)}' does not start with '${group.name}.'`;
  if (typeof result.unit !== 'string' || result.unit === '') return `${result.name} has no unit`;
  if (typeof result.value !== 'number' || !Number.isFinite(result.value)) return `${result.name} has the value ${String(result.value)}, not a finite number`;
  return undefined;
}

async function runGroup(group: BenchGroup, quick: boolean, io: BenchIo, clock: Clock): Promise<GroupedResult[]> {
  const results = await group.run({ quick, clock, log: (line) => io.err(`[${group.name}] ${line}`) });
  const problems = results.map((result) => invalidResult(group, result)).filter((problem) => problem !== undefined);
  if (problems.length > 0) throw new Error(`invalid result: ${problems.join('; ')}`);
  return results.map((result) => ({ ...result, group: group.name }));
}

export async function runBench(argv: readonly string[], options: BenchRunOptions): Promise<BenchExitCode> {
  const { groups, io } = options;
  const names = groups.map((group) => group.name);
  let args;
  try {
    args = parseBenchArgs(argv, names);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    io.err(`bench: ${error.message}\n${benchUsage(names)}`);
    return 2;
  }
  if (args.help) {
    io.out(`${benchUsage(names)}\n${groups.map((group) => `  ${group.name}: ${group.description}`).join('\n')}`);
    return 0;
  }

  const clock = options.clock ?? defaultClock;
  // Taken before the groups run, so the load average is other work's, not the bench's own.
  const machine = options.machine ? `${options.machine()}${args.quick ? ' (--quick)' : ''}` : undefined;
  if (machine !== undefined && args.json) io.err(machine);
  const results: GroupedResult[] = [];
  let failed = false;
  for (const group of groups.filter((candidate) => args.groups.includes(candidate.name))) {
    io.err(`[${group.name}] running: ${group.description}`);
    const start = clock();
    try {
      results.push(...(await runGroup(group, args.quick, io, clock)));
      io.err(`[${group.name}] done in ${((clock() - start) / 1000).toFixed(1)} s`);
    } catch (error) {
      failed = true;
      io.err(`[${group.name}] FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  if (args.json) io.out(formatJson(results));
  else io.out(`${machine !== undefined ? `${machine}\n` : ''}${formatTable(results)}`);
  return failed ? 1 : 0;
}
