// The arms of the paper's experiment and the seam each arm trains through. `TrainArm` is what the experiment
// calls; the GRPO loop (src/rl) implements it; train-arm.ts says which implementation `atomgym experiment` uses.
import type { PresetName } from '../../model/config.ts';
import type { GrpoOptions, RlMode } from '../../rl/types.ts';
import type { FamilySet } from '../../tasks/world/families/index.ts';
import type { RenameStyle } from '../../tasks/rename-identifiers.ts';
import { ATOMIC_SKILLS } from '../../tasks/types.ts';

export interface Arm {
  /** Folder-safe name: base, joint, single-<skill>, composite. */
  name: string;
  mode: RlMode;
}

/** The paper's arms: the SFT base, joint RL over the five skills, each skill alone, composite tasks only. */
export const PAPER_ARMS: readonly Arm[] = [
  { name: 'base', mode: 'sft' },
  { name: 'joint', mode: 'joint' },
  ...ATOMIC_SKILLS.map((s): Arm => ({ name: `single-${s}`, mode: `single:${s}` })),
  { name: 'composite', mode: 'composite' },
];

/**
 * How long an arm trains: wall-clock minutes (the first RL arm), or a number of updates (every later arm gets the
 * update count the first one reached, so all RL arms see the same number of updates and samples).
 */
export type ArmBudget = { minutes: number } | { steps: number };

/** Localization tasks moved into unseen npm packages (src/tasks/surface.ts `asUnseenPackages`). */
export interface UnseenPackages {
  share: number;
  names: RenameStyle;
  /** Up to this many other repositories' modules beside each (src/tasks/neighbors.ts); left out when none. */
  neighbors?: number;
  /** Share of their functions named by one lower-case word; left out when none. */
  oneWord?: number;
}

export interface TrainArmRequest {
  mode: RlMode;
  budget: ArmBudget;
  /** Checkpoint folder the arm starts from; null = a fresh model of `preset` (the SFT base from scratch). */
  init: string | null;
  preset: PresetName;
  /** Where the arm writes its checkpoint (HF layout) and training log; it may resume from what is there. */
  outDir: string;
  seed: number;
  /** Function families the arm's train-split tasks are drawn from (default core). */
  families?: FamilySet;
  /** This share of the arm's localization tasks shown as unseen npm packages, with these fresh names (default none). */
  unseenPackages?: UnseenPackages;
  /** Progress lines. */
  say?: (message: string) => void;
}

export interface TrainArmResult {
  /** The trained checkpoint folder. */
  checkpoint: string;
  /** Optimizer updates taken. */
  steps: number;
  /** Completions (RL) or examples (SFT) trained on. */
  samples: number;
  seconds: number;
  /** What trained it, for the report (e.g. 'grpo', 'reference-sft'). */
  trainer: string;
}

export type TrainArm = (request: TrainArmRequest) => Promise<TrainArmResult>;

/** What an experiment sets for every RL arm: its GRPO options beyond the defaults and its pool size per kind. */
export interface ArmSettings {
  grpo?: Partial<GrpoOptions>;
  poolPerKind?: number;
}

/**
 * The record of what decides an RL arm's training (src/rl/node/arm-inputs.ts), compared by value; its pool is made in
 * (or read from) `poolDir`.
 */
export type ArmInputsOf = (request: TrainArmRequest, settings: ArmSettings, poolDir: string) => Promise<object>;

/** The request an experiment with these options makes for `arm`: the same for its own arms and another's. */
export function armRequest(
  arm: Arm,
  seed: number,
  o: { preset: PresetName; families?: FamilySet; unseenPackages?: UnseenPackages },
  init: string | null,
  budget: ArmBudget,
  outDir: string,
  say?: (message: string) => void,
): TrainArmRequest {
  return {
    mode: arm.mode,
    budget,
    init,
    preset: o.preset,
    outDir,
    seed,
    ...(o.families ? { families: o.families } : {}),
    ...(o.unseenPackages ? { unseenPackages: o.unseenPackages } : {}),
    ...(say ? { say } : {}),
  };
}
