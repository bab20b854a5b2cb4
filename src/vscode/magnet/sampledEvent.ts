/**
 * Waits for the record of one `sample` request in a run's stream: the trainer acknowledges the
 * command first and draws before its next step, so the `sampled` event (or the warning saying why
 * there is none) comes later. Reads only what the stream gained since `fromOffset`, by polling,
 * and holds no watcher or timer once it returns.
 */
import { readStreamFile } from '../../core/stream/reader';
import type { RequestId } from '../../protocol/control';
import type { EventRecord, StreamRecord } from '../../protocol/stream';

export type SampledWait =
  | { readonly kind: 'sampled'; readonly event: EventRecord }
  /** The trainer recorded why it drew nothing: a failed drawing, or training ending first. */
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'cancelled' };

export interface SampledWaitOptions {
  readonly timeoutMs: number;
  readonly pollMs?: number;
  readonly cancelled?: () => boolean;
}

/** What a stream record says about request `id`, if anything. */
export function sampledOutcome(record: StreamRecord, id: RequestId): SampledWait | undefined {
  if (record.type === 'end') return { kind: 'failed', message: `training ended (${record.reason}) before the samples were recorded` };
  if (record.type !== 'event') return undefined;
  if (record.kind === 'sampled') return record.details?.['request'] === id ? { kind: 'sampled', event: record } : undefined;
  // The controller ends every message about a request with "(request <id>)".
  const aboutIt = record.message?.endsWith(`(request ${id})`) === true && record.message.startsWith('sample');
  return (record.kind === 'warning' || record.kind === 'command') && aboutIt ? { kind: 'failed', message: record.message ?? '' } : undefined;
}

export async function waitForSampledEvent(streamPath: string, fromOffset: number, id: RequestId, options: SampledWaitOptions): Promise<SampledWait> {
  const deadline = Date.now() + options.timeoutMs;
  let offset = fromOffset;
  for (;;) {
    if (options.cancelled?.()) return { kind: 'cancelled' };
    let chunk;
    try {
      chunk = readStreamFile(streamPath, offset);
    } catch (error) {
      return { kind: 'failed', message: `the run's stream could not be read: ${error instanceof Error ? error.message : String(error)}` };
    }
    for (const { record } of chunk.records) {
      const outcome = sampledOutcome(record, id);
      if (outcome) return outcome;
    }
    offset = chunk.nextOffset;
    if (Date.now() >= deadline) return { kind: 'timeout' };
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}
