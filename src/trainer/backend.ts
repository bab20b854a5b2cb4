/**
 * Choosing and starting the TensorFlow.js backend the trainer computes with.
 *
 * `auto` prefers native TensorFlow (a user-installed tfjs-node[-gpu]), then the shipped wasm
 * backend, then the pure-JavaScript cpu backend. `tensorflow` insists on native TensorFlow and
 * fails clearly if it is not installed. The choice and its reason go into the stream header.
 */
import * as bundledTf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import type { BackendChoice } from '../core/config/types';
import type { Tf } from './tf';
import { findTfjsNode, type TfjsNodeCandidate, type TfjsNodeSearch } from './tfjsNodeLookup';
import { wasmBinaryFolder } from './wasmFiles';
import { registerWasmTrainingKernels } from './wasmKernels/registerWasmTrainingKernels';

export interface BackendRequest extends TfjsNodeSearch {
  readonly requested: BackendChoice;
  /** Says which setting made the request, for the reason text (e.g. "--backend", "config"). */
  readonly requestedBy: string;
}

export interface SelectedBackend {
  /** The namespace to compute with: the one whose engine has `backend` registered and active. */
  readonly tf: Tf;
  /** 'wasm', 'cpu', 'tensorflow' or 'tensorflow-gpu'. */
  readonly backend: string;
  readonly reason: string;
}

/** A backend was explicitly requested and cannot be had; the CLI maps this to exit code 2. */
export class BackendUnavailableError extends Error {}

interface Attempt {
  readonly selected?: SelectedBackend;
  readonly failure?: string;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}

async function tryTfjsNode(candidates: readonly TfjsNodeCandidate[]): Promise<Attempt> {
  const failures: string[] = [];
  const load = createRequire(__filename);
  for (const candidate of candidates) {
    try {
      // The user's tfjs-node brings its own @tensorflow/tfjs(-core) and registers 'tensorflow' on
      // *that* engine, not on the bundled one; so the trainer computes with the namespace the
      // package exports (it re-exports all of @tensorflow/tfjs), never mixing the two engines.
      const nativeTf = load(candidate.entry) as Tf;
      if (!(await nativeTf.setBackend('tensorflow'))) throw new Error("its 'tensorflow' backend did not initialise");
      await nativeTf.ready();
      const backend = candidate.packageName === '@tensorflow/tfjs-node-gpu' ? 'tensorflow-gpu' : 'tensorflow';
      return { selected: { tf: nativeTf, backend, reason: `${candidate.packageName} found via ${candidate.foundVia}` } };
    } catch (error) {
      failures.push(`${candidate.packageName} (${candidate.foundVia}) failed to load: ${describe(error)}`);
    }
  }
  return { failure: failures.length > 0 ? failures.join('; ') : '@tensorflow/tfjs-node not found' };
}

async function tryBundled(name: 'wasm' | 'cpu'): Promise<Attempt> {
  try {
    if (name === 'wasm') setWasmPaths(wasmBinaryFolder());
    if (!(await bundledTf.setBackend(name))) throw new Error(`the ${name} backend did not initialise`);
    await bundledTf.ready();
    // tfjs's wasm backend lacks Conv2DBackpropFilter: without these, conv models cannot train on it.
    if (name === 'wasm') registerWasmTrainingKernels(bundledTf);
    return { selected: { tf: bundledTf, backend: name, reason: '' } };
  } catch (error) {
    return { failure: `${name} backend failed: ${describe(error)}` };
  }
}

function withReason(attempt: Attempt, reason: string): SelectedBackend | undefined {
  return attempt.selected ? { ...attempt.selected, reason } : undefined;
}

export async function selectBackend(request: BackendRequest): Promise<SelectedBackend> {
  const by = request.requestedBy;
  switch (request.requested) {
    case 'tensorflow': {
      const native = await tryTfjsNode(findTfjsNode(request));
      if (native.selected) return { ...native.selected, reason: `${by} tensorflow: ${native.selected.reason}` };
      throw new BackendUnavailableError(
        `backend 'tensorflow' was requested (${by}) but native TensorFlow is not available: ${native.failure}. ` +
          'Install @tensorflow/tfjs-node in the workspace (npm install @tensorflow/tfjs-node), point --tfjs-node-path at a folder whose node_modules holds it, or use --backend wasm.',
      );
    }
    case 'cpu': {
      const cpu = await tryBundled('cpu');
      const selected = withReason(cpu, `${by} cpu`);
      if (selected) return selected;
      throw new BackendUnavailableError(`backend 'cpu' was requested (${by}) but ${cpu.failure}`);
    }
    case 'wasm': {
      const wasm = await tryBundled('wasm');
      const selected = withReason(wasm, `${by} wasm`);
      if (selected) return selected;
      const cpu = await tryBundled('cpu');
      const fallback = withReason(cpu, `${by} wasm, but ${wasm.failure}; fell back to cpu`);
      if (fallback) return fallback;
      throw new BackendUnavailableError(`no backend could start: ${wasm.failure}; ${cpu.failure}`);
    }
    case 'auto': {
      const native = await tryTfjsNode(findTfjsNode(request));
      if (native.selected) return { ...native.selected, reason: `${by} auto: ${native.selected.reason}` };
      const wasm = await tryBundled('wasm');
      const selected = withReason(wasm, `${by} auto: ${native.failure}`);
      if (selected) return selected;
      const cpu = await tryBundled('cpu');
      const fallback = withReason(cpu, `${by} auto: ${native.failure}; ${wasm.failure}; fell back to cpu`);
      if (fallback) return fallback;
      throw new BackendUnavailableError(`no backend could start: ${native.failure}; ${wasm.failure}; ${cpu.failure}`);
    }
  }
}
