/**
 * The few WebAssembly calls the distance kernel makes, typed here: the project's TypeScript
 * settings (ES2022 library, no DOM) declare no WebAssembly global, though Node and browsers have one.
 */

export type WasmModule = object;

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface WasmInstance {
  readonly exports: Readonly<Record<string, unknown>>;
}

interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  readonly Module: new (bytes: Uint8Array) => WasmModule;
  readonly Instance: new (module: WasmModule) => WasmInstance;
}

/** The host's WebAssembly, or undefined where there is none. */
export function webAssembly(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}
