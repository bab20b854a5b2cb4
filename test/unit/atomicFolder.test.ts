import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { publishFolder } from '../../src/trainer/atomicFolder';

function tempParent(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'genmon-atomic-'));
}

const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text) });

test('publishFolder writes every file under the final name and leaves no temporary folder', () => {
  const parent = path.join(tempParent(), 'nested');
  const final = publishFolder(parent, 'entry', [file('data.bin', 'abc'), file('manifest.json', '{}')], 'replace');
  assert.equal(final, path.join(parent, 'entry'));
  assert.deepEqual(fs.readdirSync(parent), ['entry']);
  assert.equal(fs.readFileSync(path.join(final, 'data.bin'), 'utf8'), 'abc');
  assert.equal(fs.readFileSync(path.join(final, 'manifest.json'), 'utf8'), '{}');
});

test("publishFolder's replace policy swaps an existing folder for the new one", () => {
  const parent = tempParent();
  publishFolder(parent, 'entry', [file('manifest.json', 'old')], 'replace');
  publishFolder(parent, 'entry', [file('manifest.json', 'new')], 'replace');
  assert.deepEqual(fs.readdirSync(parent), ['entry']);
  assert.equal(fs.readFileSync(path.join(parent, 'entry', 'manifest.json'), 'utf8'), 'new');
});

test("publishFolder's keep policy leaves a complete existing folder and discards its own copy", () => {
  const parent = tempParent();
  publishFolder(parent, 'entry', [file('data.bin', 'first'), file('manifest.json', 'first')], 'keep');
  publishFolder(parent, 'entry', [file('data.bin', 'second'), file('manifest.json', 'second')], 'keep');
  assert.deepEqual(fs.readdirSync(parent), ['entry']);
  assert.equal(fs.readFileSync(path.join(parent, 'entry', 'manifest.json'), 'utf8'), 'first');
});

test("publishFolder's keep policy fails on an existing folder without the last file, and cleans up", () => {
  const parent = tempParent();
  fs.mkdirSync(path.join(parent, 'entry'));
  fs.writeFileSync(path.join(parent, 'entry', 'stray.txt'), 'x');
  assert.throws(() => publishFolder(parent, 'entry', [file('manifest.json', 'new')], 'keep'));
  assert.deepEqual(fs.readdirSync(parent), ['entry']);
});

test('publishFolder removes its temporary folder when a file cannot be written', () => {
  const parent = tempParent();
  assert.throws(() => publishFolder(parent, 'entry', [file('same', 'a'), file('same', 'b')], 'replace'), /EEXIST/);
  assert.deepEqual(fs.readdirSync(parent), []);
});
