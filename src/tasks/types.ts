// The task contract (DESIGN.md, Contracts: Tasks). A task is plain JSON, the same object in Node and browser.
import type { FileMap, Sandbox } from '../sandbox/types.ts';

export const ATOMIC_SKILLS = ['localization', 'editing', 'test-generation', 'reproduction', 'review'] as const;
export type AtomicSkill = (typeof ATOMIC_SKILLS)[number];

export const COMPOSITE_KINDS = ['bug-fixing', 'refactoring', 'security-fix', 'feature', 'ml-engineering'] as const;
export type CompositeKind = (typeof COMPOSITE_KINDS)[number];

export type TaskKind = AtomicSkill | CompositeKind;
export type Split = 'train' | 'val' | 'test';
export type Level = 1 | 2 | 3 | 4 | 5;

/** Where a task came from: the procedural world, a real npm module, or a user pack. */
export interface Provenance {
  source: 'procedural' | 'real-code' | 'user';
  /** Function family (procedural) or module name (real code); splits never share test families with train. */
  family: string;
  seed?: number;
  /** Real code: npm package, version, file inside it, SPDX license. */
  package?: string;
  version?: string;
  file?: string;
  license?: string;
}

/**
 * Common fields. Each skill adds its prompt fields at top level (e.g. `issue`, `instruction`, `diff`);
 * `hidden` holds everything the policy must never see and prompt rendering never reads it.
 */
export interface TaskBase {
  id: string;
  skill: TaskKind;
  level: Level;
  split: Split;
  repo: { files: FileMap };
  hidden: Record<string, unknown>;
  meta: Provenance & { promptChars: number };
}

export interface RewardResult {
  /** The binary reward that trains. */
  reward: 0 | 1;
  /** Partial credit in [0, 1], logged only (precision/recall, kill rate, verdict accuracy, …). */
  partial: number;
  /** Short machine-readable outcome, e.g. 'ok', 'parse-error', 'edit-did-not-apply', 'tests-failed', 'timeout'. */
  status: string;
  /** One line a person can read. */
  detail: string;
  /** Named partial metrics for logging (precision, recall, killRate, verdictCorrect, …). */
  metrics?: Record<string, number>;
}

/** Whether a rendered prompt fits the policy's context (its chat template and the room for the answer counted). */
export type PromptFit = (prompt: string) => boolean;

/** One skill (atomic or composite): how a task is shown, answered and rewarded. */
export interface SkillModule<T extends TaskBase = TaskBase> {
  kind: TaskKind;
  /** The prompt text; must not read `task.hidden`. With `fit`, the largest of the skill's shortened forms (fewer
   * file contents, a window of a file) that fits; without, the full prompt (skills/fit.ts). */
  renderPrompt(task: T, fit?: PromptFit): string;
  /** Runs the answer in `sandbox` as needed; never throws for bad answers (reward 0 with a status instead). */
  reward(task: T, answer: string, sandbox: Sandbox): Promise<RewardResult>;
  /** An answer that must earn reward 1. */
  oracleAnswer(task: T): string;
  /** Answers that must earn reward 0. */
  negativeControls(task: T): string[];
  /**
   * What the reward reads from an answer, as one canonical string: two answers with one decision on a task earn one
   * reward there (null: nothing the reward can read). Lets an evaluation see a policy give a trivial baseline's answer
   * in other words (`VERDICT: request changes` and then anything but a line); skills without it compare answers'
   * text.
   */
  decision?(task: T, answer: string): string | null;
}
