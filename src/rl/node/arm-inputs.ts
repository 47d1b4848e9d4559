// What decides a GRPO arm's training, as one record that compares by value: mode, seed, update budget, the resolved
// GRPO options, the starting weights (by content) and the task pool (by content, not by the options that made it — a
// single-editing pool is the same pool whether or not localization tasks would have been moved into packages).
// Training is seeded throughout, so two arms with equal records draw the same tasks and samples from the same weights
// (a resumed run repeats an interrupted one's steps exactly), though not always bit for bit across machines:
// paper-gpu's single-editing arm rerun on another CPU at a later commit matched it on steps 1–2, then drifted. A copy
// is then a replicate of the same arm, and an experiment may copy a finished arm instead of training it again
// (`--reuse-arms`).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writePack } from '../../tasks/pack.ts';
import { resolveGrpoOptions } from '../options.ts';
import type { ResolvedGrpoOptions } from '../grpo.ts';
import { trainerBackendFromEnv } from './gpu.ts';
import { checkpointDir, grpoPoolOptions, taskPool, type PoolEnvironment } from './setup.ts';
import type { ArmSettings, TrainArmRequest } from './train-arm.ts';

/** The record's file in an arm's checkpoint folder, written when its training starts. */
export const ARM_INPUTS_FILE = 'arm-inputs.json';

export interface ArmInputs {
  mode: string;
  seed: number;
  budget: TrainArmRequest['budget'];
  preset: string;
  grpo: ResolvedGrpoOptions;
  /** sha256 of the starting checkpoint's config.json and model.safetensors; null = a fresh model of the preset. */
  init: string | null;
  pool: { tasks: number; sha256: string };
  /** The trainer backend asked for (ATOMGYM_TRAINER_BACKEND): another backend rounds differently. */
  trainer: string;
}

const sha256 = (...parts: Array<string | Uint8Array>) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};

/**
 * sha256 over a checkpoint's files, in order (by default what decides its weights: config.json, model.safetensors).
 * `dir` may be a run folder (checkpointDir).
 */
export async function checkpointSha256(dir: string, files = ['config.json', 'model.safetensors']): Promise<string> {
  const at = checkpointDir(dir);
  return sha256(...(await Promise.all(files.map((f) => readFile(join(at, f))))));
}

/** How an arm's request and settings draw its pool (its size, families and the unseen-package form). */
export function armPoolEnvironment(r: TrainArmRequest, settings: ArmSettings): PoolEnvironment {
  return {
    poolPerKind: settings.poolPerKind,
    families: r.families,
    packageSurface: r.unseenPackages?.share,
    packageNames: r.unseenPackages?.names,
    packageNeighbors: r.unseenPackages?.neighbors,
    packageOneWord: r.unseenPackages?.oneWord,
  };
}

/**
 * The inputs of the GRPO arm `r` would train with `settings`. Its pool is generated into (or read from) `poolDir`:
 * the arm's own checkpoint folder, where training then finds it, or a scratch folder for another experiment's arm.
 */
export async function grpoArmInputs(
  r: TrainArmRequest,
  settings: ArmSettings,
  poolDir: string,
  say: (message: string) => void = () => undefined,
): Promise<ArmInputs> {
  if (r.mode === 'sft') throw new Error('grpoArmInputs: the SFT base arm is not a GRPO arm');
  const steps = 'steps' in r.budget ? r.budget.steps : 1_000_000_000;
  const grpo = resolveGrpoOptions({ ...settings.grpo, mode: r.mode, seed: r.seed, max_steps: steps });
  const pool = await taskPool(poolDir, grpoPoolOptions(grpo, armPoolEnvironment(r, settings)), say);
  const init = r.init === null ? null : await checkpointSha256(r.init);
  return {
    mode: r.mode,
    seed: r.seed,
    budget: r.budget,
    preset: r.preset,
    grpo,
    init,
    pool: { tasks: pool.length, sha256: sha256(writePack(pool)) },
    trainer: trainerBackendFromEnv(),
  };
}
