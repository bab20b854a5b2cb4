/**
 * What the probe datasets (dots, pie; Zhao et al. 2018) add to every snapshot: each image's
 * features measured from its pixels, for the real reference set and the generated samples, so
 * the metrics can compare the two distributions feature by feature. Real and generated images go
 * through the same measurement, which is the point: a generated "dot" counts only if it looks
 * like one. The real set never changes, so it is measured once; generated samples per snapshot,
 * at full resolution (the projection's shrunk vectors would blur small dots together).
 */
import { measureDots } from '../../core/measure/dots';
import { imageShape, type ImageShape } from '../../core/measure/image';
import { measurePie } from '../../core/measure/pie';
import { PROBE_FEATURES, probeArrayName, type ProbeSide } from '../../protocol/probeArrays';
import type { NumericArray } from '../../protocol/stream';
import type { DatasetSpec } from '../datasets/spec';

/** One image's values, in the order of `features`. */
type MeasureImage = (pixels: Float32Array, shape: ImageShape) => readonly number[];

export interface ProbeMeasurer {
  readonly features: readonly string[];
  readonly measure: MeasureImage;
}

/** How images of `spec` are measured; undefined for datasets that are not probes. */
export function probeMeasurer(spec: DatasetSpec): ProbeMeasurer | undefined {
  switch (spec.type) {
    case 'dots': {
      const dotRadius = spec.radius;
      // meanColor is left out: it is three values per image, and the probe metrics take one.
      return { features: PROBE_FEATURES.dots, measure: (pixels, shape) => [measureDots(pixels, shape, { dotRadius }).numerosity] };
    }
    case 'pie':
      return {
        features: PROBE_FEATURES.pie,
        measure: (pixels, shape) => {
          const pie = measurePie(pixels, shape);
          return [pie.radius, pie.x, pie.y, pie.redProportion, pie.colors];
        },
      };
    default:
      return undefined;
  }
}

/** Measures `count` images stored row-major in `images`: one column of `count` values per feature. */
export function measureImages(measurer: ProbeMeasurer, images: Float32Array, count: number, shape: ImageShape): Float32Array[] {
  const length = shape.height * shape.width * shape.channels;
  if (!Number.isSafeInteger(count) || count < 0 || images.length !== count * length) {
    throw new RangeError(`probe measurements: ${count} images of ${shape.height}×${shape.width}×${shape.channels} need ${count * length} values, got ${images.length}`);
  }
  const columns = measurer.features.map(() => new Float32Array(count));
  for (let row = 0; row < count; row++) {
    const values = measurer.measure(images.subarray(row * length, (row + 1) * length), shape);
    columns.forEach((column, feature) => {
      column[row] = values[feature] ?? Number.NaN;
    });
  }
  return columns;
}

export class SnapshotProbes {
  /** Computed once, written in every snapshot. */
  private readonly realArrays: Record<string, NumericArray>;

  private constructor(
    private readonly measurer: ProbeMeasurer,
    private readonly shape: ImageShape,
    reference: { readonly data: Float32Array; readonly count: number },
  ) {
    this.realArrays = this.sideArrays('real', reference.data, reference.count);
  }

  /** The probe arrays of a run on `spec` whose samples have `sampleShape`; undefined when the dataset is not a probe dataset. */
  static create(spec: DatasetSpec, sampleShape: readonly number[], reference: { readonly data: Float32Array; readonly count: number }): SnapshotProbes | undefined {
    const measurer = probeMeasurer(spec);
    return measurer ? new SnapshotProbes(measurer, imageShape(sampleShape), reference) : undefined;
  }

  /** The probe arrays of one snapshot, for `count` full-size generated images stored row-major in `generated`. */
  arrays(generated: Float32Array, count: number): Record<string, NumericArray> {
    return { ...this.realArrays, ...this.sideArrays('generated', generated, count) };
  }

  private sideArrays(side: ProbeSide, images: Float32Array, count: number): Record<string, NumericArray> {
    const columns = measureImages(this.measurer, images, count, this.shape);
    const arrays: Record<string, NumericArray> = {};
    this.measurer.features.forEach((feature, i) => {
      arrays[probeArrayName(side, feature)] = { dtype: 'float32', shape: [count], data: columns[i] as Float32Array };
    });
    return arrays;
  }
}
