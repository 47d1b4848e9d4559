// Composite tasks (held out of training, evaluated only): bug fixing, refactoring, security fix, feature, ML
// engineering.
import type { FileMap } from '../../sandbox/types.ts';
import type { CompositeKind, TaskBase } from '../types.ts';
import type { StructuralGoal } from './structure.ts';

/** What the policy sees besides the repo: the request and, for refactoring, the checkable structural goal. */
export interface CompositeTask extends TaskBase {
  skill: CompositeKind;
  /** The request in words: an issue, a spec, a security report, a refactoring request or a metric target. */
  statement: string;
  /** Refactoring only: the structural goal the AST check verifies (the policy is told it). */
  goal?: StructuralGoal;
  hidden: CompositeHidden;
}

export type CompositeHidden = {
  /**
   * Test files that decide the reward. After the answer is applied every test file in the repo is removed and these are
   * put in.
   */
  tests: FileMap;
  /** How many tests the reference solution passes: an answer must pass exactly that many, none failing. */
  testCount: number;
  /** The reference answer (search/replace blocks). */
  oracle: string;
  /** Answers that must earn 0: the untouched repo, plausible wrong fixes, structure-only or behaviour-only changes. */
  negatives: string[];
  /** Files the reference answer changes: ground truth for the scaffold's localization step. */
  changedFiles: string[];
  /** Security (ReDoS): regular expressions in this file must have no nested or overlapping unbounded quantifiers. */
  safeRegexFile?: string;
  /** Why this task is what it is (mutation, scenario), for logs only. */
  note: string;
};
