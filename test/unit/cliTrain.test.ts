import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { runCli as runCliInProcess } from '../../src/cli/runCli';
import { TRAINER_PID_FILE_NAME } from '../../src/core/run/trainerPid';
import { readStreamFile } from '../../src/core/stream/reader';
import { STREAM_FILE_NAME, type HeaderRecord, type SnapshotRecord, type StreamRecord } from '../../src/protocol/stream';

const repoRoot = join(__dirname, '..', '..');
const cliEntry = join(repoRoot, 'src', 'cli', 'genmon.ts');

interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function startCli(args: readonly string[]): { child: ChildProcess; done: Promise<CliResult>; stdout: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', cliEntry, ...args], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done, stdout: () => stdout };
}

function runCli(args: readonly string[]): Promise<CliResult> {
  const { child, done } = startCli(args);
  child.stdin?.end();
  return done;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface ConfigOptions {
  readonly seed?: number;
  readonly maxIterations?: number;
  readonly backend?: string;
  readonly extra?: string;
}

function writeConfig(dir: string, options: ConfigOptions = {}): string {
  const file = join(dir, 'tiny.genmon.yaml');
  writeFileSync(
    file,
    `name: tiny
seed: ${options.seed ?? 3}
dataset: { type: gaussian-mixture, layout: ring, modes: 8, radius: 2, sigma: 0.05 }
model:
  type: gan
  latentDim: 3
  generator: { hidden: [16, 16] }
  discriminator: { hidden: [16] }
training:
  batchSize: 16
  learningRate: 0.001
  maxIterations: ${options.maxIterations ?? 30}
  backend: ${options.backend ?? 'cpu'}
snapshot: { every: 10, realSamples: 24, generatedSamples: 20 }
${options.extra ?? ''}`,
  );
  return file;
}

function workspace(): string {
  return mkdtempSync(join(tmpdir(), 'genmon-cli-'));
}

function records(runDir: string): StreamRecord[] {
  const result = readStreamFile(join(runDir, STREAM_FILE_NAME));
  assert.deepEqual(result.errors, []);
  assert.equal(result.pendingBytes, 0);
  return result.records.map((entry) => entry.record);
}

function snapshotsOf(all: readonly StreamRecord[]): SnapshotRecord[] {
  return all.filter((record): record is SnapshotRecord => record.type === 'snapshot');
}

function assertCompletedRun(runDir: string, backend: string): StreamRecord[] {
  const all = records(runDir);
  const header = all[0] as HeaderRecord;
  assert.equal(header.type, 'header');
  assert.equal(header.trainer.backend, backend);
  assert.ok(header.trainer.backendReason && header.trainer.backendReason.length > 0);
  assert.equal((header.config as { training: { maxIterations: number } }).training.maxIterations, 30);
  assert.match(header.configSource ?? '', /name: tiny/);
  assert.equal(all[1]?.type === 'event' && all[1].kind, 'started');

  const snapshots = snapshotsOf(all);
  assert.deepEqual(snapshots.map((s) => s.iteration), [0, 10, 20, 30]);
  for (const snapshot of snapshots) {
    assert.deepEqual(snapshot.arrays.real?.shape, [24, 2]);
    assert.deepEqual(snapshot.arrays.generated?.shape, [20, 2]);
    assert.deepEqual(snapshot.arrays.latent?.shape, [20, 3]);
    const losses = snapshot.iteration === 0 ? 0 : 10;
    assert.deepEqual(snapshot.arrays.lossD?.shape, [losses]);
    assert.deepEqual(snapshot.arrays.lossG?.shape, [losses]);
    const int32Arrays = new Set(['realLabels', 'generatedPredictions']);
    for (const [name, array] of Object.entries(snapshot.arrays)) assert.equal(array.dtype, int32Arrays.has(name) ? 'int32' : 'float32', name);
    assert.deepEqual(snapshot.arrays.generatedPredictions?.shape, [20, 1], "the evaluator's mode of each generated point");
    assert.ok(Array.from(snapshot.arrays.generated?.data ?? []).every(Number.isFinite));
    assert.deepEqual(snapshot.arrays.latent?.data, snapshots[0]?.arrays.latent?.data, 'same latent bank every snapshot');
    assert.deepEqual(snapshot.arrays.real?.data, snapshots[0]?.arrays.real?.data, 'same real reference set every snapshot');
    if (snapshot.iteration > 0) assert.ok(Number.isFinite(snapshot.metrics.lossD) && Number.isFinite(snapshot.metrics.stepsPerSecond));
  }
  const end = all.at(-1);
  assert.ok(end?.type === 'end' && end.reason === 'completed' && end.iteration === 30, JSON.stringify(end));
  assert.equal(existsSync(join(runDir, TRAINER_PID_FILE_NAME)), false, 'trainer.pid removed at exit');
  return all;
}

for (const backend of ['cpu', 'wasm']) {
  test(`a short run on the ${backend} backend writes a complete stream`, async () => {
    const dir = workspace();
    const runDir = join(dir, 'run');
    const result = await runCli(['train', writeConfig(dir), '--run-dir', runDir, '--backend', backend]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`\\[tiny\\] it 30/30 .*backend ${backend}`));
    assertCompletedRun(runDir, backend);

    const out: string[] = [];
    assert.equal(await runCliInProcess(['inspect', runDir, '--json'], { out: (line) => out.push(line), err: () => undefined }), 0);
    const report = JSON.parse(out.join('\n'));
    assert.equal(report.snapshots, 4);
    assert.deepEqual(report.iterations, { first: 0, last: 30 });
    assert.equal(report.state, 'completed');
    assert.equal(report.trainer.backend, backend);
    assert.deepEqual(report.events.map((event: { kind: string }) => event.kind), ['started']);
  });
}

test('the same seed on the cpu backend gives identical generated samples; another seed does not', async () => {
  const dir = workspace();
  const runs = [join(dir, 'a'), join(dir, 'b'), join(dir, 'c')];
  const configs = [writeConfig(mkdirTemp(dir, 'ca')), writeConfig(mkdirTemp(dir, 'cb')), writeConfig(mkdirTemp(dir, 'cc'), { seed: 4 })];
  const results = await Promise.all(runs.map((runDir, i) => runCli(['train', configs[i] ?? '', '--run-dir', runDir])));
  for (const result of results) assert.equal(result.code, 0, result.stderr);
  const generated = runs.map((runDir) => snapshotsOf(records(runDir)).map((s) => Array.from(s.arrays.generated?.data ?? [])));
  assert.deepEqual(generated[0], generated[1]);
  assert.notDeepEqual(generated[0], generated[2]);
});

function mkdirTemp(parent: string, name: string): string {
  const dir = join(parent, name);
  mkdirSync(dir);
  return dir;
}

test('config overrides from the command line: --max-iterations is recorded in the header and obeyed', async () => {
  const dir = workspace();
  const runDir = join(dir, 'run');
  const result = await runCli(['train', writeConfig(dir, { maxIterations: 5000 }), '--run-dir', runDir, '--max-iterations', '30']);
  assert.equal(result.code, 0, result.stderr);
  assertCompletedRun(runDir, 'cpu');
});

for (const how of ['SIGTERM', 'stdin closing with --exit-with-parent'] as const) {
  test(`${how} stops the run: final snapshot, end 'stopped', exit 0, trainer.pid removed`, async () => {
    const dir = workspace();
    const runDir = join(dir, 'run');
    const args = ['train', writeConfig(dir, { maxIterations: 1000000, backend: 'wasm' }), '--run-dir', runDir];
    const { child, done, stdout } = startCli(how === 'SIGTERM' ? args : [...args, '--exit-with-parent']);
    await waitFor(() => /it 10\//.test(stdout()), 'the first snapshots');
    assert.equal(Number(readFileSync(join(runDir, TRAINER_PID_FILE_NAME), 'utf8')), child.pid);
    if (how === 'SIGTERM') child.kill('SIGTERM');
    else child.stdin?.end();
    const result = await done;
    assert.equal(result.code, 0, result.stderr);
    const all = records(runDir);
    const end = all.at(-1);
    assert.ok(end?.type === 'end' && end.reason === 'stopped', JSON.stringify(end));
    assert.match(end.message ?? '', how === 'SIGTERM' ? /SIGTERM/ : /stdin/);
    const last = snapshotsOf(all).at(-1);
    assert.equal(last?.iteration, end.iteration, 'a final snapshot at the iteration it stopped on');
    assert.ok(all.some((record) => record.type === 'event' && record.kind === 'stopping'));
    assert.equal(existsSync(join(runDir, TRAINER_PID_FILE_NAME)), false);
  });
}

test('an invalid config: exit 2, each problem printed with its position, no run directory created', async () => {
  const dir = workspace();
  const config = join(dir, 'bad.genmon.yaml');
  writeFileSync(config, 'name: bad\ntraining:\n  batchSize: 0\n');
  const runDir = join(dir, 'run');
  const result = await runCli(['train', config, '--run-dir', runDir]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /bad\.genmon\.yaml:3:\d+ error: .*batchSize/);
  assert.equal(existsSync(runDir), false);
});

test('a run directory that already holds a stream is refused and left untouched', async () => {
  const dir = workspace();
  const runDir = join(dir, 'run');
  mkdirSync(runDir);
  writeFileSync(join(runDir, STREAM_FILE_NAME), 'previous run');
  const result = await runCli(['train', writeConfig(dir), '--run-dir', runDir]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /already holds a run/);
  assert.equal(readFileSync(join(runDir, STREAM_FILE_NAME), 'utf8'), 'previous run');
});

test('--backend tensorflow without tfjs-node installed: exit 2 with install advice, nothing created', async () => {
  const dir = workspace();
  const runDir = join(dir, 'run');
  const result = await runCli(['train', writeConfig(dir), '--run-dir', runDir, '--backend', 'tensorflow']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /tfjs-node/);
  assert.match(result.stderr, /npm install @tensorflow\/tfjs-node/);
  assert.equal(existsSync(runDir), false);
});

/**
 * A stand-in for @tensorflow/tfjs-node (which cannot be installed on these machines): it exports
 * tfjs with a backend registered under tfjs-node's name, 'tensorflow', made of the cpu kernels —
 * optionally without one, to make training fail.
 */
function fakeTfjsNode(root: string, missingKernel?: string): string {
  const packageDir = join(root, 'node_modules', '@tensorflow', 'tfjs-node');
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(join(packageDir, 'package.json'), JSON.stringify({ name: '@tensorflow/tfjs-node', version: '0.0.0-test', main: 'index.js' }));
  const tfjs = dirname(require.resolve('@tensorflow/tfjs/package.json'));
  const cpu = dirname(require.resolve('@tensorflow/tfjs-backend-cpu/package.json', { paths: [tfjs] }));
  writeFileSync(
    join(packageDir, 'index.js'),
    `const tf = require(${JSON.stringify(tfjs)});
const { MathBackendCPU } = require(${JSON.stringify(cpu)});
tf.registerBackend('tensorflow', () => new MathBackendCPU(), 0);
for (const kernel of tf.getKernelsForBackend('cpu')) {
  if (kernel.kernelName !== ${JSON.stringify(missingKernel ?? '')}) tf.registerKernel({ ...kernel, backendName: 'tensorflow' });
}
module.exports = tf;
`,
  );
  return root;
}

test('--tfjs-node-path: a tfjs-node found there is used and reported in the header', async () => {
  const dir = workspace();
  const runDir = join(dir, 'run');
  const nodePath = fakeTfjsNode(join(dir, 'native'));
  const result = await runCli(['train', writeConfig(dir), '--run-dir', runDir, '--backend', 'tensorflow', '--tfjs-node-path', nodePath]);
  assert.equal(result.code, 0, result.stderr);
  const all = assertCompletedRun(runDir, 'tensorflow');
  assert.match((all[0] as HeaderRecord).trainer.backendReason ?? '', /@tensorflow\/tfjs-node found via --tfjs-node-path/);
});

test("auto finds tfjs-node in the config's workspace", async () => {
  const dir = workspace();
  fakeTfjsNode(dir);
  const configDir = mkdirTemp(dir, 'experiments');
  const runDir = join(dir, 'run');
  const result = await runCli(['train', writeConfig(configDir, { backend: 'auto' }), '--run-dir', runDir]);
  assert.equal(result.code, 0, result.stderr);
  const header = records(runDir)[0] as HeaderRecord;
  assert.equal(header.trainer.backend, 'tensorflow');
  assert.match(header.trainer.backendReason ?? '', /auto: @tensorflow\/tfjs-node found via workspace/);
});

test("an error during training ends the stream with 'error' and its message, exit 1", async () => {
  const dir = workspace();
  const runDir = join(dir, 'run');
  const nodePath = fakeTfjsNode(join(dir, 'native'), 'BatchMatMul');
  const result = await runCli(['train', writeConfig(dir), '--run-dir', runDir, '--backend', 'tensorflow', '--tfjs-node-path', nodePath]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /BatchMatMul/);
  const end = records(runDir).at(-1);
  assert.ok(end?.type === 'end' && end.reason === 'error', JSON.stringify(end));
  assert.match(end.message ?? '', /BatchMatMul/);
  assert.equal(existsSync(join(runDir, TRAINER_PID_FILE_NAME)), false);
  assert.ok(statSync(join(runDir, STREAM_FILE_NAME)).size > 0);
});
