/**
 * Entry point of the projection worker thread (bundled as dist/projectionWorker.js). Options come
 * in workerData; everything else is messages (src/protocol/projection.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ProjectionOptions } from '../../protocol/projection';
import { ProjectionSession } from './projectionSession';

if (!parentPort) throw new Error('the projection worker must run in a worker thread');
const port = parentPort;
const options = (workerData ?? {}) as Partial<ProjectionOptions>;
let session: ProjectionSession;
try {
  session = new ProjectionSession(options, (message, transfer) => port.postMessage(message, transfer ?? []));
} catch (error) {
  port.postMessage({ type: 'error', jobId: null, message: error instanceof Error ? error.message : String(error) });
  throw error;
}
port.on('message', (message: unknown) => {
  if (!session.handle(message)) port.close();
});
port.postMessage({ type: 'ready' });
