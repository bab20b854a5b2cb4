/**
 * Range checks for dataset specs, worded for the person who wrote the config. The config
 * schema catches types; these catch combinations a schema cannot (a pie that leaves the
 * image, more dots than fit).
 */
import { MAX_IMAGE_SIZE, MIN_IMAGE_SIZE } from './defaults';
import { PIE_MAX_COLORS } from './pie';
import { SPRITE_COLORS, SPRITE_SHAPES } from './sprites';
import { isFactorValues, type DatasetSpec, type DotsSpec, type FactorChoice, type Interval, type PieSpec, type SpritesSpec } from './spec';

export { MAX_IMAGE_SIZE, MIN_IMAGE_SIZE };
/** Random sequential placement jams near 55 % coverage; stay well below so images are found quickly. */
const MAX_DOT_COVERAGE = 0.4;

type Problems = string[];

function isInteger(value: unknown, low: number, high: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= low && value <= high;
}

function checkSize(size: number, problems: Problems): void {
  if (!isInteger(size, MIN_IMAGE_SIZE, MAX_IMAGE_SIZE)) problems.push(`size must be an integer from ${MIN_IMAGE_SIZE} to ${MAX_IMAGE_SIZE}, got ${size}`);
}

function checkInterval(key: string, interval: Interval, low: number, high: number, problems: Problems): void {
  const [a, b] = interval;
  if (interval.length !== 2 || !(a >= low && a <= b && b <= high)) problems.push(`${key} must be [low, high] with ${low} ≤ low ≤ high ≤ ${high}, got [${interval.join(', ')}]`);
}

function checkFraction(key: string, value: number, low: number, high: number, problems: Problems): void {
  if (!(typeof value === 'number' && value >= low && value <= high)) problems.push(`${key} must be from ${low} to ${high}, got ${value}`);
}

function checkIntegers(key: string, values: readonly number[], low: number, high: number, problems: Problems): void {
  if (values.length === 0 || !values.every((v) => isInteger(v, low, high))) problems.push(`${key} must be a non-empty list of integers from ${low} to ${high}, got [${values.join(', ')}]`);
  else if (new Set(values).size !== values.length) problems.push(`${key} lists a value twice: [${values.join(', ')}]`);
}

/** The extreme values a factor can take. */
function extremes(choice: FactorChoice): [number, number] {
  const values = isFactorValues(choice) ? choice.values : choice;
  return [Math.min(...values), Math.max(...values)];
}

function checkChoice(key: string, choice: FactorChoice, low: number, high: number, problems: Problems): void {
  if (isFactorValues(choice)) {
    if (choice.values.length === 0 || !choice.values.every((v) => typeof v === 'number' && v >= low && v <= high)) {
      problems.push(`${key}.values must be a non-empty list of numbers from ${low} to ${high}`);
    }
  } else {
    checkInterval(key, choice, low, high, problems);
  }
}

function dotsProblems(spec: DotsSpec, problems: Problems): void {
  checkSize(spec.size, problems);
  checkIntegers('counts', spec.counts, 1, 64, problems);
  checkFraction('radius', spec.radius, 0.01, 0.25, problems);
  checkFraction('minSpacing', spec.minSpacing, 2, 6, problems);
  checkInterval('colorRange', spec.colorRange, 0, 1, problems);
  checkFraction('noise', spec.noise, 0, 0.5, problems);
  if (problems.length > 0) return;
  const most = Math.max(...spec.counts);
  const coverage = (most * Math.PI * ((spec.minSpacing * spec.radius) / 2) ** 2) / (1 - 2 * spec.radius) ** 2;
  if (coverage > MAX_DOT_COVERAGE) problems.push(`${most} dots of radius ${spec.radius} at spacing ${spec.minSpacing} do not fit reliably; lower counts, radius or minSpacing`);
  if (spec.radius * spec.size < 1) problems.push(`radius ${spec.radius} is under one pixel at size ${spec.size}`);
}

function pieProblems(spec: PieSpec, problems: Problems): void {
  checkSize(spec.size, problems);
  checkChoice('radius', spec.radius, 0.02, 0.5, problems);
  checkChoice('x', spec.x, 0, 1, problems);
  checkChoice('y', spec.y, 0, 1, problems);
  checkIntegers('colors', spec.colors, 1, PIE_MAX_COLORS, problems);
  checkChoice('redProportion', spec.redProportion, 0, 1, problems);
  checkFraction('noise', spec.noise, 0, 0.5, problems);
  (spec.combinations ?? []).forEach((combination, i) => {
    const key = `combinations[${i}]`;
    if (combination.radius !== undefined) checkFraction(`${key}.radius`, combination.radius, 0.02, 0.5, problems);
    if (combination.x !== undefined) checkFraction(`${key}.x`, combination.x, 0, 1, problems);
    if (combination.y !== undefined) checkFraction(`${key}.y`, combination.y, 0, 1, problems);
    if (combination.colors !== undefined && !isInteger(combination.colors, 1, PIE_MAX_COLORS)) problems.push(`${key}.colors must be an integer from 1 to ${PIE_MAX_COLORS}`);
    if (combination.redProportion !== undefined) checkFraction(`${key}.redProportion`, combination.redProportion, 0, 1, problems);
  });
  if (spec.combinations?.length === 0) problems.push('combinations, when given, must list at least one combination');
  if (problems.length > 0) return;
  // The pie must stay inside the image for every radius and centre it can be drawn with.
  const combos = spec.combinations ?? [{}];
  for (const combination of combos) {
    const largest = combination.radius ?? extremes(spec.radius)[1];
    for (const axis of ['x', 'y'] as const) {
      const [low, high] = combination[axis] !== undefined ? [combination[axis], combination[axis]] : extremes(spec[axis]);
      if (low - largest < 0 || high + largest > 1) problems.push(`a pie of radius ${largest} at ${axis} in [${low}, ${high}] leaves the image`);
    }
  }
}

function spritesProblems(spec: SpritesSpec, problems: Problems): void {
  checkSize(spec.size, problems);
  let total = 0;
  for (const shape of SPRITE_SHAPES) {
    for (const color of SPRITE_COLORS) {
      const weight = spec.joint?.[shape]?.[color];
      if (!(typeof weight === 'number' && weight >= 0 && Number.isFinite(weight))) problems.push(`joint.${shape}.${color} must be a non-negative number, got ${weight}`);
      else total += weight;
    }
  }
  if (problems.length === 0 && total <= 0) problems.push('joint weights must not all be zero');
  checkInterval('scale', spec.scale, 2 / spec.size, 1, problems);
  checkFraction('colorJitter', spec.colorJitter, 0, 0.3, problems);
  checkFraction('noise', spec.noise, 0, 0.5, problems);
}

/** Everything wrong with `spec`, one sentence each; empty when it is usable. */
export function datasetSpecProblems(spec: DatasetSpec): string[] {
  const problems: Problems = [];
  switch (spec.type) {
    case 'gaussian-mixture':
      if (!isInteger(spec.modes, 1, 100)) problems.push(`modes must be an integer from 1 to 100, got ${spec.modes}`);
      if (!(spec.radius >= 0 && Number.isFinite(spec.radius))) problems.push(`radius must be a non-negative number, got ${spec.radius}`);
      if (!(spec.sigma > 0 && Number.isFinite(spec.sigma))) problems.push(`sigma must be positive, got ${spec.sigma}`);
      break;
    case 'dots':
      dotsProblems(spec, problems);
      break;
    case 'pie':
      pieProblems(spec, problems);
      break;
    case 'sprites':
      spritesProblems(spec, problems);
      break;
    case 'mnist':
      if (spec.digits !== undefined) checkIntegers('digits', spec.digits, 0, 9, problems);
      checkFraction('heldOut', spec.heldOut, 0, 0.9, problems);
      break;
    case 'image-folder':
      if (typeof spec.path !== 'string' || spec.path.trim() === '') problems.push('path must name a folder of images');
      checkSize(spec.size, problems);
      if (spec.channels !== 1 && spec.channels !== 3) problems.push(`channels must be 1 or 3, got ${spec.channels}`);
      checkFraction('heldOut', spec.heldOut, 0, 0.9, problems);
      if (spec.maxImages !== undefined && !isInteger(spec.maxImages, 1, Number.MAX_SAFE_INTEGER)) problems.push(`maxImages must be a positive integer, got ${spec.maxImages}`);
      break;
    default:
      problems.push(`unknown dataset type '${(spec as { type?: unknown }).type}'`);
  }
  return problems.map((problem) => `dataset (${spec.type}): ${problem}`);
}
