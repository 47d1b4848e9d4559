// Messages between the reward pool (main thread) and a reward worker (worker thread). Plain structured-clone data.
import type { RewardResult, TaskBase } from '../tasks/types.ts';

export interface ScoreJob {
  id: number;
  task: TaskBase;
  answer: string;
}

export type WorkerMessage = { ready: true } | { id: number; result: RewardResult } | { id: number; error: string };
