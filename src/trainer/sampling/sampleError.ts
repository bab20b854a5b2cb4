/** A `sample` request that cannot be carried out; nothing was drawn. `code` is the control channel's error code for it. */
export class SampleError extends Error {
  constructor(
    readonly code: 'invalid-request' | 'not-supported',
    message: string,
  ) {
    super(message);
  }
}
