import type * as fs from 'node:fs';

/**
 * Reads up to `length` bytes at `position`, looping because one read may return fewer bytes than
 * asked; a shorter result means the file ends first (a stream being appended to, or truncated).
 */
export async function readAt(file: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  // Unsafe allocation is fine: only the filled part is returned.
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await file.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}
