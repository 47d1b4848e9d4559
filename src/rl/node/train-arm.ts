// The experiment's TrainArm seam (src/eval/experiment/arm.ts: mode, budget, init checkpoint, outDir, seed →
// checkpoint, steps, samples) implemented by this loop: the base arm (mode 'sft' from no checkpoint) is SFT on
// oracle demonstrations; every other arm is GRPO (runGrpo) from the given checkpoint. The types are declared here
// structurally so src/rl does not import src/eval; the experiment's train-arm.ts re-exports `grpoTrainArm`.
import { join } from 'node:path';
import { writeCheckpoint } from '../../model/checkpoint.ts';
import { directoryWriter } from '../../model/checkpoint-node.ts';
import { ATOMIC_SKILLS } from '../../tasks/types.ts';
import type { FamilySet } from '../../tasks/world/families/index.ts';
import type { RenameStyle } from '../../tasks/rename-identifiers.ts';
import { chatTemplate } from '../chat-template.ts';
import { runGrpo, type GrpoRunState } from '../grpo-run.ts';
import { makeTrainer } from '../make-trainer.ts';
import { nodeTrainerPlacement } from './gpu.ts';
import { resolveGrpoOptions } from '../options.ts';
import { nodeRunStore } from '../run-store-node.ts';
import { stepLines } from '../step-line.ts';
import { runSft, type SftState } from '../sft.ts';
import { buildSftData } from '../sft-data.ts';
import type { GrpoOptions, RlMode } from '../types.ts';
import { ARM_INPUTS_FILE, armPoolEnvironment, grpoArmInputs } from './arm-inputs.ts';
import { buildGrpoContext, loadPolicy, taskPool } from './setup.ts';
import { writeFileAtomic } from '../../util/atomic-file.ts';

export interface TrainArmRequest {
  mode: RlMode;
  budget: { minutes: number } | { steps: number };
  init: string | null;
  preset: string;
  outDir: string;
  seed: number;
  families?: FamilySet;
  unseenPackages?: { share: number; names: RenameStyle; neighbors?: number; oneWord?: number };
  say?: (message: string) => void;
}

export interface TrainArmResult {
  checkpoint: string;
  steps: number;
  samples: number;
  seconds: number;
  trainer: string;
}

/** Knobs an experiment may set for every arm (defaults: src/rl/options.ts, and the SFT defaults below). */
export interface ArmSettings {
  grpo?: Partial<GrpoOptions>;
  sft?: { batch?: number; seqLen?: number; learning_rate?: number; perSkill?: number };
  poolPerKind?: number;
}

export function makeGrpoTrainArm(settings: ArmSettings = {}) {
  return async (r: TrainArmRequest): Promise<TrainArmResult> => {
    const say = r.say ?? (() => undefined);
    const model = join(r.outDir, 'model');
    if (r.mode === 'sft' && r.init === null) return sftArm(r, settings, model, say);
    const steps = 'steps' in r.budget ? r.budget.steps : 1_000_000_000;
    const opts = resolveGrpoOptions({ ...settings.grpo, mode: r.mode, seed: r.seed, max_steps: steps });
    // What decides this training, recorded before it starts (its pool is made here and read back by the run), so
    // another experiment can tell whether it may copy this arm (--reuse-arms).
    const inputs = await grpoArmInputs(r, settings, r.outDir, say);
    await writeFileAtomic(join(r.outDir, ARM_INPUTS_FILE), `${JSON.stringify(inputs, null, 1)}\n`);
    const built = await buildGrpoContext(
      { init: r.init ?? undefined, preset: r.preset },
      r.outDir,
      opts,
      armPoolEnvironment(r, settings),
      say,
    );
    try {
      const maxSeconds = 'minutes' in r.budget ? r.budget.minutes * 60 : undefined;
      const line = stepLines('steps' in r.budget ? steps : undefined);
      const state = await runGrpo(built.ctx, nodeRunStore<GrpoRunState>(r.outDir), {
        tokenizer: built.policy.tokenizerJson,
        maxSeconds,
        onStep: (rec) => say(line(rec.metrics)),
      });
      const ckpt = await built.ctx.trainer.save(built.policy.tokenizerJson);
      delete ckpt.extraFiles;
      await writeCheckpoint(directoryWriter(model), ckpt);
      const samples = state.step * opts.prompts_per_step * opts.num_generations;
      return {
        checkpoint: model,
        steps: state.step,
        samples,
        seconds: state.elapsed_s,
        trainer: `grpo (${built.ctx.trainer.kind} trainer)`,
      };
    } finally {
      await built.close();
    }
  };
}

async function sftArm(
  r: TrainArmRequest,
  s: ArmSettings,
  model: string,
  say: (m: string) => void,
): Promise<TrainArmResult> {
  const policy = await loadPolicy({ preset: r.preset });
  const T = s.sft?.seqLen ?? Math.min(1024, policy.config.max_position_embeddings);
  const B = s.sft?.batch ?? 8;
  const ct = chatTemplate(policy.tokenizer);
  const tasks = await taskPool(
    r.outDir,
    { kinds: [...ATOMIC_SKILLS], levels: [1], perKind: s.sft?.perSkill ?? 200, seed: r.seed, families: r.families },
    say,
  );
  const data = buildSftData(ct, tasks, T);
  say(`SFT base: ${data.examples.length} demonstrations; longer than ${T} tokens: ${JSON.stringify(data.tooLong)}`);
  const trainer = await makeTrainer(
    { config: policy.config, batch: B, seqLen: T, optimizer: { weightDecay: 0.01, maxGradNorm: 1 } },
    { seed: r.seed },
    await nodeTrainerPlacement(),
  );
  try {
    const budget = 'steps' in r.budget ? { max_steps: r.budget.steps } : { minutes: r.budget.minutes };
    const warmup = 'steps' in r.budget ? Math.max(1, Math.round(r.budget.steps * 0.05)) : 20;
    const state = await runSft(
      trainer,
      data,
      nodeRunStore<SftState>(r.outDir),
      {
        learning_rate: s.sft?.learning_rate ?? 1e-3,
        warmup_steps: warmup,
        min_lr_ratio: 0.1,
        batching: 'packed',
        seed: r.seed,
        save_steps: 50,
        ...budget,
      },
      { tokenizer: policy.tokenizerJson, pad: ct.pad },
    );
    const ckpt = await trainer.save(policy.tokenizerJson);
    delete ckpt.extraFiles;
    await writeCheckpoint(directoryWriter(model), ckpt);
    // Samples = rows trained on (a packed row holds several demonstrations).
    return {
      checkpoint: model,
      steps: state.step,
      samples: state.step * B,
      seconds: state.elapsed_s,
      trainer: `sft (${trainer.kind} trainer)`,
    };
  } finally {
    trainer.destroy();
  }
}

/** With the defaults. */
export const grpoTrainArm = makeGrpoTrainArm();
