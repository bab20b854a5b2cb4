import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { conditionRow, markdownTable, spread, summariseRun } from '../../src/trainer/auction/experimentSummary';

describe('auction experiment summary', () => {
  it('a run is summarised by its mean and its worst player', () => {
    const run = summariseRun([
      { logLikelihood: -1, modesCovered: 8 },
      { logLikelihood: -4, modesCovered: 5 },
      { logLikelihood: -2.5, modesCovered: 7 },
    ]);
    assert.deepEqual(run, { meanLogLikelihood: -2.5, worstLogLikelihood: -4, meanModesCovered: 20 / 3, worstModesCovered: 5 });
    assert.throws(() => summariseRun([]), /at least one player/);
  });

  it('seeds are summarised by mean and sample standard deviation', () => {
    assert.deepEqual(spread([2, 4, 6]), { mean: 4, sd: 2 });
    assert.deepEqual(spread([3]), { mean: 3, sd: 0 });
    assert.throws(() => spread([]), /at least one value/);
  });

  it('the table has one row per model and mode, with mean ± sd', () => {
    const runs = [
      { meanLogLikelihood: -3, worstLogLikelihood: -5, meanModesCovered: 7, worstModesCovered: 6 },
      { meanLogLikelihood: -4, worstLogLikelihood: -6, meanModesCovered: 8, worstModesCovered: 8 },
    ];
    const table = markdownTable([conditionRow('gan', 'auction', runs)]).split('\n');
    assert.equal(table.length, 3);
    assert.match(table[0] as string, /^\| model \| mode \| seeds \| mean-player LL \| worst-player LL \|/);
    assert.equal(table[2], '| gan | auction | 2 | -3.500 ± 0.707 | -5.500 ± 0.707 | 7.50 ± 0.71 | 7.00 ± 1.41 |');
  });
});
