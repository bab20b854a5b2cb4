import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProjectionEvent, ProjectionViewInput, ProjectionWorkerToHost } from '../../src/protocol/projection';
import { ProjectionSession } from '../../src/core/projection/projectionSession';
import { ProjectionWorker } from '../../src/core/projection/projectionWorker';
import { createRandom } from '../../src/core/projection/random';

function view(seed: number, n = 80, dim = 8): ProjectionViewInput {
  const random = createRandom(seed);
  const values = (count: number): Float32Array => Float32Array.from({ length: count * dim }, () => random.next() * 10);
  return { view: 'distribution', dim, nReal: n, real: values(n), nGenerated: n, generated: values(n) };
}

test('the worker thread projects snapshots, coalescing those that arrive while it is busy', async () => {
  const events: { iteration: number; event: ProjectionEvent }[] = [];
  const errors: string[] = [];
  const worker = new ProjectionWorker({
    projection: { coldEpochs: 50, warmEpochs: 10 },
    onEvent: (event, job) => events.push({ iteration: job.iteration, event }),
    onError: (message) => errors.push(message),
  });
  try {
    await worker.ready();
    const first = worker.submit(1, [view(1)]);
    const second = worker.submit(2, [view(2)]);
    const third = worker.submit(3, [view(3)]);
    assert.deepEqual(await Promise.all([first, second, third]), ['done', 'dropped', 'done']);
    assert.deepEqual(errors, []);
    const summary = events.map(({ iteration, event }) => `${iteration}:${event.kind === 'frame' ? event.stage : 'quality'}`);
    assert.deepEqual(summary, ['1:first', '1:refined', '1:quality', '3:first', '3:refined', '3:quality']);
    const refined = events.find(({ iteration, event }) => iteration === 3 && event.kind === 'frame' && event.stage === 'refined')?.event;
    assert.ok(refined?.kind === 'frame' && refined.coordinates.length === 2 * 160 && refined.layout === 'umap-warm');
  } finally {
    await worker.dispose();
  }
  await assert.rejects(worker.submit(4, [view(4)]), /disposed/);
  await assert.rejects(worker.ready(), /disposed/);
});

test('a malformed snapshot is reported as an error and the worker keeps going', async () => {
  const errors: string[] = [];
  const worker = new ProjectionWorker({ projection: { coldEpochs: 20 }, onEvent: () => undefined, onError: (message) => errors.push(message) });
  try {
    const bad = { ...view(1), nReal: 81 };
    assert.equal(await worker.submit(1, [bad]), 'done');
    assert.match(errors[0] ?? '', /real holds 640 values, expected 81 × 8/);
    assert.equal(await worker.submit(2, [view(2)]), 'done');
    assert.equal(errors.length, 1);
  } finally {
    await worker.dispose();
  }
});

test('the session rejects hostile messages with clear errors', () => {
  const posted: ProjectionWorkerToHost[] = [];
  const session = new ProjectionSession({}, (message) => posted.push(message));
  assert.equal(session.handle(null), true);
  assert.equal(session.handle({ type: 'explode' }), true);
  assert.equal(session.handle({ type: 'project', job: { jobId: 4, iteration: 1, views: [{ ...view(1), real: [1, 2] }] } }), true);
  assert.equal(session.handle({ type: 'restore', iteration: 1, input: view(1), coordinates: new Float32Array(3) }), true);
  const errors = posted.filter((m) => m.type === 'error').map((m) => (m.type === 'error' ? m.message : ''));
  assert.equal(errors.length, 4);
  assert.match(errors[1] ?? '', /unknown worker message type "explode"/);
  assert.match(errors[2] ?? '', /must be Float32Array/);
  assert.match(errors[3] ?? '', /coordinates must be/);
  // The malformed job still completes, so the host's queue moves on.
  assert.ok(posted.some((m) => m.type === 'done' && m.jobId === 4));
  assert.equal(session.handle({ type: 'close' }), false);
  assert.throws(() => new ProjectionSession({ warmEpochs: -1 }, () => undefined), /warmEpochs/);
});

test('a restored map makes the next snapshot a warm refinement of it', () => {
  const posted: ProjectionWorkerToHost[] = [];
  const session = new ProjectionSession({ coldEpochs: 30 }, (message) => posted.push(message));
  const input = view(5);
  const coordinates = Float32Array.from({ length: 2 * 160 }, (_, i) => i % 17);
  session.handle({ type: 'restore', iteration: 1, input, coordinates });
  session.handle({ type: 'project', job: { jobId: 1, iteration: 2, views: [{ ...input, generated: input.generated.map((v) => v + 0.5) }] } });
  const layouts = posted.flatMap((m) => (m.type === 'event' && m.event.kind === 'frame' ? [m.event.layout] : []));
  assert.deepEqual(layouts, ['placement', 'umap-warm']);
});
