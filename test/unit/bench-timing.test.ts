import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measure, median, perSecond } from '../../bench/timing';

/** A clock that only moves when the task under measurement says so. */
function fakeClock() {
  let now = 1000;
  return { clock: () => now, advance: (ms: number) => (now += ms) };
}

test('median of odd and even counts, independent of order', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 10]), 3.5);
  assert.equal(median([7]), 7);
  assert.throws(() => median([]), /no values/);
});

test('measure runs the warm-up untimed and times each repeat on the given clock', async () => {
  const { clock, advance } = fakeClock();
  const durations = [50, 9, 30, 10, 20, 40];
  let calls = 0;
  const measurement = await measure(
    () => {
      advance(durations[calls] ?? 0);
      calls++;
    },
    { warmup: 1, repeats: 5, clock },
  );
  assert.equal(calls, 6);
  assert.deepEqual(measurement.samplesMs, [9, 30, 10, 20, 40]);
  assert.equal(measurement.medianMs, 20);
  assert.equal(measurement.minMs, 9);
  assert.equal(measurement.maxMs, 40);
});

test('measure awaits asynchronous tasks before stopping the clock', async () => {
  const { clock, advance } = fakeClock();
  const measurement = await measure(
    async () => {
      await new Promise((resolve) => setImmediate(resolve));
      advance(25);
    },
    { warmup: 0, repeats: 2, clock },
  );
  assert.deepEqual(measurement.samplesMs, [25, 25]);
});

test('measure refuses a repeat count that would give no sample', async () => {
  await assert.rejects(measure(() => undefined, { repeats: 0 }), /repeats/);
});

test('perSecond turns a duration into a rate and refuses a zero duration', () => {
  assert.equal(perSecond(100, 250), 400);
  assert.throws(() => perSecond(1, 0), /rate/);
});
