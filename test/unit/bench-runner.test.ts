import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runBench } from '../../bench/main';
import type { BenchContext, BenchGroup, BenchResult } from '../../bench/types';

function fakeGroup(name: string, results: (context: BenchContext) => BenchResult[]): BenchGroup & { contexts: BenchContext[] } {
  const contexts: BenchContext[] = [];
  return {
    name,
    description: `fake ${name}`,
    contexts,
    run: async (context) => {
      contexts.push(context);
      context.log('working');
      return results(context);
    },
  };
}

async function runWith(argv: string[], groups: BenchGroup[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runBench(argv, { groups, io: { out: (text) => out.push(text), err: (text) => err.push(text) }, machine: () => 'test machine' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const alpha = () => fakeGroup('alpha', (context) => [{ name: 'alpha.speed', unit: 'ops/s', value: context.quick ? 1 : 1234.56789012, note: 'median of 3' }]);
const beta = () => fakeGroup('beta', () => [{ name: 'beta.latency_ms', unit: 'ms', value: 2.5 }]);

test('--json prints only a JSON array of {name, unit, value} on stdout; progress goes to stderr', async () => {
  const { code, out, err } = await runWith(['--json'], [alpha(), beta()]);
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(out), [
    { name: 'alpha.speed', unit: 'ops/s', value: 1234.57 },
    { name: 'beta.latency_ms', unit: 'ms', value: 2.5 },
  ]);
  assert.match(err, /\[alpha\] working/);
  assert.match(err, /test machine/);
});

test('the table has group, name, unit, value and note columns', async () => {
  const { code, out } = await runWith([], [alpha(), beta()]);
  assert.equal(code, 0);
  const lines = out.split('\n');
  assert.equal(lines[0], 'test machine');
  assert.match(lines[1] ?? '', /^group\s+name\s+unit\s+value\s+note$/);
  assert.match(out, /alpha\s+alpha\.speed\s+ops\/s\s+1234\.6\s+median of 3/);
  assert.match(out, /beta\s+beta\.latency_ms\s+ms\s+2\.500/);
});

test('--only runs just the named group and --quick reaches it', async () => {
  const a = alpha();
  const b = beta();
  const { code, out } = await runWith(['--json', '--quick', '--only', 'alpha'], [a, b]);
  assert.equal(code, 0);
  assert.deepEqual(JSON.parse(out), [{ name: 'alpha.speed', unit: 'ops/s', value: 1 }]);
  assert.equal(b.contexts.length, 0);
  assert.equal(a.contexts[0]?.quick, true);
});

test('an unknown group exits 2 listing the groups, and runs nothing', async () => {
  const a = alpha();
  const { code, out, err } = await runWith(['--only', 'gamma'], [a, beta()]);
  assert.equal(code, 2);
  assert.equal(out, '');
  assert.match(err, /unknown group 'gamma'.*alpha, beta/);
  assert.equal(a.contexts.length, 0);
});

test('a failing group exits 1 but the other groups still run and print', async () => {
  const broken: BenchGroup = { name: 'broken', description: 'throws', run: () => Promise.reject(new Error('no backend')) };
  const { code, out, err } = await runWith(['--json'], [broken, beta()]);
  assert.equal(code, 1);
  assert.deepEqual(JSON.parse(out), [{ name: 'beta.latency_ms', unit: 'ms', value: 2.5 }]);
  assert.match(err, /\[broken\] FAILED: .*no backend/);
});

test('a result that would corrupt the JSON (NaN, a foreign name) fails its group', async () => {
  const nan = fakeGroup('alpha', () => [{ name: 'alpha.speed', unit: 'ops/s', value: Number.NaN }]);
  const foreign = fakeGroup('beta', () => [{ name: 'speed', unit: 'ops/s', value: 1 }]);
  const { code, out, err } = await runWith(['--json'], [nan, foreign]);
  assert.equal(code, 1);
  assert.deepEqual(JSON.parse(out), []);
  assert.match(err, /alpha\.speed has the value NaN/);
  assert.match(err, /'speed' does not start with 'beta\.'/);
});

test('--help lists the groups and runs none', async () => {
  const a = alpha();
  const { code, out } = await runWith(['--help'], [a]);
  assert.equal(code, 0);
  assert.match(out, /alpha: fake alpha/);
  assert.equal(a.contexts.length, 0);
});
