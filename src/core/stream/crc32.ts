/**
 * CRC-32/IEEE (the zlib/PNG/Ethernet CRC): reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF.
 * Implemented here, table-driven, so that readers in other languages can match it with their standard library
 * (Python: zlib.crc32) and genmon needs no dependency or recent Node version for it.
 */

const REFLECTED_POLYNOMIAL = 0xedb88320;

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 1 ? (crc >>> 1) ^ REFLECTED_POLYNOMIAL : crc >>> 1;
    }
    table[byte] = crc >>> 0;
  }
  return table;
})();

/** CRC-32 of `bytes`, as an unsigned 32-bit integer. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    // Both indexes are in range by construction; the non-null assertions only silence noUncheckedIndexedAccess.
    crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
