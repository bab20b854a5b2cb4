/**
 * Names of the probe-measurement arrays in snapshots (docs/stream-format.md): one float32 value
 * per image, measured from pixels, for the real reference set and for the generated samples.
 * Shared by the trainer that writes them and the metrics that read them, so neither spells the
 * names out by hand.
 */

export const PROBE_ARRAY_PREFIX = 'probe.';

export type ProbeSide = 'real' | 'generated';

/** The measured features each probe dataset writes, in the order its arrays are written. */
export const PROBE_FEATURES = {
  dots: ['numerosity'],
  pie: ['radius', 'x', 'y', 'redProportion', 'colors'],
} as const satisfies Record<string, readonly string[]>;

export type ProbeDatasetType = keyof typeof PROBE_FEATURES;

/** Features whose values are counts: histograms should give them one bin per integer. */
export const INTEGER_PROBE_FEATURES: ReadonlySet<string> = new Set(['numerosity', 'colors']);

export interface ProbeArrayName {
  readonly side: ProbeSide;
  readonly feature: string;
}

const FEATURE_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

/** `probe.<side>.<feature>`; throws a RangeError for a feature that would not parse back (empty, or with a dot). */
export function probeArrayName(side: ProbeSide, feature: string): string {
  if (!FEATURE_PATTERN.test(feature)) throw new RangeError(`probe feature names are letters, digits and _, starting with a letter; got ${JSON.stringify(feature)}`);
  return `${PROBE_ARRAY_PREFIX}${side}.${feature}`;
}

/** The side and feature of a probe array name; undefined for any other name. */
export function parseProbeArrayName(name: string): ProbeArrayName | undefined {
  if (!name.startsWith(PROBE_ARRAY_PREFIX)) return undefined;
  const rest = name.slice(PROBE_ARRAY_PREFIX.length);
  const dot = rest.indexOf('.');
  if (dot < 0) return undefined;
  const side = rest.slice(0, dot);
  const feature = rest.slice(dot + 1);
  if ((side !== 'real' && side !== 'generated') || !FEATURE_PATTERN.test(feature)) return undefined;
  return { side, feature };
}

/** Whether probe features are measured for snapshots of this dataset type. */
export function isProbeDataset(type: string): type is ProbeDatasetType {
  return Object.prototype.hasOwnProperty.call(PROBE_FEATURES, type);
}
