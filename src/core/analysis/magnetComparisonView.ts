/**
 * What the Projection panel's "MaGNET vs standard" section draws: the comparison's numbers, and
 * per set its points (2-D data, over the real reference) or its thumbnails (images). Plain JSON,
 * since it is posted to a webview; points are rounded, as the panel's maps are.
 */
import type { MagnetComparisonPanelView, MagnetSetPanelView, ThumbnailGrid } from '../../protocol/projectionPanel';
import { SAMPLE_SET_NAMES, sampleSetArrayNames, type EventRecord, type NumericArray, type SnapshotRecord } from '../../protocol/stream';
import type { MagnetComparison } from './magnetComparison';
import { matrixOf } from './magnetComparisonInput';

const round = (value: number): number => Math.round(value * 1e5) / 1e5;

function points2d(array: NumericArray | undefined): number[] | undefined {
  const matrix = array && matrixOf({ array }, 'array');
  if (!matrix || matrix.dim !== 2) return undefined;
  return Array.from(matrix.data, round);
}

function thumbnailGrid(array: NumericArray | undefined): ThumbnailGrid | undefined {
  if (!array || array.dtype !== 'uint8' || array.shape.length !== 4) return undefined;
  const [count, height, width, channels] = array.shape as [number, number, number, number];
  if (!(channels === 1 || channels === 3) || array.data.length !== count * height * width * channels) return undefined;
  return { count, height, width, channels, data: Array.from(array.data) };
}

export function magnetComparisonPanelView(event: EventRecord, comparison: MagnetComparison, reference: SnapshotRecord): MagnetComparisonPanelView {
  const arrays = event.arrays ?? {};
  const sets = SAMPLE_SET_NAMES.map((set): MagnetSetPanelView => {
    const names = sampleSetArrayNames(set);
    const points = points2d(arrays[names.samples]);
    const thumbnails = thumbnailGrid(arrays[names.thumbs]);
    return { set, count: comparison.sets[set].count, ...(points ? { points } : {}), ...(thumbnails ? { thumbnails } : {}) };
  });
  const realPoints = points2d(reference.arrays.real);
  return { comparison, ...(realPoints ? { realPoints } : {}), sets };
}
