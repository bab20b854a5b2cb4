/**
 * Starts a worker thread from a bundled .js script (the extension, from dist/) or from its
 * TypeScript source (tests and the bench, under tsx). Shared by the projection and analysis workers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

export function startWorker(script: string, workerData: unknown, execArgv: string[] = []): Worker {
  if (script.endsWith('.ts')) {
    // An `--import tsx` in execArgv does not reach worker threads on Node 20: load the TypeScript
    // entry through tsx's require hook instead.
    return new Worker(`require(require.resolve('tsx/cjs', { paths: [${JSON.stringify(path.dirname(script))}] })); require(${JSON.stringify(script)});`, {
      eval: true,
      workerData,
    });
  }
  return new Worker(script, { workerData, execArgv });
}

/**
 * The bundled worker `bundleName` beside the running bundle when running from dist/, else the
 * TypeScript `source` (relative to the caller's folder, `callerDir`).
 */
export function workerScript(callerDir: string, callerFile: string, bundleName: string, source: string): string {
  const bundled = path.join(callerDir, bundleName);
  if (!callerFile.endsWith('.ts') && fs.existsSync(bundled)) return bundled;
  return path.join(callerDir, source);
}
