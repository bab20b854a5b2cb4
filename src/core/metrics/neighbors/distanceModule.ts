/**
 * Hand-assembled WebAssembly SIMD: squared Euclidean distances from one float32 row to a run of
 * contiguous rows. Each module is specialised to one row stride (a multiple of 4 floats), so the
 * loop over columns is fully unrolled, and four rows are measured together, sharing each load of the
 * query. In V8 that is several times the throughput of the best plain-JavaScript loop, which is
 * what lets exact k-NN metrics of a 5,000-sample snapshot fit a frame budget. Built from bytes here
 * so it needs no toolchain, file or network.
 *
 *   distances(query, rows, groups, out)   // byte offsets; measures 4 · groups rows
 *   out[r] = Σ_c (query[c] − rows[r][c])²
 *
 * It always measures whole groups of four rows: callers leave slack after the rows and the output.
 */

import { webAssembly, type WasmModule } from './webAssembly';

const SIMD_PREFIX = 0xfd;

function leb128(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

const simd = (code: number): number[] => [SIMD_PREFIX, ...leb128(code)];
const localGet = (index: number): number[] => [0x20, index];
const localSet = (index: number): number[] => [0x21, index];
const localTee = (index: number): number[] => [0x22, index];
/** Signed LEB128, as i32.const wants. */
const i32Const = (value: number): number[] => {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    if ((rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0)) return [0x41, ...bytes, byte];
    bytes.push(byte | 0x80);
  }
};
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_EQZ = 0x45;
const F32_ADD = 0x92;
const BR_IF_0 = [0x0d, 0x00];
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = 0x0b;
const V128_ZERO = [...simd(0x0c), ...new Array<number>(16).fill(0)];
const F32X4_ADD = simd(0xe4);
const F32X4_SUB = simd(0xe5);
const F32X4_MUL = simd(0xe6);
const extractLane = (lane: number): number[] => [...simd(0x1f), lane];

// Parameters 0–3: query, rows, groups, out. Locals: 4 query lanes (v128), 5 difference (v128), 6–9 sums (v128).
const [QUERY, ROWS, GROUPS, OUT, LANES, DIFF] = [0, 1, 2, 3, 4, 5] as const;
const SUMS = [6, 7, 8, 9] as const;
const memarg = (offset: number): number[] => [0x04, ...leb128(offset)];

function functionBody(stride: number): number[] {
  const rowBytes = stride * 4;
  const columns: number[] = [];
  for (let step = 0; step < stride / 4; step++) {
    columns.push(...localGet(QUERY), ...simd(0x00), ...memarg(16 * step), ...localSet(LANES));
    SUMS.forEach((sum, row) => {
      columns.push(
        ...localGet(LANES), ...localGet(ROWS), ...simd(0x00), ...memarg(row * rowBytes + 16 * step), ...F32X4_SUB, ...localTee(DIFF),
        ...localGet(DIFF), ...F32X4_MUL, ...localGet(sum), ...F32X4_ADD, ...localSet(sum),
      );
    });
  }
  const stores: number[] = [];
  SUMS.forEach((sum, row) => {
    stores.push(
      ...localGet(OUT),
      ...localGet(sum), ...extractLane(0), ...localGet(sum), ...extractLane(1), F32_ADD,
      ...localGet(sum), ...extractLane(2), F32_ADD, ...localGet(sum), ...extractLane(3), F32_ADD,
      0x38, 0x02, ...leb128(4 * row),
    );
  });
  const code = [
    ...BLOCK,
    ...localGet(GROUPS), I32_EQZ, ...BR_IF_0,
    ...LOOP,
    ...SUMS.flatMap((sum) => [...V128_ZERO, ...localSet(sum)]),
    ...columns,
    ...stores,
    ...localGet(ROWS), ...i32Const(4 * rowBytes), I32_ADD, ...localSet(ROWS),
    ...localGet(OUT), ...i32Const(16), I32_ADD, ...localSet(OUT),
    ...localGet(GROUPS), ...i32Const(1), I32_SUB, ...localTee(GROUPS), ...BR_IF_0,
    END,
    END,
    END,
  ];
  // Local declarations: 6 × v128.
  return [0x01, 0x06, 0x7b, ...code];
}

function section(id: number, content: number[]): number[] {
  return [id, ...leb128(content.length), ...content];
}

function name(text: string): number[] {
  return [text.length, ...Array.from(text, (char) => char.charCodeAt(0))];
}

export function distanceModuleBytes(stride: number): Uint8Array {
  if (!(Number.isInteger(stride) && stride >= 4 && stride % 4 === 0)) throw new RangeError(`stride must be a positive multiple of 4, got ${stride}`);
  const body = functionBody(stride);
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x04, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]),
    ...section(3, [0x01, 0x00]),
    ...section(5, [0x01, 0x00, 0x01]),
    ...section(7, [0x02, ...name('memory'), 0x02, 0x00, ...name('distances'), 0x00, 0x00]),
    ...section(10, [0x01, ...leb128(body.length), ...body]),
  ]);
}

const compiled = new Map<number, WasmModule | null>();

/** The module for rows of `stride` floats, or null where WebAssembly SIMD is unavailable (callers fall back to JavaScript). */
export function distanceModule(stride: number): WasmModule | null {
  const known = compiled.get(stride);
  if (known !== undefined) return known;
  let module: WasmModule | null = null;
  try {
    const bytes = distanceModuleBytes(stride);
    const wasm = webAssembly();
    module = wasm && wasm.validate(bytes) ? new wasm.Module(bytes) : null;
  } catch {
    module = null;
  }
  compiled.set(stride, module);
  return module;
}
