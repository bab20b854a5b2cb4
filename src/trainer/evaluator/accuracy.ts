/** Accuracy of predicted attribute values against true labels, and the majority-guess baseline. */
import type { AttributeSpec } from '../datasets/dataset';

export interface AccuracyReport {
  /** By attribute name; NaN when count is 0. */
  readonly accuracy: Record<string, number>;
  /** By attribute name: the share of the most common true value; NaN when count is 0. */
  readonly chanceAccuracy: Record<string, number>;
}

/** `predictions` and `labels` are count × attributes, row-major. */
export function measureAccuracy(attributes: readonly AttributeSpec[], predictions: Int32Array, labels: Int32Array, count: number): AccuracyReport {
  const stride = attributes.length;
  if (predictions.length !== count * stride || labels.length !== count * stride) {
    throw new RangeError(`accuracy: expected ${count} × ${stride} predictions and labels, got ${predictions.length} and ${labels.length}`);
  }
  const accuracy: Record<string, number> = {};
  const chanceAccuracy: Record<string, number> = {};
  attributes.forEach(({ name, values }, a) => {
    let correct = 0;
    const frequency = new Array<number>(values.length).fill(0);
    for (let i = 0; i < count; i++) {
      const label = labels[i * stride + a] as number;
      if (predictions[i * stride + a] === label) correct++;
      if (label >= 0 && label < values.length) frequency[label]!++;
    }
    accuracy[name] = count > 0 ? correct / count : Number.NaN;
    chanceAccuracy[name] = count > 0 ? Math.max(0, ...frequency) / count : Number.NaN;
  });
  return { accuracy, chanceAccuracy };
}

/** The smallest accuracy over the attributes; 1 when there are none (nothing left to learn). */
export function worstAccuracy(accuracy: Readonly<Record<string, number>>): number {
  const values = Object.values(accuracy);
  return values.length > 0 ? Math.min(...values) : 1;
}
