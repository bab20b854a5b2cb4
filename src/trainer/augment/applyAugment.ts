/**
 * Carries out one augment request on the training dataset and says what it did, in words for the
 * ack and the stream event, and as details for programs. Throws an AugmentError, changing
 * nothing, for a request that cannot be carried out.
 */
import * as path from 'node:path';
import type { AugmentCommand } from '../../protocol/control';
import { loadAddedImages } from './addedImages';
import type { AppliedRows } from './appliedAugment';
import { resolveGroup, type AttributeGroup } from './attributeGroup';
import { AugmentError } from './augmentError';
import { SURVEY_DRAWS, type AugmentedDataset, type ShareChange } from './augmentedDataset';

export type AugmentRequest = Omit<AugmentCommand, 'type' | 'id'>;

export interface AugmentOutcome {
  /** e.g. "reweighted shape=circle+color=red ×4: now 8.1% of training draws (was 2.0%)". */
  readonly note: string;
  /** Samples the augment concerns: the group's training samples for a reweight, the samples added otherwise. */
  readonly samples: number;
  /** JSON-safe, for the stream event's `details`. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** Produces samples of the group from the model (MaGNET); absent where the run cannot. */
export type Synthesizer = (group: AttributeGroup, count: number, iteration: number) => AppliedRows;

export interface AugmentContext {
  readonly dataset: AugmentedDataset;
  /** Iterations completed: the augment applies from the next one. */
  readonly iteration: number;
  /** What a relative `folder` resolves against (the config's folder). */
  readonly baseDirectory: string;
  readonly synthesize?: Synthesizer;
}

export function percent(share: number): string {
  const value = share * 100;
  return `${value !== 0 && value < 0.1 ? value.toPrecision(2) : value.toFixed(1)}%`;
}

function shareText(group: AttributeGroup, change: ShareChange): string {
  return `${group.text} now ${percent(change.after)} of training draws (was ${percent(change.before)})`;
}

function shareDetails(change: ShareChange): Record<string, unknown> {
  return { shareBefore: change.before, shareAfter: change.after };
}

export function applyAugment(request: AugmentRequest, context: AugmentContext): AugmentOutcome {
  const { dataset, iteration } = context;
  const group = resolveGroup(dataset.attributes, request.group);
  const base = { method: request.method, group: group.named, iteration };
  switch (request.method) {
    case 'reweight': {
      const factor = request.factor ?? 1;
      const change = dataset.reweight(group, factor, iteration);
      const counted = change.surveyed > 0 ? `estimated from ${change.surveyed} of ${SURVEY_DRAWS} surveyed draws` : `${change.groupRows} training samples in the group`;
      return {
        note: `reweighted ${group.text} ×${factor}: now ${percent(change.after)} of training draws (was ${percent(change.before)}; ${counted})`,
        samples: change.groupRows + change.surveyed,
        details: { ...base, factor, groupSamples: change.groupRows, surveyedSamples: change.surveyed, ...shareDetails(change) },
      };
    }
    case 'add-images': {
      if (request.folder === undefined) throw new AugmentError('invalid-request', 'add-images needs "folder"');
      const folder = path.resolve(context.baseDirectory, request.folder);
      const images = loadAddedImages(folder, dataset, group);
      const rows: AppliedRows = { method: 'add-images', group, source: folder, labelledBy: images.labelledBy, iteration, count: images.count, pixels: images.pixels, labels: images.labels };
      const change = dataset.addRows(rows);
      const [size] = dataset.shape;
      const resized = images.resized > 0 ? `; ${images.resized} cropped and resized to ${size}×${size}` : '';
      return {
        note: `added ${images.count} images from ${folder} (labels: ${images.labelledBy}${resized}): ${shareText(group, change)}`,
        samples: images.count,
        details: { ...base, folder, added: images.count, labelledBy: images.labelledBy, resized: images.resized, ...shareDetails(change) },
      };
    }
    case 'synthesize': {
      if (!context.synthesize) throw new AugmentError('not-supported', 'synthesize needs the run\'s evaluator to pick samples of the group, and it is not ready');
      const rows = context.synthesize(group, request.count ?? 1, iteration);
      const change = dataset.addRows(rows);
      return {
        note: `synthesized ${rows.count} samples of ${group.text} with ${rows.source} (labels: ${rows.labelledBy}): ${shareText(group, change)}`,
        samples: rows.count,
        details: { ...base, requested: request.count, added: rows.count, source: rows.source, ...shareDetails(change) },
      };
    }
  }
}
