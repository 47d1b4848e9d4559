// The five composite kinds: generators, skill modules and scaffolds, keyed by kind for the registry.
import type { Generator } from '../registry.ts';
import type { CompositeKind, SkillModule } from '../types.ts';
import { generateBugFixing } from './bug-fixing.ts';
import { generateFeature } from './feature.ts';
import { generateMlEngineering } from './ml-engineering.ts';
import { generateRefactoring } from './refactoring.ts';
import { generateSecurityFix } from './security.ts';
import { compositeSkill } from './skill.ts';

export const COMPOSITE_GENERATORS: Record<CompositeKind, Generator> = {
  'bug-fixing': generateBugFixing,
  refactoring: generateRefactoring,
  'security-fix': generateSecurityFix,
  feature: generateFeature,
  'ml-engineering': generateMlEngineering,
};

export const COMPOSITE_SKILLS: Record<CompositeKind, SkillModule> = {
  'bug-fixing': compositeSkill('bug-fixing'),
  refactoring: compositeSkill('refactoring'),
  'security-fix': compositeSkill('security-fix'),
  feature: compositeSkill('feature'),
  'ml-engineering': compositeSkill('ml-engineering'),
};

export {
  SCAFFOLDS,
  STEP_TEXT,
  renderStep,
  resolveStep,
  type Scaffold,
  type ScaffoldStep,
  type StepAnswers,
} from './scaffold.ts';
export type { CompositeTask } from './types.ts';
