/**
 * The `dataset` section of the schema: one branch per `dataset.type`, each closed to the keys of
 * that kind. Defaults come from the trainer's dataset defaults (src/trainer/datasets/defaults.ts),
 * so the docs, the editor and the trainer cannot disagree; docs/datasets.md explains each kind.
 */
import {
  DOTS_DEFAULTS,
  GAUSSIAN_MIXTURE_DEFAULTS,
  IMAGE_FOLDER_DEFAULTS,
  MAX_IMAGE_SIZE,
  MIN_IMAGE_SIZE,
  MNIST_DEFAULTS,
  PIE_DEFAULTS,
  SPRITES_DEFAULTS,
} from '../../trainer/datasets/defaults';
import { PIE_MAX_COLORS } from '../../trainer/datasets/pie';
import type { ConfigSchemaNode } from './schemaNode';

const typeKey = (kind: string, meaning: string): ConfigSchemaNode => ({ type: 'string', const: kind, description: `Kind of dataset: ${meaning}` });

const imageSize = (defaultSize: number): ConfigSchemaNode => ({
  type: 'integer',
  description: 'Side of the square images, in pixels.',
  default: defaultSize,
  minimum: MIN_IMAGE_SIZE,
  maximum: MAX_IMAGE_SIZE,
});

const noise = (defaultNoise: number): ConfigSchemaNode => ({
  type: 'number',
  description: 'Standard deviation of the Gaussian pixel noise added to each image (clipped to [0, 1]).',
  default: defaultNoise,
  minimum: 0,
  maximum: 0.5,
});

const heldOut = (defaultShare: number): ConfigSchemaNode => ({
  type: 'number',
  description: 'Fraction of the images kept out of training (for evaluation and memorisation checks).',
  default: defaultShare,
  minimum: 0,
  maximum: 0.9,
});

const interval = (description: string, low: number, high: number, defaultValue?: readonly number[]): ConfigSchemaNode => ({
  type: 'array',
  title: 'an interval [low, high]',
  description,
  ...(defaultValue !== undefined ? { default: [...defaultValue] } : {}),
  minItems: 2,
  maxItems: 2,
  items: { type: 'number', description: `One end of the interval, from ${low} to ${high}.`, minimum: low, maximum: high },
});

/** A generating factor: drawn uniformly from an interval, or one of a few listed values. */
const factor = (description: string, low: number, high: number, defaultValue: unknown): ConfigSchemaNode => ({
  description: `${description} Either an interval [low, high], drawn uniformly, or { values: [a, b, …] }, one of them with equal probability.`,
  default: defaultValue,
  oneOf: [
    interval('Values are drawn uniformly from this interval.', low, high),
    {
      type: 'object',
      title: 'a mapping { values: [a, b, …] }',
      description: 'A finite set of values, each drawn with equal probability.',
      additionalProperties: false,
      required: ['values'],
      properties: {
        values: {
          type: 'array',
          description: 'The values the factor takes, with equal probability.',
          minItems: 1,
          maxItems: 64,
          items: { type: 'number', description: `One value, from ${low} to ${high}.`, minimum: low, maximum: high },
        },
      },
    },
  ],
});

const integerList = (description: string, low: number, high: number, defaultValue?: readonly number[]): ConfigSchemaNode => ({
  type: 'array',
  description,
  ...(defaultValue !== undefined ? { default: [...defaultValue] } : {}),
  minItems: 1,
  maxItems: high - low + 1,
  items: { type: 'integer', description: `One value, from ${low} to ${high}.`, minimum: low, maximum: high },
});

const gaussianMixture: ConfigSchemaNode = {
  type: 'object',
  title: 'gaussian-mixture',
  description: '2-D points from equally weighted Gaussians on a ring or a grid: the classic test for mode collapse. Label: the generating mode.',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: typeKey('gaussian-mixture', '2-D points from a mixture of Gaussians.'),
    layout: {
      type: 'string',
      description: "Where the mixture's Gaussians sit.",
      default: GAUSSIAN_MIXTURE_DEFAULTS.layout,
      enum: ['ring', 'grid'],
      enumDescriptions: [
        '`modes` Gaussians evenly spaced on a circle of radius `radius`.',
        'A `modes` × `modes` grid of Gaussians whose centres span −`radius` … `radius` on both axes.',
      ],
    },
    modes: {
      type: 'integer',
      description: 'Number of Gaussians on the ring, or per side of the grid (the grid has `modes` × `modes`).',
      default: GAUSSIAN_MIXTURE_DEFAULTS.modes,
      minimum: 1,
      maximum: 100,
    },
    radius: {
      type: 'number',
      description: 'Radius of the ring; for a grid, its centres span −radius … radius on both axes.',
      default: GAUSSIAN_MIXTURE_DEFAULTS.radius,
      exclusiveMinimum: 0,
      maximum: 1000000,
    },
    sigma: {
      type: 'number',
      description: 'Standard deviation of each Gaussian.',
      default: GAUSSIAN_MIXTURE_DEFAULTS.sigma,
      exclusiveMinimum: 0,
      maximum: 1000000,
    },
  },
};

const dots: ConfigSchemaNode = {
  type: 'object',
  title: 'dots',
  description: 'Coloured, non-overlapping dots on white (Zhao et al. 2018). Label: numerosity (the number of dots).',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: typeKey('dots', 'images of coloured dots.'),
    size: imageSize(DOTS_DEFAULTS.size),
    counts: integerList('The numbers of dots an image may hold, drawn with equal probability, e.g. [2] or [2, 4].', 1, 64, DOTS_DEFAULTS.counts),
    radius: { type: 'number', description: 'Dot radius, as a fraction of the image side (at least one pixel).', default: DOTS_DEFAULTS.radius, minimum: 0.01, maximum: 0.25 },
    minSpacing: { type: 'number', description: 'Smallest distance between two dot centres, in radii (above 2 keeps dots apart).', default: DOTS_DEFAULTS.minSpacing, minimum: 2, maximum: 6 },
    colorRange: interval("Each of a dot's R, G and B is drawn uniformly from this interval.", 0, 1, DOTS_DEFAULTS.colorRange),
    noise: noise(DOTS_DEFAULTS.noise),
  },
};

const pieCombination: ConfigSchemaNode = {
  type: 'object',
  description: 'One allowed combination of pie factors; factors it leaves out are drawn as configured above.',
  additionalProperties: false,
  properties: {
    radius: { type: 'number', description: 'Pie radius, as a fraction of the image side.', minimum: 0.02, maximum: 0.5 },
    x: { type: 'number', description: 'Centre x, as a fraction of the image side.', minimum: 0, maximum: 1 },
    y: { type: 'number', description: 'Centre y, as a fraction of the image side.', minimum: 0, maximum: 1 },
    colors: { type: 'integer', description: 'Number of colours, red included.', minimum: 1, maximum: PIE_MAX_COLORS },
    redProportion: { type: 'number', description: 'Angular share of the red sector.', minimum: 0, maximum: 1 },
  },
};

const pie: ConfigSchemaNode = {
  type: 'object',
  title: 'pie',
  description: 'One pie chart on white (Zhao et al. 2018): size, location, number of colours and share of red. Label: the number of colours.',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: typeKey('pie', 'images of pie charts.'),
    size: imageSize(PIE_DEFAULTS.size),
    radius: factor('Pie radius, as a fraction of the image side.', 0.02, 0.5, PIE_DEFAULTS.radius),
    x: factor('Centre x, as a fraction of the image side (0 = left).', 0, 1, PIE_DEFAULTS.x),
    y: factor('Centre y, as a fraction of the image side (0 = top).', 0, 1, PIE_DEFAULTS.y),
    colors: integerList('Allowed numbers of colours in one pie (red included), drawn with equal probability.', 1, PIE_MAX_COLORS, PIE_DEFAULTS.colors),
    redProportion: factor('Angular share of the red sector.', 0, 1, PIE_DEFAULTS.redProportion),
    combinations: {
      type: 'array',
      description: 'When given, every pie takes one of these combinations (equal probability). Few combinations probe memorisation, many generalisation.',
      minItems: 1,
      maxItems: 1000,
      items: pieCombination,
    },
    noise: noise(PIE_DEFAULTS.noise),
  },
};

const spriteWeights = (shape: 'circle' | 'square'): ConfigSchemaNode => ({
  type: 'object',
  description: `Relative weights of red and blue ${shape}s.`,
  additionalProperties: false,
  properties: {
    red: { type: 'number', description: `Relative weight of red ${shape}s.`, default: SPRITES_DEFAULTS.joint[shape].red, minimum: 0, maximum: 1000000 },
    blue: { type: 'number', description: `Relative weight of blue ${shape}s.`, default: SPRITES_DEFAULTS.joint[shape].blue, minimum: 0, maximum: 1000000 },
  },
});

const sprites: ConfigSchemaNode = {
  type: 'object',
  title: 'sprites',
  description: 'A red or blue circle or square on white, with a configurable joint distribution so one group can be made rare. Labels: shape and color.',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: typeKey('sprites', 'images of one circle or square, red or blue.'),
    size: imageSize(SPRITES_DEFAULTS.size),
    joint: {
      type: 'object',
      description: 'Relative weights of the four shape × colour combinations (normalised); e.g. circle.red: 0.01 makes red circles rare.',
      additionalProperties: false,
      properties: { circle: spriteWeights('circle'), square: spriteWeights('square') },
    },
    scale: interval('Sprite width (circle diameter, square side), as a fraction of the image side.', 0, 1, SPRITES_DEFAULTS.scale),
    colorJitter: { type: 'number', description: "Each channel of a sprite's colour is shifted by up to ± this much.", default: SPRITES_DEFAULTS.colorJitter, minimum: 0, maximum: 0.3 },
    noise: noise(SPRITES_DEFAULTS.noise),
  },
};

const mnist: ConfigSchemaNode = {
  type: 'object',
  title: 'mnist',
  description: 'The 10 000 handwritten digits (28×28, grey) shipped with genmon. Label: the digit.',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: typeKey('mnist', 'handwritten digits.'),
    digits: integerList('Only these digits; all ten when left out.', 0, 9),
    heldOut: heldOut(MNIST_DEFAULTS.heldOut),
  },
};

const attributeFile = (key: 'csv' | 'listAttr', title: string, description: string): ConfigSchemaNode => ({
  type: 'object',
  title,
  description,
  additionalProperties: false,
  required: [key],
  properties: { [key]: { type: 'string', description: 'The file, absolute or relative to the config file.', minLength: 1 } },
});

const imageFolder: ConfigSchemaNode = {
  type: 'object',
  title: 'image-folder',
  description: 'Your own PNG and JPEG images, centre-cropped to a square and resized; attributes from an optional CSV or CelebA list_attr file.',
  additionalProperties: false,
  required: ['type', 'path'],
  properties: {
    type: typeKey('image-folder', 'your own images.'),
    path: { type: 'string', description: 'The folder of images, absolute or relative to the config file.', minLength: 1 },
    size: imageSize(IMAGE_FOLDER_DEFAULTS.size),
    channels: {
      type: 'integer',
      description: 'Colour channels the images are converted to.',
      default: IMAGE_FOLDER_DEFAULTS.channels,
      enum: [3, 1],
      enumDescriptions: ['RGB.', 'Grey (Rec. 601 luma).'],
    },
    attributes: {
      description: 'Per-image attributes: { csv: file } or { listAttr: file }. Without it the images carry no labels.',
      oneOf: [
        attributeFile('csv', 'a mapping { csv: file }', 'A CSV file with a header row; the first column is the file name, every other column an attribute.'),
        attributeFile('listAttr', 'a mapping { listAttr: file }', 'A CelebA list_attr file: a count line, a names line, then one line per image with 1 / -1.'),
      ],
    },
    heldOut: heldOut(IMAGE_FOLDER_DEFAULTS.heldOut),
    maxImages: { type: 'integer', description: 'Load at most this many images (the first in name order); all when left out.', minimum: 1, maximum: 10000000 },
  },
};

const KINDS = [gaussianMixture, dots, pie, sprites, mnist, imageFolder];

export const datasetSchema: ConfigSchemaNode = {
  type: 'object',
  description: 'The real data the model learns to imitate. Which keys apply depends on `type`.',
  required: ['type'],
  properties: {
    type: {
      type: 'string',
      description: 'Kind of dataset.',
      enum: KINDS.map((kind) => kind.title ?? ''),
      enumDescriptions: KINDS.map((kind) => kind.description ?? ''),
    },
  },
  oneOf: KINDS,
};
