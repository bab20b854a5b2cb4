/**
 * How checkpoints are laid out in a run directory: `checkpoints/<iteration>/manifest.json` beside
 * its data. The trainer writes them (src/trainer/checkpoint/checkpointStore.ts); the Runs view and
 * branch runs find them by these names, so the names live here, in one place for both.
 */
export const CHECKPOINTS_FOLDER = 'checkpoints';
export const CHECKPOINT_MANIFEST_FILE = 'manifest.json';

/**
 * The iteration a published checkpoint folder is named by; undefined for anything else, such as a
 * `.tmp-*` folder a crash left behind while writing one.
 */
export function checkpointIterationOfName(name: string): number | undefined {
  if (!/^(0|[1-9]\d{0,15})$/.test(name)) return undefined;
  const iteration = Number(name);
  return Number.isSafeInteger(iteration) ? iteration : undefined;
}
