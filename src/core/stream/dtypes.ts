import type { DType, NumericArray } from '../../protocol/stream';

type TypedArrayConstructor = Float32ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;

interface DTypeInfo {
  readonly bytesPerElement: number;
  readonly arrayType: TypedArrayConstructor;
}

const DTYPES: Readonly<Record<DType, DTypeInfo>> = {
  float32: { bytesPerElement: 4, arrayType: Float32Array },
  int32: { bytesPerElement: 4, arrayType: Int32Array },
  uint8: { bytesPerElement: 1, arrayType: Uint8Array },
};

export function isKnownDType(value: unknown): value is DType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DTYPES, value);
}

export function dtypeInfo(dtype: DType): DTypeInfo {
  return DTYPES[dtype];
}

/** Number of elements an array of this shape holds (1 for the empty shape, a scalar). */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The array's elements as little-endian bytes (a view, without copying, on little-endian hosts). */
export function littleEndianBytes(array: NumericArray): Uint8Array {
  const { data } = array;
  if (HOST_IS_LITTLE_ENDIAN || data instanceof Uint8Array) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  const bytes = new Uint8Array(data.byteLength);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < data.length; i++) {
    if (data instanceof Float32Array) view.setFloat32(i * 4, data[i]!, true);
    else view.setInt32(i * 4, data[i]!, true);
  }
  return bytes;
}

/**
 * Copies little-endian bytes into a fresh typed array. A fresh buffer, rather than a view on `bytes`,
 * because Node Buffers often live in a shared pool at offsets a Float32Array cannot be aligned to,
 * and because decoded records must not keep a whole read chunk alive.
 */
export function typedArrayFromLittleEndian(dtype: DType, bytes: Uint8Array): Float32Array | Int32Array | Uint8Array {
  const { arrayType, bytesPerElement } = dtypeInfo(dtype);
  const out = new arrayType(bytes.byteLength / bytesPerElement);
  if (HOST_IS_LITTLE_ENDIAN || out instanceof Uint8Array) {
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) {
    out[i] = out instanceof Float32Array ? view.getFloat32(i * 4, true) : view.getInt32(i * 4, true);
  }
  return out;
}
