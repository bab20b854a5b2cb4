import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { configNameOf, newRunDirName, resolveRunsRoot } from '../../src/core/monitor/runDirectory';
import { runIdForDirectory } from '../../src/core/run/runId';

test('configNameOf strips the .genmon.yaml suffix', () => {
  assert.equal(configNameOf('/w/ring8.genmon.yaml'), 'ring8');
  assert.equal(configNameOf('/w/My Exp.genmon.yml'), 'My Exp');
  assert.equal(configNameOf('/w/plain.yaml'), 'plain');
});

test('resolveRunsRoot is relative to the config folder and expands ${configName}', () => {
  assert.equal(resolveRunsRoot('/w/exp/ring8.genmon.yaml', '.genmon/runs/${configName}'), path.resolve('/w/exp/.genmon/runs/ring8'));
  assert.equal(resolveRunsRoot('/w/exp/ring8.genmon.yaml', '/data/runs/${configName}-x'), path.resolve('/data/runs/ring8-x'));
  assert.equal(resolveRunsRoot('/w/exp/ring8.genmon.yaml', '  '), path.resolve('/w/exp/.genmon/runs/ring8'));
});

test('new run folders are named by a run id the trainer adopts', () => {
  const name = newRunDirName(new Date(Date.UTC(2026, 10, 22, 9, 5, 7)), () => 0);
  assert.equal(name, '20261122-090507-0000');
  assert.equal(runIdForDirectory(name, new Date(0)), name);
});
