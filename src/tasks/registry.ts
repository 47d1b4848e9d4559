// Which generator makes each task kind and which skill module shows/rewards it. Composite kinds register here too.
import type { Sandbox } from '../sandbox/types.ts';
import type { Level, SkillModule, Split, TaskBase, TaskKind } from './types.ts';
import type { FamilySet } from './world/families/index.ts';
import { generateLocalization, localizationSkill } from './skills/localization.ts';
import { editingSkill, generateEditing } from './skills/editing.ts';
import { generateTestGeneration, testGenerationSkill } from './skills/test-generation.ts';
import { generateReproduction, reproductionSkill } from './skills/reproduction.ts';
import { generateReview, reviewSkill } from './skills/review.ts';

export interface GeneratorOptions {
  split: Split;
  n: number;
  seed: number;
  /**
   * Index of the first task (default 0): tasks first … first + n − 1 of the pool `seed` gives. Each task depends
   * only on its index, so slices made apart (in parallel) and joined in order equal the pool made in one call.
   */
  first?: number;
  /** Fixed level; when omitted the generator mixes levels 1–5. */
  level?: Level;
  /** Function families to draw from (default `core`); `extended` adds train-only families to the train split. */
  families?: FamilySet;
  sandbox: Sandbox;
}
export type Generator = (opts: GeneratorOptions) => Promise<TaskBase[]>;

export const GENERATORS: Partial<Record<TaskKind, Generator>> = {
  localization: generateLocalization,
  editing: generateEditing,
  'test-generation': generateTestGeneration,
  reproduction: generateReproduction,
  review: generateReview,
};

export const SKILLS: Partial<Record<TaskKind, SkillModule>> = {
  localization: localizationSkill,
  editing: editingSkill,
  'test-generation': testGenerationSkill,
  reproduction: reproductionSkill,
  review: reviewSkill,
};

// Composite kinds (src/tasks/composite): held out of training, registered for generate/check/score.
import { COMPOSITE_GENERATORS, COMPOSITE_SKILLS } from './composite/index.ts';
Object.assign(GENERATORS, COMPOSITE_GENERATORS);
Object.assign(SKILLS, COMPOSITE_SKILLS);
