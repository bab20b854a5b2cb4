// Types for mnist-compact.mjs, which stays plain JavaScript so the build script can use it without a build step.

export declare const MNIST_COMPACT_FILE: string;

/** The compact file's bytes (gzipped) for the digit files in `digitsFolder`. */
export declare function packMnistDigits(digitsFolder: string): Buffer;
