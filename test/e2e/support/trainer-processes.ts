// Finds genmon trainer processes from /proc, so the tests can tell whether a trainer really
// stopped rather than trusting what the UI says. Only trainers working in `workspace` count,
// which keeps parallel runs and the developer's own trainers out of the picture.
import { readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';

/** Pids of live processes running `… cli.js train …` whose arguments or cwd are inside workspace. */
export function trainerPids(workspace: string): number[] {
  const root = realpathSync(workspace);
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const args = readArgs(entry);
    if (!args || !isTrainCommand(args) || isZombie(entry)) continue;
    if (args.some((arg) => arg.includes(root)) || readCwd(entry)?.startsWith(root)) pids.push(Number(entry));
  }
  return pids;
}

function isTrainCommand(args: string[]): boolean {
  return args.some((arg, index) => /(^|\/)cli\.js$/.test(arg) && args[index + 1] === 'train');
}

function readArgs(pid: string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg.length > 0);
  } catch {
    return undefined; // exited while we looked, or not ours to read
  }
}

function readCwd(pid: string): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return undefined;
  }
}

function isZombie(pid: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

/** Waits until no trainer runs in workspace; returns the pids still running on timeout. */
export async function waitForNoTrainer(workspace: string, timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pids = trainerPids(workspace);
    if (pids.length === 0 || Date.now() >= deadline) return pids;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Kills trainers a failed test left behind, so they do not outlive the run. */
export function killTrainers(workspace: string): void {
  for (const pid of trainerPids(workspace)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
