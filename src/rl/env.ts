// What the GRPO loop needs from a task source: tasks for a step (a pure function of seed and step, so a resumed
// run draws the same ones) and rewards for completions. task-env.ts is the real one (src/tasks in the sandbox);
// tests use a toy environment with a cheap reward.
import type { TaskKind } from '../tasks/types.ts';

export interface RlTask {
  id: string;
  /** Skill (or composite kind, or a toy label) — metrics are reported per kind. */
  kind: TaskKind | string;
  /** Prompt tokens as the policy sees them (chat template applied). */
  prompt: number[];
  promptText: string;
  /** Oracle completion tokens (answer + end), for the 'sft' mode. */
  demo?: number[];
}

export interface Scored {
  reward: number;
  status: string;
  detail: string;
}

export interface Environment {
  /** Token ids that end a completion. */
  readonly eos: readonly number[];
  /** Ids decode() knows (a model may have more output rows than its tokenizer has tokens); default: all. */
  readonly vocabSize?: number;
  /** `count` distinct tasks for `step`; must depend only on (seed, step). */
  draw(step: number, count: number, seed: number): RlTask[];
  /** Rewards for each (task, completion tokens) pair, in order. */
  score(items: readonly { task: RlTask; completion: readonly number[] }[]): Promise<Scored[]>;
  /** Completion tokens → the text the reward sees. */
  decode(ids: readonly number[]): string;
  /** One token as text, for the rollout inspector. */
  piece(id: number): string;
}
