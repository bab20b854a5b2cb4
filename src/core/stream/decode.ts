/** Decodes a frame payload (whose CRC has already been checked) into a record. */
import { alignUp, MIN_PAYLOAD_BYTES } from './format';
import { recordFromMeta, type MetaOutcome } from './record-meta';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodePayload(payload: Uint8Array): MetaOutcome {
  if (payload.byteLength < MIN_PAYLOAD_BYTES) return { kind: 'invalid', message: `payload of ${payload.byteLength} bytes has no meta length` };
  const metaLength = new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(0, true);
  if (4 + metaLength > payload.byteLength) {
    return { kind: 'invalid', message: `meta length ${metaLength} exceeds the ${payload.byteLength}-byte payload` };
  }
  let meta: unknown;
  try {
    meta = JSON.parse(utf8.decode(payload.subarray(4, 4 + metaLength)));
  } catch (error) {
    return { kind: 'invalid', message: `meta is not valid UTF-8 JSON (${(error as Error).message})` };
  }
  const binaryStart = Math.min(alignUp(4 + metaLength), payload.byteLength);
  return recordFromMeta(meta, payload.subarray(binaryStart));
}
