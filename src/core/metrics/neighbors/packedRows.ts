/**
 * Rows copied into one contiguous block (in a chosen order, padded to a multiple of four columns),
 * with "squared distances from a query row to rows [from, to)" as the one operation. Backed by the
 * WebAssembly SIMD kernel where available, by a plain loop otherwise; both give float32 sums.
 */
import { blockDistances } from './blockDistances';
import { distanceModule } from './distanceModule';
import { webAssembly, type WasmMemory, type WasmModule } from './webAssembly';

export interface PackedRows {
  readonly count: number;
  readonly dim: number;
  /** Which implementation runs: 'wasm-simd' or 'javascript'. */
  readonly kernel: 'wasm-simd' | 'javascript';
  /** Sets the row that distances are measured from. */
  setQuery(source: Float32Array, row: number): void;
  /** Squared distances to packed rows [from, to), in a scratch array valid until the next call. */
  squaredDistances(from: number, to: number): Float32Array;
}

const PAGE_BYTES = 65536;

/** Packs rows `order[i]` (or i when order is omitted) of `source` ([*, dim], row-major). */
export function packRows(source: Float32Array, dim: number, count: number, order?: ArrayLike<number>, forceJavaScript = false): PackedRows {
  const module = forceJavaScript ? null : distanceModule(Math.ceil(dim / 4) * 4);
  return module ? new WasmPackedRows(module, source, dim, count, order) : new JavaScriptPackedRows(source, dim, count, order);
}

function copyRows(target: Float32Array, stride: number, source: Float32Array, dim: number, count: number, order?: ArrayLike<number>): void {
  for (let i = 0; i < count; i++) {
    const row = order ? (order[i] as number) : i;
    target.set(source.subarray(row * dim, row * dim + dim), i * stride);
  }
}

class WasmPackedRows implements PackedRows {
  readonly kernel = 'wasm-simd' as const;
  private readonly stride: number;
  private readonly queryOffset: number;
  private readonly outOffset: number;
  private readonly memory: Float32Array;
  private readonly run: (query: number, rows: number, groups: number, out: number) => void;

  constructor(module: WasmModule, source: Float32Array, readonly dim: number, readonly count: number, order?: ArrayLike<number>) {
    const wasm = webAssembly();
    if (!wasm) throw new Error('WebAssembly is unavailable');
    const instance = new wasm.Instance(module);
    const memory = instance.exports.memory as WasmMemory;
    this.stride = Math.ceil(dim / 4) * 4;
    // The kernel measures whole groups of four rows: up to three rows' worth of slack after the
    // rows (the query sits there) and three values after the output.
    this.queryOffset = count * this.stride;
    this.outOffset = this.queryOffset + 3 * this.stride;
    const bytes = (this.outOffset + count + 4) * 4;
    const pages = Math.ceil(bytes / PAGE_BYTES);
    const have = memory.buffer.byteLength / PAGE_BYTES;
    if (pages > have) memory.grow(pages - have);
    this.memory = new Float32Array(memory.buffer);
    this.run = instance.exports.distances as WasmPackedRows['run'];
    copyRows(this.memory, this.stride, source, dim, count, order);
  }

  setQuery(source: Float32Array, row: number): void {
    this.memory.set(source.subarray(row * this.dim, row * this.dim + this.dim), this.queryOffset);
  }

  squaredDistances(from: number, to: number): Float32Array {
    const count = Math.max(0, to - from);
    if (count > 0) this.run(this.queryOffset * 4, from * this.stride * 4, Math.ceil(count / 4), this.outOffset * 4);
    return this.memory.subarray(this.outOffset, this.outOffset + count);
  }
}

class JavaScriptPackedRows implements PackedRows {
  readonly kernel = 'javascript' as const;
  private readonly rows: Float32Array;
  private readonly query: Float32Array;
  private readonly out: Float32Array;

  constructor(source: Float32Array, readonly dim: number, readonly count: number, order?: ArrayLike<number>) {
    this.rows = new Float32Array(count * dim);
    copyRows(this.rows, dim, source, dim, count, order);
    this.query = new Float32Array(dim);
    this.out = new Float32Array(count);
  }

  setQuery(source: Float32Array, row: number): void {
    this.query.set(source.subarray(row * this.dim, row * this.dim + this.dim));
  }

  squaredDistances(from: number, to: number): Float32Array {
    const count = Math.max(0, to - from);
    blockDistances(this.query, 0, this.rows, from, to, this.dim, this.out);
    return this.out.subarray(0, count);
  }
}
