/** The session a run trains with: one model (TrainingSession), or N players with an auction (MultiPlayerSession). */
import type { ExperimentConfig } from '../core/config/types';
import type { DatasetLocations } from './datasets/createDataset';
import { isMultiPlayer, MultiPlayerSession } from './multiPlayerSession';
import type { Tf } from './tf';
import { TrainingSession } from './trainingSession';

export type RunSession = TrainingSession | MultiPlayerSession;

export function createRunSession(tf: Tf, config: ExperimentConfig, startTime: number, locations: DatasetLocations = {}): RunSession {
  return isMultiPlayer(config) ? new MultiPlayerSession(tf, config, startTime, locations) : new TrainingSession(tf, config, startTime, locations);
}
