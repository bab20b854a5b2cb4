import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { findTfjsNode } from '../../src/trainer/tfjsNodeLookup';
import { wasmBinaryFolder } from '../../src/trainer/wasmFiles';

function installFake(root: string, packageName: string): string {
  const dir = join(root, 'node_modules', ...packageName.split('/'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: packageName, version: '0.0.0', main: 'index.js' }));
  writeFileSync(join(dir, 'index.js'), 'module.exports = {};');
  return join(dir, 'index.js');
}

test('bundled, the wasm binaries are read from the wasm/ folder beside the bundle', () => {
  const bundleDir = mkdtempSync(join(tmpdir(), 'genmon-bundle-'));
  mkdirSync(join(bundleDir, 'wasm'));
  writeFileSync(join(bundleDir, 'wasm', 'tfjs-backend-wasm.wasm'), '');
  assert.equal(wasmBinaryFolder(bundleDir), `${join(bundleDir, 'wasm')}/`);
});

test("from source, the wasm binaries are read from the installed package's dist/ folder", () => {
  const folder = wasmBinaryFolder(join(__dirname, '..', '..', 'src', 'trainer'));
  assert.match(folder, /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist\/$/);
  for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) assert.ok(existsSync(folder + file), file);
});

test('tfjs-node lookup order: --tfjs-node-path, then the workspace upwards, the GPU package first in each', () => {
  const root = mkdtempSync(join(tmpdir(), 'genmon-lookup-'));
  const explicit = join(root, 'explicit');
  const explicitCpu = installFake(explicit, '@tensorflow/tfjs-node');
  const workspace = join(root, 'workspace');
  const workspaceGpu = installFake(workspace, '@tensorflow/tfjs-node-gpu');
  const workspaceCpu = installFake(workspace, '@tensorflow/tfjs-node');
  const configDir = join(workspace, 'experiments', 'gans');
  mkdirSync(configDir, { recursive: true });

  const found = findTfjsNode({ tfjsNodePath: explicit, configDir, selfDir: root });
  assert.deepEqual(
    found.map(({ packageName, entry }) => [packageName, entry]),
    [
      ['@tensorflow/tfjs-node', explicitCpu],
      ['@tensorflow/tfjs-node-gpu', workspaceGpu],
      ['@tensorflow/tfjs-node', workspaceCpu],
    ],
  );
  assert.match(found[0]?.foundVia ?? '', /--tfjs-node-path/);
  assert.match(found[1]?.foundVia ?? '', /workspace/);
});

test('a --tfjs-node-path without the package contributes nothing, and nothing installed means no candidates', () => {
  const root = mkdtempSync(join(tmpdir(), 'genmon-lookup-'));
  const empty = join(root, 'empty');
  mkdirSync(empty);
  assert.deepEqual(findTfjsNode({ tfjsNodePath: empty, configDir: empty, selfDir: empty }), []);
});

test('normal resolution from the trainer finds a package installed above it', () => {
  const root = mkdtempSync(join(tmpdir(), 'genmon-lookup-'));
  const entry = installFake(root, '@tensorflow/tfjs-node');
  const selfDir = join(root, 'dist');
  mkdirSync(selfDir);
  assert.deepEqual(findTfjsNode({ selfDir }), [{ packageName: '@tensorflow/tfjs-node', entry, foundVia: 'node resolution' }]);
});
