/**
 * Entry point of a run's analysis worker thread (bundled as dist/analysisWorker.js). The run
 * directory and rules come in workerData; everything else is messages (src/protocol/analysis.ts).
 * Metrics of a 5,000-sample snapshot take a few hundred milliseconds: here they never hold up the
 * extension host.
 */
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { isHostToAnalysisWorker, type AnalysisWorkerData, type AnalysisWorkerToHost, type HostToAnalysisWorker } from '../../protocol/analysis';
import { STREAM_FILE_NAME } from '../../protocol/stream';
import { readSnapshotAt } from '../monitor/readSnapshotAt';
import { alertHighlight } from './alertHighlight';
import { StreamAnalysis } from './streamAnalysis';

if (!parentPort) throw new Error('the analysis worker must run in a worker thread');
const port = parentPort;
const send = (message: AnalysisWorkerToHost): void => port.postMessage(message);
const data = workerData as AnalysisWorkerData;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let analysis: StreamAnalysis | undefined;
try {
  analysis = new StreamAnalysis(data.runDirectory, {
    ...(data.rules ? { rules: data.rules } : {}),
    onSnapshot: (report) => send({ type: 'snapshot', offset: report.offset, iteration: report.iteration, metrics: report.metrics, changes: report.changes }),
  });
} catch (error) {
  send({ type: 'error', message: `cannot analyse ${data.runDirectory}: ${describe(error)}` });
}

port.on('message', (message: unknown) => {
  if (!isHostToAnalysisWorker(message)) {
    send({ type: 'error', message: 'the analysis worker received a malformed message' });
    return;
  }
  if (message.type === 'close') {
    port.close();
    return;
  }
  if (!analysis) return;
  if (message.type === 'highlight') {
    void highlight(analysis, message);
    return;
  }
  try {
    if (message.type === 'set-rules') analysis.setRules(message.rules);
    else {
      const result = analysis.catchUp();
      send({ type: 'caught-up', active: result.active, problems: result.problems });
    }
  } catch (error) {
    send({ type: 'error', message: describe(error) });
  }
});
send({ type: 'ready' });

async function highlight(analysis: StreamAnalysis, request: Extract<HostToAnalysisWorker, { type: 'highlight' }>): Promise<void> {
  const { requestId } = request;
  try {
    const context = analysis.context;
    if (!context) throw new Error('the stream has no header yet');
    const snapshot = await readSnapshotAt(path.join(analysis.runDirectory, STREAM_FILE_NAME), request.offset);
    send({ type: 'highlight', requestId, ...alertHighlight(snapshot, context, request.alert) });
  } catch (error) {
    send({ type: 'highlight', requestId, realRows: [], generatedRows: [], error: describe(error) });
  }
}
