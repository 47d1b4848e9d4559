// Which generator makes each task kind and which skill module shows/rewards it. Composite kinds register here too.
import type { Sandbox } from '../sandbox/types.ts';
import type { Level, SkillModule, Split, TaskBase, TaskKind } from './types.ts';

export interface GeneratorOptions {
  split: Split;
  n: number;
  seed: number;
  /** Fixed level; when omitted the generator mixes levels 1–5. */
  level?: Level;
  sandbox: Sandbox;
}
export type Generator = (opts: GeneratorOptions) => Promise<TaskBase[]>;

export const GENERATORS: Partial<Record<TaskKind, Generator>> = {};

export const SKILLS: Partial<Record<TaskKind, SkillModule>> = {};

// Composite kinds (src/tasks/composite): held out of training, registered for generate/check/score.
import { COMPOSITE_GENERATORS, COMPOSITE_SKILLS } from './composite/index.ts';
Object.assign(GENERATORS, COMPOSITE_GENERATORS);
Object.assign(SKILLS, COMPOSITE_SKILLS);
