// Process-group bookkeeping read straight from /proc: code-server forks a server, extension hosts
// and whatever extensions spawn, and all of them must go when the launcher stops it.
import { readdirSync, readFileSync } from 'node:fs';

/** Pids of the live (non-zombie) processes whose process group is pgid. */
export function processGroupMembers(pgid) {
  const members = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(entry);
    if (stat && stat.pgrp === pgid && stat.state !== 'Z') members.push(Number(entry));
  }
  return members;
}

/** True while pid names a live, non-zombie process. */
export function isAlive(pid) {
  const stat = readStat(String(pid));
  return stat !== undefined && stat.state !== 'Z';
}

/** Sends signal to each pid, ignoring ones that exited meanwhile. */
export function signalEach(pids, signal) {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch (error) {
      if (error.code !== 'ESRCH') throw error;
    }
  }
}

/** Resolves true once predicate() holds, false when timeoutMs passes first. */
export async function pollUntil(predicate, timeoutMs, intervalMs = 100) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (predicate()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function readStat(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited between listing and reading
  }
  // The command name sits in parentheses and may itself contain spaces or ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0], pgrp: Number(fields[2]) };
}
