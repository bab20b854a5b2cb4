/**
 * Checks a header's `branchOf` field (docs/stream-format.md): a branch run names the run and the
 * checkpoint it continued from, and the Runs view and `genmon inspect` rely on that shape.
 * Fields a newer writer adds are dropped; a field of the wrong type names itself.
 */
import type { BranchOrigin } from '../../protocol/stream';

/** A malformed `branchOf` field; the message says which part is wrong. */
export class BranchOriginError extends Error {}

export function branchOriginFromJson(value: unknown): BranchOrigin {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BranchOriginError('"branchOf" is not a JSON object');
  const json = value as Readonly<Record<string, unknown>>;
  const text = (field: string): string => {
    const item = json[field];
    if (typeof item !== 'string' || item.length === 0) throw new BranchOriginError(`branchOf "${field}" is missing or not a non-empty string`);
    return item;
  };
  const iteration = json['checkpointIteration'];
  if (typeof iteration !== 'number' || !Number.isSafeInteger(iteration) || iteration < 0) {
    throw new BranchOriginError('branchOf "checkpointIteration" is missing or not an integer >= 0');
  }
  return { parentRunId: text('parentRunId'), parentRunDir: text('parentRunDir'), checkpointIteration: iteration };
}
