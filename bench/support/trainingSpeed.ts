/** Steps per second of the trainer's own TrainingSession on one backend: the model is never reimplemented here. */
import type { ExperimentConfig } from '../../src/core/config/types';
import type { Tf } from '../../src/trainer/tf';
import { TrainingSession } from '../../src/trainer/trainingSession';
import { measure, perSecond, type Clock } from '../timing';

export interface StepPlan {
  /** Untimed steps first: the first ones compile kernels and grow tfjs's buffer pools. */
  readonly warmupSteps: number;
  readonly stepsPerRepeat: number;
  readonly repeats: number;
}

export interface StepSpeed {
  readonly stepsPerSecond: number;
  readonly note: string;
}

export async function measureTrainingSpeed(tf: Tf, config: ExperimentConfig, plan: StepPlan, clock: Clock): Promise<StepSpeed> {
  const session = new TrainingSession(tf, config, Date.now());
  const steps = (count: number) => () => {
    for (let i = 0; i < count; i++) session.step();
  };
  try {
    await steps(plan.warmupSteps)();
    const timing = await measure(steps(plan.stepsPerRepeat), { warmup: 0, repeats: plan.repeats, clock });
    return {
      stepsPerSecond: perSecond(plan.stepsPerRepeat, timing.medianMs),
      note: `median of ${plan.repeats} × ${plan.stepsPerRepeat} steps after ${plan.warmupSteps} warm-up, batch ${config.training.batchSize}`,
    };
  } finally {
    session.dispose();
  }
}
