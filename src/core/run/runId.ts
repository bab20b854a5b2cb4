/**
 * Run ids: `YYYYMMDD-HHMMSS-xxxx` (UTC time, then 4 base-36 random characters), so ids sort by
 * start time and two runs started in the same second do not collide. The extension names run
 * folders the same way (src/core/monitor/runDirectory.ts), so a folder's name is its run's id.
 */

const RUN_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-z]{4}$/;

export function createRunId(now: Date, random: () => number = Math.random): string {
  const pad = (value: number): string => String(value).padStart(2, '0');
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  const suffix = Math.min(36 ** 4 - 1, Math.floor(random() * 36 ** 4))
    .toString(36)
    .padStart(4, '0');
  return `${date}-${time}-${suffix}`;
}

export function isRunId(text: string): boolean {
  return RUN_ID_PATTERN.test(text);
}

/** A run folder already named like a run id (the extension creates them so) keeps that id; otherwise a new one. */
export function runIdForDirectory(directoryName: string, now: Date, random: () => number = Math.random): string {
  return isRunId(directoryName) ? directoryName : createRunId(now, random);
}
