// The seams of an evaluation: what a policy must do (answer prompts), what a baseline is, and the per-task records
// an evaluation produces. A policy can be the ORT sampler over a checkpoint (ort-policy.ts) or anything else that
// turns prompt text into answer text; the evaluation never sees tokens.
import type { PromptFit, TaskBase, TaskKind } from '../tasks/types.ts';

export interface SampleOptions {
  /** 0 = greedy (then k must be 1). */
  temperature: number;
  /** Answers per prompt. */
  k: number;
  /** The same seed, prompt and k give the same answers. */
  seed: number;
  maxNewTokens: number;
}

export interface Policy {
  /** Shown in reports (e.g. the checkpoint directory). */
  readonly name: string;
  /** For each prompt, k answers (raw text: no template tokens). */
  answer(prompts: readonly string[], opts: SampleOptions): Promise<string[][]>;
  /** Whether a prompt leaves `maxNewTokens` of the context free; prompts are then rendered to fit (skills/fit.ts).
   * A policy without a context limit has none. */
  promptFit?(maxNewTokens: number): PromptFit;
  /** Tokens this answer text takes as a completion, its end token included; lets a report say which tasks' reference
   * answers cannot fit the sampling budget. */
  answerTokens?(answer: string): number;
  release?(): Promise<void>;
}

/** An answer that ignores the task's substance (always approve, the empty test, …), scored beside the policy. */
export interface Baseline {
  name: string;
  answer: string;
}

export type BaselineProvider = (task: TaskBase) => Baseline[];

/** One scored answer. */
export interface Scored {
  reward: number;
  status: string;
  /** The policy's answer text, kept so a report can show what was answered (baselines' answers are fixed: absent). */
  answer?: string;
}

/** Everything evaluated on one task. */
export interface TaskResult {
  id: string;
  kind: TaskKind;
  level: number;
  /** k answers at the sampling temperature (end to end: the task's own prompt). */
  sampled: Scored[];
  /** The greedy answer. */
  greedy: Scored;
  /** Composite tasks only: the same, composed through the atomic scaffold. */
  composed?: { sampled: Scored[]; greedy: Scored; modelCalls: number };
  /** Baseline name → its reward on this task. */
  baselines: Record<string, Scored>;
  /**
   * Baseline name → how many sampled answers make that baseline's decision: its answer as the skill's reward reads it
   * (SkillModule.decision), or its text, whitespace aside, for a skill without one (absent: none does).
   */
  copied?: Record<string, number>;
  /** True when the prompt was shortened to fit the policy's context (fewer file contents, a window of a file). */
  fitted?: boolean;
  /** Tokens of the task's reference (oracle) answer as the policy would sample it, when the policy can count them. */
  oracleTokens?: number;
}
