/**
 * `<runDir>/trainer.pid`: the id of the trainer process writing the run, present only while it
 * runs. A stream without an `end` record is either still being written or was cut short (the
 * trainer was killed); whether the recorded process is alive tells the two apart.
 * This file does file-system and process I/O; the rest of src/core/run is pure.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const TRAINER_PID_FILE_NAME = 'trainer.pid';

export function trainerPidPath(runDir: string): string {
  return path.join(runDir, TRAINER_PID_FILE_NAME);
}

export function writeTrainerPid(runDir: string, pid: number = process.pid): void {
  fs.writeFileSync(trainerPidPath(runDir), `${pid}\n`);
}

/** The recorded pid, or undefined if there is no pid file or it does not hold a pid. */
export function readTrainerPid(runDir: string): number | undefined {
  let text: string;
  try {
    text = fs.readFileSync(trainerPidPath(runDir), 'utf8');
  } catch {
    return undefined;
  }
  const pid = Number(text.trim());
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/** Removes the pid file if it still names `pid`: a newer trainer's file is not ours to remove. */
export function removeTrainerPid(runDir: string, pid: number = process.pid): void {
  if (readTrainerPid(runDir) !== pid) return;
  try {
    fs.unlinkSync(trainerPidPath(runDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Signal 0 checks for existence without signalling; EPERM means it exists but belongs to someone else. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the trainer recorded in `runDir` is running now. */
export function isRecordedTrainerAlive(runDir: string): boolean {
  const pid = readTrainerPid(runDir);
  return pid !== undefined && isProcessAlive(pid);
}
