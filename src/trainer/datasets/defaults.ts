/**
 * Defaults for every dataset key, and builders that apply them to what a user wrote.
 * Image sizes default to 32×32 for CPU training; the paper's 64×64 proportions are kept by
 * giving every length as a fraction of the image side.
 */
import type { DotsSpec, GaussianMixtureSpec, ImageFolderSpec, MnistSpec, PieSpec, SpritesSpec } from './spec';

type Options<T> = Partial<Omit<T, 'type'>>;

/** Sides (pixels) an image dataset may have: 8 keeps a DCGAN-style net at least one stage, 64 is the papers' size. */
export const MIN_IMAGE_SIZE = 8;
export const MAX_IMAGE_SIZE = 64;

export const GAUSSIAN_MIXTURE_DEFAULTS: Omit<GaussianMixtureSpec, 'type'> = { layout: 'ring', modes: 8, radius: 2, sigma: 0.05 };

export const DOTS_DEFAULTS: Omit<DotsSpec, 'type'> = {
  size: 32,
  counts: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  radius: 0.08,
  minSpacing: 2.1,
  colorRange: [0, 0.9],
  noise: 0.03,
};

export const PIE_DEFAULTS: Omit<PieSpec, 'type'> = {
  size: 32,
  radius: [0.15, 0.3],
  x: [0.35, 0.65],
  y: [0.35, 0.65],
  colors: [2, 3, 4],
  redProportion: [0.2, 0.8],
  noise: 0,
};

export const SPRITES_DEFAULTS: Omit<SpritesSpec, 'type'> = {
  size: 32,
  // The bias-alert demo's default: red circles are a rare group, like grey-haired women in CelebA.
  joint: { circle: { red: 0.04, blue: 0.32 }, square: { red: 0.32, blue: 0.32 } },
  scale: [0.35, 0.6],
  colorJitter: 0.1,
  noise: 0.02,
};

export const MNIST_DEFAULTS: Omit<MnistSpec, 'type'> = { heldOut: 0.1 };

export const IMAGE_FOLDER_DEFAULTS: Omit<ImageFolderSpec, 'type' | 'path'> = { size: 32, channels: 3, heldOut: 0.1 };

export function gaussianMixtureSpec(options: Options<GaussianMixtureSpec> = {}): GaussianMixtureSpec {
  return { type: 'gaussian-mixture', ...GAUSSIAN_MIXTURE_DEFAULTS, ...options };
}

export function dotsSpec(options: Options<DotsSpec> = {}): DotsSpec {
  return { type: 'dots', ...DOTS_DEFAULTS, ...options };
}

export function pieSpec(options: Options<PieSpec> = {}): PieSpec {
  return { type: 'pie', ...PIE_DEFAULTS, ...options };
}

export function spritesSpec(options: Options<SpritesSpec> = {}): SpritesSpec {
  return { type: 'sprites', ...SPRITES_DEFAULTS, ...options };
}

export function mnistSpec(options: Options<MnistSpec> = {}): MnistSpec {
  return { type: 'mnist', ...MNIST_DEFAULTS, ...options };
}

export function imageFolderSpec(path: string, options: Options<Omit<ImageFolderSpec, 'path'>> = {}): ImageFolderSpec {
  return { type: 'image-folder', path, ...IMAGE_FOLDER_DEFAULTS, ...options };
}
