import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseInspectArguments } from '../../src/cli/inspectCommand';
import { runCli } from '../../src/cli/runCli';
import { parseTrainArguments } from '../../src/cli/trainCommand';
import { UsageError } from '../../src/cli/usageError';

async function cli(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('--help prints the main usage on stdout with exit 0; each command has its own help', async () => {
  const main = await cli(['--help']);
  assert.equal(main.code, 0);
  assert.match(main.out, /Usage: genmon <command>/);
  assert.match(main.out, /train <config>/);
  assert.match(main.out, /inspect <run-dir>/);
  const train = await cli(['train', '--help']);
  assert.equal(train.code, 0);
  assert.match(train.out, /--run-dir <dir>/);
  assert.match(train.out, /--exit-with-parent/);
  const inspect = await cli(['inspect', '-h']);
  assert.equal(inspect.code, 0);
  assert.match(inspect.out, /--json/);
});

test('no command, an unknown command or an unknown flag: usage on stderr, exit 2', async () => {
  for (const args of [[], ['bogus'], ['train', 'x.genmon.yaml', '--run-dir', 'r', '--bogus'], ['inspect', 'r', '--verbose']]) {
    const result = await cli(args);
    assert.equal(result.code, 2, args.join(' '));
    assert.equal(result.out, '');
    assert.match(result.err, /Usage: genmon/);
  }
});

test('train arguments: required pieces and checked values', () => {
  const parsed = parseTrainArguments(['c.genmon.yaml', '--run-dir', 'r', '--max-iterations', '12', '--backend', 'wasm', '--tfjs-node-path', '/opt/tf', '--exit-with-parent']);
  assert.deepEqual(parsed, { help: false, configPath: 'c.genmon.yaml', runDir: 'r', maxIterations: 12, backend: 'wasm', tfjsNodePath: '/opt/tf', exitWithParent: true });
  assert.equal(parseTrainArguments(['c.genmon.yaml', '--run-dir', 'r']).backend, undefined);
  const bad: [string[], RegExp][] = [
    [['--run-dir', 'r'], /missing <config>/],
    [['c.genmon.yaml'], /missing --run-dir/],
    [['a', 'b', '--run-dir', 'r'], /expected one <config>/],
    [['c', '--run-dir', 'r', '--max-iterations', '0'], /--max-iterations/],
    [['c', '--run-dir', 'r', '--max-iterations', '1.5'], /--max-iterations/],
    [['c', '--run-dir', 'r', '--backend', 'webgl'], /--backend must be one of auto, wasm, cpu, tensorflow/],
  ];
  for (const [args, message] of bad) assert.throws(() => parseTrainArguments(args), (error: unknown) => error instanceof UsageError && message.test(error.message), args.join(' '));
});

test('inspect arguments', () => {
  assert.deepEqual(parseInspectArguments(['r', '--json']), { help: false, runDir: 'r', json: true });
  assert.throws(() => parseInspectArguments([]), /missing <run-dir>/);
});

test('the process exits with the code the command returns', () => {
  const entry = join(__dirname, '..', '..', 'src', 'cli', 'genmon.ts');
  const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], { encoding: 'utf8', cwd: join(__dirname, '..', '..') });
  const help = run(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Usage: genmon/);
  const unknown = run(['frobnicate']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
});
