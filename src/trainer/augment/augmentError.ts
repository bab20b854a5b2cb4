/** An augment that cannot be carried out; nothing was changed. `code` is the control channel's error code for it. */
export class AugmentError extends Error {
  constructor(
    readonly code: 'invalid-request' | 'not-supported',
    message: string,
  ) {
    super(message);
  }
}
