/** What `genmon train` has settled before it picks a backend: the same for new, resumed and branch runs. */
import type { BackendChoice, ExperimentConfig } from '../core/config/types';
import type { HeaderRecord } from '../protocol/stream';
import type { TrainerRunOptions } from '../trainer/runTrainer';

export interface BackendRequest {
  readonly requested: BackendChoice;
  /** Named in the backend's reason, so a user sees why it was asked for. */
  readonly requestedBy: string;
}

export interface PreparedRun {
  readonly config: ExperimentConfig;
  readonly configText: string;
  readonly configPath: string;
  readonly backendRequest: BackendRequest;
  readonly resume?: TrainerRunOptions['resume'];
  readonly branch?: TrainerRunOptions['branch'];
}

/**
 * The backend a run continued from a checkpoint asks for: the one that wrote the checkpoint, so the
 * steps compute the same way (or --backend when given).
 */
export function continuedBackendRequest(header: HeaderRecord, config: ExperimentConfig, backendFlag: BackendChoice | undefined, what: string): BackendRequest {
  if (backendFlag !== undefined) return { requested: backendFlag, requestedBy: '--backend' };
  const used = header.trainer.backend;
  if (used === 'wasm' || used === 'cpu') return { requested: used, requestedBy: what };
  if (used === 'tensorflow' || used === 'tensorflow-gpu') return { requested: 'tensorflow', requestedBy: what };
  return { requested: config.training.backend, requestedBy: 'config training.backend' };
}
