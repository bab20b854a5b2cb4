import type { ProjectionViewInput, ProjectionViewName } from '../../protocol/projection';
import type { ArrayMap, NumericArray } from '../../protocol/stream';

/**
 * Which snapshot arrays feed which view, in order of preference. The distribution view prefers
 * evaluator features and falls back to the raw samples; the latent view has generated rows only
 * (the z bank) unless the model also encodes the real reference (a VAE's encoder means); the
 * discriminator view exists only when the trainer writes discriminator features.
 */
export const VIEW_ARRAY_NAMES: Readonly<Record<ProjectionViewName, readonly { readonly real?: string; readonly generated: string }[]>> = {
  distribution: [
    { real: 'realFeatures', generated: 'generatedFeatures' },
    { real: 'real', generated: 'generated' },
  ],
  latent: [{ real: 'latentReal', generated: 'latent' }, { generated: 'latent' }],
  discriminator: [{ real: 'discriminatorReal', generated: 'discriminatorGenerated' }],
};

export interface SnapshotViews {
  readonly views: ProjectionViewInput[];
  /** Arrays that were present but unusable (wrong type or shape), one line each. */
  readonly problems: string[];
}

/** The projection inputs a snapshot's arrays provide; views whose arrays are absent are left out. */
export function snapshotViews(arrays: ArrayMap): SnapshotViews {
  const views: ProjectionViewInput[] = [];
  const problems: string[] = [];
  for (const view of Object.keys(VIEW_ARRAY_NAMES) as ProjectionViewName[]) {
    for (const names of VIEW_ARRAY_NAMES[view]) {
      const generated = arrays[names.generated];
      const real = names.real === undefined ? undefined : arrays[names.real];
      if (!generated || (names.real !== undefined && !real)) continue;
      const problem = matrixProblem(names.generated, generated) ?? (real && names.real ? matrixProblem(names.real, real) : null);
      const dim = generated.shape[1] as number;
      if (!problem && real && real.shape[1] !== dim) {
        problems.push(`${view}: ${names.real} has ${String(real.shape[1])} columns but ${names.generated} has ${dim}`);
        break;
      }
      if (problem) {
        problems.push(`${view}: ${problem}`);
        break;
      }
      const nReal = real ? (real.shape[0] as number) : 0;
      const nGenerated = generated.shape[0] as number;
      if (nReal + nGenerated < 2) break;
      views.push({ view, dim, nReal, real: real ? (real.data as Float32Array) : new Float32Array(0), nGenerated, generated: generated.data as Float32Array });
      break;
    }
  }
  return { views, problems };
}

function matrixProblem(name: string, array: NumericArray): string | null {
  if (array.dtype !== 'float32' || !(array.data instanceof Float32Array)) return `${name} is ${array.dtype}, expected float32`;
  if (array.shape.length !== 2) return `${name} has shape [${array.shape.join(', ')}], expected [rows, columns]`;
  const [rows, columns] = array.shape as [number, number];
  if (!(columns >= 1) || array.data.length !== rows * columns) return `${name} holds ${array.data.length} values for shape [${rows}, ${columns}]`;
  return null;
}
