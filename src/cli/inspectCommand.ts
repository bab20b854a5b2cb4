/** `genmon inspect <run-dir> [--json]`: what a run directory holds, read without disturbing a running trainer. */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { summarizeRun, type RunSummary } from '../core/run/summary';
import { isProcessAlive, readTrainerPid } from '../core/run/trainerPid';
import { readStreamFile } from '../core/stream/reader';
import { metricToJson } from '../core/stream/metric-json';
import { STREAM_FILE_NAME } from '../protocol/stream';
import type { CliIo } from './cliIo';
import { parseCommandLine, singlePositional } from './commandLine';
import { EXIT_FAILURE, EXIT_OK, type ExitCode } from './exitCodes';
import { inspectProjections, type ProjectionsReport } from './inspectProjections';
import { formatInspectTable } from './inspectTable';

export interface InspectArguments {
  readonly help: boolean;
  readonly runDir: string;
  readonly json: boolean;
}

/** The run summary plus what only the file system knows. */
export type InspectReport = { readonly runDir: string } & RunSummary & {
    /** The pid in trainer.pid, if the file exists. */
    readonly trainerPid: number | null;
    /** Bytes of an incomplete record at the end of the stream (a trainer mid-write, or one that was killed). */
    readonly pendingBytes: number;
    /** Per view and snapshot: trustworthiness and stability of the cached maps (projections.gmp); null without a cache. */
    readonly projections: ProjectionsReport | null;
  };

export function parseInspectArguments(args: readonly string[]): InspectArguments {
  const { values, positionals } = parseCommandLine(args, { json: { type: 'boolean', default: false } });
  if (values.help) return { help: true, runDir: '', json: false };
  return { help: false, runDir: singlePositional(positionals, '<run-dir>'), json: values.json ?? false };
}

/** Reads a run directory; throws an Error with a readable message if it holds no readable stream. */
export function inspectRunDirectory(runDir: string): InspectReport {
  if (!existsSync(runDir) || !statSync(runDir).isDirectory()) throw new Error(`${runDir} is not a directory`);
  const streamPath = path.join(runDir, STREAM_FILE_NAME);
  if (!existsSync(streamPath)) throw new Error(`${runDir} holds no run: there is no ${STREAM_FILE_NAME} in it`);
  const stream = readStreamFile(streamPath);
  const pid = readTrainerPid(runDir);
  const summary = summarizeRun(
    stream.records.map((entry) => entry.record),
    stream.errors,
    { trainerAlive: pid !== undefined && isProcessAlive(pid) },
  );
  return {
    runDir: path.resolve(runDir),
    ...summary,
    trainerPid: pid ?? null,
    pendingBytes: stream.pendingBytes,
    projections: inspectProjections(runDir),
  };
}

/** JSON has no NaN or Infinity; a diverged loss is reported the way the stream itself writes it. */
function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? metricToJson(value) : value;
}

export function inspectCommand(args: InspectArguments, io: CliIo): ExitCode {
  let report: InspectReport;
  try {
    report = inspectRunDirectory(args.runDir);
  } catch (error) {
    io.err(`genmon inspect: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  }
  if (args.json) io.out(JSON.stringify(report, jsonReplacer, 2));
  else io.out(formatInspectTable(report));
  return EXIT_OK;
}
