/**
 * The training dataset with the augments applied so far. Until the first augment it only passes
 * through, so an unaugmented run draws exactly what it always drew. From then on, training draw t
 * is decided by its own random source (seed, t) through the sampling table (samplingTable.ts):
 * a stored dataset's rows are drawn with replacement by weight (epochs end there), a generated
 * dataset's by rejection from its own stream. Reference and held-out sets never change: they
 * measure the model against the dataset, not against the augmentation.
 */
import { checkCount, parsePosition, sampleLength, type AttributeSpec, type Dataset, type LabelledBatch, type SamplerPosition } from '../datasets/dataset';
import { FiniteDataset } from '../datasets/finiteDataset';
import { GeneratedDataset } from '../datasets/generatedDataset';
import { sampleRandom } from '../datasets/sampleRandom';
import type { DatasetType } from '../datasets/spec';
import { isReweight, type AppliedAugment, type AppliedReweight, type AppliedRows } from './appliedAugment';
import type { AttributeGroup } from './attributeGroup';
import { AugmentError } from './augmentError';
import { groupRows, groupShare, SamplingTable, type LabelBlock, type SamplingCell } from './samplingTable';

/** Draws of a generated dataset whose labels estimate how common each group is. */
export const SURVEY_DRAWS = 8192;
/**
 * How many samples a generated dataset counts as when rows are added to it: 500 added images are
 * 500 / 10 500 ≈ 4.8 % of the draws before any reweighting. A stored dataset counts its training rows.
 */
export const GENERATED_POOL_SIZE = 10_000;
/** A generated dataset's fresh draws tried for one sample of a cell before giving up; cells are at least 1 / SURVEY_DRAWS common. */
const MAX_REJECTION_DRAWS = 1_000_000;
const STREAM = 'augment/train';

/** Where an augmented stream stands: its own draws, and the dataset's position beneath. */
export interface AugmentedPosition extends SamplerPosition {
  readonly base: SamplerPosition;
}

/** How an augment changed the share of its group among training draws. */
export interface ShareChange {
  readonly before: number;
  readonly after: number;
  /** Training rows of the group (stored rows and added rows), and for a generated dataset the surveyed draws in it. */
  readonly groupRows: number;
  readonly surveyed: number;
}

export class AugmentedDataset implements Dataset {
  readonly type: DatasetType;
  readonly kind: 'points' | 'image';
  readonly shape: readonly number[];
  readonly attributes: readonly AttributeSpec[];
  readonly factors: readonly string[];
  readonly trainSize: number | undefined;
  readonly heldOutSize: number | undefined;
  private augments: readonly AppliedAugment[] = [];
  private table: SamplingTable | undefined;
  private drawn = 0;
  private datasetBlock: LabelBlock | undefined;

  constructor(
    readonly base: Dataset,
    private readonly seed: number,
  ) {
    this.type = base.type;
    this.kind = base.kind;
    this.shape = base.shape;
    this.attributes = base.attributes;
    this.factors = base.factors;
    this.trainSize = base.trainSize;
    this.heldOutSize = base.heldOutSize;
  }

  /** Every augment applied, oldest first. */
  get applied(): readonly AppliedAugment[] {
    return this.augments;
  }

  /** Throws an AugmentError, changing nothing, when no training sample is in the group. */
  reweight(group: AttributeGroup, factor: number, iteration: number): ShareChange {
    if (!(factor > 0 && Number.isFinite(factor))) throw new AugmentError('invalid-request', `the factor must be a finite number > 0, got ${factor}`);
    const blocks = this.blocks(this.augments);
    const counted = groupRows(group, blocks, this.attributes.length);
    if (counted.rows + counted.surveyed === 0) {
      const where = this.base instanceof GeneratedDataset ? `in ${SURVEY_DRAWS} draws of the dataset` : `among the ${this.rowCount(blocks)} training samples`;
      throw new AugmentError('invalid-request', `no training sample is ${group.text} ${where}: nothing to reweight`);
    }
    return this.commit([...this.augments, { method: 'reweight', group, factor, iteration }], group, counted);
  }

  /** Adds rows to the training pool; their labels must be value indices of this dataset's attributes. */
  addRows(rows: AppliedRows): ShareChange {
    const length = sampleLength(this.shape);
    if (rows.count < 1 || rows.pixels.length !== rows.count * length || rows.labels.length !== rows.count * this.attributes.length) {
      throw new AugmentError('invalid-request', `added samples must be whole rows of shape [${this.shape.join(', ')}] with ${this.attributes.length} labels each`);
    }
    const next = [...this.augments, rows];
    return this.commit(next, rows.group, groupRows(rows.group, this.blocks(next), this.attributes.length));
  }

  /** Re-applies a checkpoint's augments and position together; on a bad position it throws and changes nothing. */
  restore(augments: readonly AppliedAugment[], position: unknown): void {
    const table = augments.length > 0 ? this.tableFor(augments) : undefined;
    const parsed = table ? parseAugmentedPosition(position) : undefined;
    // The dataset checks its position before changing anything: after this line nothing can fail.
    this.base.setPosition(parsed ? parsed.base : position);
    this.augments = augments;
    this.table = table;
    this.drawn = parsed?.drawn ?? 0;
  }

  sample(count: number): LabelledBatch {
    const { table } = this;
    if (!table) return this.base.sample(count);
    checkCount(count, 'sample');
    const length = sampleLength(this.shape);
    const labelCount = this.attributes.length;
    const factorCount = this.factors.length;
    const data = new Float32Array(count * length);
    const labels = new Int32Array(count * labelCount);
    // Added rows have no generating factors: NaN says "unknown" rather than a made-up value.
    const factors = new Float32Array(count * factorCount).fill(Number.NaN);
    for (let i = 0; i < count; i++) {
      const random = sampleRandom(this.seed, STREAM, this.drawn + i);
      const cell = table.pick(random.uniform());
      const at = { data: i * length, labels: i * labelCount, factors: i * factorCount };
      if (cell.drawnBy === 'rejection') {
        const drawn = this.drawInCell(table, cell);
        data.set(drawn.data, at.data);
        labels.set(drawn.labels, at.labels);
        factors.set(drawn.factors, at.factors);
        continue;
      }
      const row = cell.rows[Math.floor(random.uniform() * cell.rows.length)] as number;
      if (cell.source < 0) {
        const stored = (this.base as FiniteDataset).trainRows([row]);
        data.set(stored.data, at.data);
        labels.set(stored.labels, at.labels);
      } else {
        const added = this.augments[cell.source] as AppliedRows;
        const scale = added.pixels instanceof Uint8Array ? 1 / 255 : 1;
        for (let j = 0; j < length; j++) data[at.data + j] = (added.pixels[row * length + j] as number) * scale;
        labels.set(added.labels.subarray(row * labelCount, (row + 1) * labelCount), at.labels);
      }
    }
    this.drawn += count;
    return { count, data, labels, factors };
  }

  getPosition(): SamplerPosition {
    if (!this.table) return this.base.getPosition();
    const position: AugmentedPosition = { drawn: this.drawn, base: this.base.getPosition() };
    return position;
  }

  setPosition(position: unknown): void {
    if (!this.table) {
      this.base.setPosition(position);
      return;
    }
    const parsed = parseAugmentedPosition(position);
    this.base.setPosition(parsed.base);
    this.drawn = parsed.drawn;
  }

  reference(count: number): LabelledBatch {
    return this.base.reference(count);
  }

  heldOut(count: number): LabelledBatch {
    return this.base.heldOut(count);
  }

  private commit(next: readonly AppliedAugment[], group: AttributeGroup, counted: { rows: number; surveyed: number }): ShareChange {
    const table = this.tableFor(next);
    const before = groupShare(group, this.blocks(this.augments), this.augments.filter(isReweight), this.attributes.length);
    const after = groupShare(group, this.blocks(next), next.filter(isReweight), this.attributes.length);
    this.augments = next;
    this.table = table;
    return { before, after, groupRows: counted.rows, surveyed: counted.surveyed };
  }

  private tableFor(augments: readonly AppliedAugment[]): SamplingTable {
    return new SamplingTable(this.blocks(augments), augments.filter(isReweight) as AppliedReweight[], this.attributes.length);
  }

  private blocks(augments: readonly AppliedAugment[]): LabelBlock[] {
    const blocks = [this.baseBlock()];
    augments.forEach((augment, source) => {
      if (!isReweight(augment)) blocks.push({ source, labels: augment.labels, count: augment.count, massPerRow: 1, drawnBy: 'rows' });
    });
    return blocks;
  }

  private baseBlock(): LabelBlock {
    if (this.datasetBlock) return this.datasetBlock;
    const { base } = this;
    if (base instanceof FiniteDataset) {
      this.datasetBlock = { source: -1, labels: base.trainLabels(), count: base.trainSize, massPerRow: 1, drawnBy: 'rows' };
    } else if (base instanceof GeneratedDataset) {
      this.datasetBlock = { source: -1, labels: base.surveyLabels(SURVEY_DRAWS), count: SURVEY_DRAWS, massPerRow: GENERATED_POOL_SIZE / SURVEY_DRAWS, drawnBy: 'rejection' };
    } else {
      throw new AugmentError('not-supported', `the ${base.type} dataset cannot be augmented`);
    }
    return this.datasetBlock;
  }

  private rowCount(blocks: readonly LabelBlock[]): number {
    return blocks.filter((block) => block.drawnBy === 'rows').reduce((sum, block) => sum + block.count, 0);
  }

  /** Fresh draws of the dataset until one has the cell's signature. */
  private drawInCell(table: SamplingTable, cell: SamplingCell): LabelledBatch {
    for (let tries = 0; tries < MAX_REJECTION_DRAWS; tries++) {
      const candidate = this.base.sample(1);
      if (table.signatureOfLabels(candidate.labels) === cell.signature) return candidate;
    }
    throw new Error(`augmentation: ${MAX_REJECTION_DRAWS} draws of the ${this.type} dataset found no sample of a reweighted group; it is rarer than its survey said`);
  }
}

function parseAugmentedPosition(position: unknown): AugmentedPosition {
  const { drawn } = parsePosition(position);
  const base = (position as { base?: unknown }).base;
  if (base === undefined) throw new Error(`an augmented dataset position needs "base" (the dataset's own position), got ${JSON.stringify(position)}`);
  return { drawn, base: parsePosition(base) };
}
