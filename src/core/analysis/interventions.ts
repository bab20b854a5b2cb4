/**
 * Interventions: what a person did to a live run that can change what it learns from then on, read
 * from the run's stream events (docs/interventions.md):
 *
 * - `augmented`: the training data changed (reweight, add images, synthesize);
 * - `set` that changed the learning rate (a `set` of `snapshotEvery` only changes how often the run
 *   is observed, so it is left out);
 * - `unpaused`: training went on after a pause — unless an augment or learning-rate change happened
 *   during that pause, which is then the intervention and the pause only its wrapping;
 * - `resumed`: a new trainer process continued the run from a checkpoint.
 *
 * Other events (checkpoints, refused commands, warnings) change nothing the model sees.
 */
import type { EventRecord } from '../../protocol/stream';

export type InterventionKind = 'augmented' | 'learning-rate' | 'unpaused' | 'resumed';

export interface Intervention {
  /** The event's byte offset in the stream: unique in the run and stable while it grows. */
  readonly id: string;
  readonly kind: InterventionKind;
  readonly iteration: number;
  /** Milliseconds since the Unix epoch. */
  readonly time: number;
  /** One line a person understands, e.g. "Reweighted shape=circle ×3: 2.0% → 5.8% of training draws". */
  readonly summary: string;
  /** The event's own message, as the trainer wrote it. */
  readonly message?: string;
  /** Machine-readable facts: the event's `details` for an augment, the old and new value for a learning rate. */
  readonly details: Readonly<Record<string, unknown>>;
  /** The attribute group an augment targeted, attribute → value name. */
  readonly group?: Readonly<Record<string, string>>;
}

/** An event and where its frame starts in the stream. */
export interface StreamEvent {
  readonly offset: number;
  readonly record: EventRecord;
}

/** The run's interventions in stream order, without those a resumed run went back before. */
export function listInterventions(events: readonly StreamEvent[]): Intervention[] {
  const current = currentHistory(events);
  const interventions: Intervention[] = [];
  let pauseStart: StreamEvent | undefined;
  let changedDuringPause = false;
  for (const event of current) {
    const { record } = event;
    switch (record.kind) {
      case 'augmented':
        interventions.push(augmentIntervention(event));
        if (pauseStart) changedDuringPause = true;
        break;
      case 'set': {
        const change = learningRateChange(record.message);
        if (!change) break;
        interventions.push(base(event, 'learning-rate', `Learning rate ${change.from} → ${change.to}`, { setting: 'learningRate', from: change.from, to: change.to }));
        if (pauseStart) changedDuringPause = true;
        break;
      }
      case 'paused':
        pauseStart = event;
        changedDuringPause = false;
        break;
      case 'unpaused':
        if (!changedDuringPause) interventions.push(base(event, 'unpaused', `Resumed training after a pause${pauseLength(pauseStart, event)}`, pauseDetails(pauseStart)));
        pauseStart = undefined;
        changedDuringPause = false;
        break;
      case 'resumed':
        interventions.push(base(event, 'resumed', `Continued from the checkpoint at iteration ${record.iteration} in a new trainer process`, {}));
        pauseStart = undefined;
        changedDuringPause = false;
        break;
      default:
        break;
    }
  }
  return interventions;
}

/**
 * A `resumed` event at iteration i supersedes what was recorded after i before it: that future was
 * abandoned when the run went back to its checkpoint.
 */
function currentHistory(events: readonly StreamEvent[]): StreamEvent[] {
  const kept: StreamEvent[] = [];
  for (const event of events) {
    if (event.record.kind === 'resumed') {
      while (kept.length > 0 && (kept[kept.length - 1] as StreamEvent).record.iteration > event.record.iteration) kept.pop();
    }
    kept.push(event);
  }
  return kept;
}

function base(event: StreamEvent, kind: InterventionKind, summary: string, details: Readonly<Record<string, unknown>>): Intervention {
  const { record } = event;
  return {
    id: String(event.offset),
    kind,
    iteration: record.iteration,
    time: record.time,
    summary,
    ...(record.message !== undefined ? { message: record.message } : {}),
    details,
  };
}

function augmentIntervention(event: StreamEvent): Intervention {
  const details = event.record.details ?? {};
  const group = groupOf(details['group']);
  const groupText = group ? describeGroup(group) : 'a group';
  const shares = shareText(details['shareBefore'], details['shareAfter']);
  const method = details['method'];
  const added = countOf(details['added']);
  let action: string;
  if (method === 'reweight') action = `Reweighted ${groupText}${typeof details['factor'] === 'number' ? ` ×${details['factor']}` : ''}`;
  else if (method === 'add-images') action = `Added ${added ?? 'some'} images of ${groupText}`;
  else if (method === 'synthesize') action = `Synthesized ${added ?? 'some'} samples of ${groupText}`;
  else action = `Augmented ${groupText}${typeof method === 'string' ? ` (${method})` : ''}`;
  const intervention = base(event, 'augmented', `${action}${shares}`, details);
  return group ? { ...intervention, group } : intervention;
}

/** "shape=circle+color=red", the way metrics name groups. */
export function describeGroup(group: Readonly<Record<string, string>>): string {
  return Object.entries(group)
    .map(([attribute, value]) => `${attribute}=${value}`)
    .join('+');
}

/** A group is an object of attribute → value name; anything else (a hostile or older writer's) is ignored. */
function groupOf(value: unknown): Readonly<Record<string, string>> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0 || !entries.every(([, v]) => typeof v === 'string')) return undefined;
  return Object.fromEntries(entries) as Record<string, string>;
}

function countOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

function isShare(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;
}

function shareText(before: unknown, after: unknown): string {
  if (!isShare(before) || !isShare(after)) return '';
  return `: ${percent(before)} → ${percent(after)} of training draws`;
}

function percent(share: number): string {
  const value = share * 100;
  return `${value !== 0 && value < 0.1 ? value.toPrecision(2) : value.toFixed(1)}%`;
}

/** The trainer records a `set` as "learningRate 0.0002 → 0.0005, snapshotEvery 100 → 7 (request 5)". */
function learningRateChange(message: string | undefined): { from: number; to: number } | undefined {
  const match = /\blearningRate (\S+) → ([^\s,]+)/.exec(message ?? '');
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (!Number.isFinite(from) || !Number.isFinite(to) || from === to) return undefined;
  return { from, to };
}

function pauseDetails(pauseStart: StreamEvent | undefined): Readonly<Record<string, unknown>> {
  return pauseStart ? { pausedAtTime: pauseStart.record.time } : {};
}

function pauseLength(pauseStart: StreamEvent | undefined, end: StreamEvent): string {
  if (!pauseStart) return '';
  const seconds = Math.round((end.record.time - pauseStart.record.time) / 1000);
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 60) return ` of ${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return ` of ${minutes} min ${seconds % 60} s`;
  return ` of ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
