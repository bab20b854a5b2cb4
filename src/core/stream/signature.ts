import { FILE_SIGNATURE } from './format';

/** 'complete': the file starts with the signature; 'partial': it is a prefix of it (the file is being created); 'wrong': not a genmon stream. */
export type SignatureState = 'complete' | 'partial' | 'wrong';

export function checkSignature(firstBytes: Uint8Array): SignatureState {
  const length = Math.min(firstBytes.length, FILE_SIGNATURE.length);
  for (let i = 0; i < length; i++) {
    if (firstBytes[i] !== FILE_SIGNATURE[i]) return 'wrong';
  }
  return length === FILE_SIGNATURE.length ? 'complete' : 'partial';
}

export function notAStreamMessage(filePath: string): string {
  return `${filePath} is not a genmon snapshot stream (its first bytes are not the stream file signature)`;
}

/** Offsets inside the signature cannot be resumed from; everything else is the caller's business. */
export function checkResumeOffset(offset: number): void {
  if (!Number.isSafeInteger(offset) || offset < 0 || (offset > 0 && offset < FILE_SIGNATURE.length)) {
    throw new Error(`invalid stream offset ${offset}: use 0 (start of file) or an offset at or after byte ${FILE_SIGNATURE.length}`);
  }
}
