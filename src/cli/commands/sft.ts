// `atomgym sft --preset P [--skills ...] [--levels ...] (--minutes M | --steps N) --out DIR`: supervised fine-tuning
// on oracle demonstrations of the train split (src/rl/sft.ts). Resumes from DIR when it holds a snapshot; at the
// end DIR/model is the HF-layout checkpoint (config.json, model.safetensors, tokenizer.json) and DIR/log.jsonl the log.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeCheckpoint } from '../../model/checkpoint.ts';
import { directoryWriter } from '../../model/checkpoint-node.ts';
import { chatTemplate } from '../../rl/chat-template.ts';
import { makeTrainer } from '../../rl/make-trainer.ts';
import { nodeTrainerPlacement } from '../../rl/node/gpu.ts';
import { nodeRunStore } from '../../rl/run-store-node.ts';
import { runSft, type SftState } from '../../rl/sft.ts';
import { buildSftData, epochBatches, fillRatio, type Batching } from '../../rl/sft-data.ts';
import { ATOMIC_SKILLS, type TaskKind } from '../../tasks/types.ts';
import type { RenameStyle } from '../../tasks/rename-identifiers.ts';
import { boolFlag, familiesFlag, numberFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { taskPool } from '../../rl/node/setup.ts';
import { formatDuration, listFlag, loadPolicyFromArgs, pairsFlag } from '../rl/setup.ts';

export const HELP = `atomgym sft --preset P | --init DIR  (--minutes M | --steps N)  --out DIR
  [--skills a,b] [--levels 1,2] [--per-skill 200] [--per-skill-of editing=800,…] [--seq-len T] [--batch 8]
  [--lr 1e-3] [--warmup 20] [--min-lr-ratio 0.1] [--prompt-loss-weight 0] [--rename-copies 0] [--keep-originals]
  [--rename-style words|syllables|mixed] [--copy-drills 0] [--drill-code] [--random-repeats 0]
  [--recall-drills 0] [--lookup-drills 0 [--declare-first 0.5]] [--edit-demos span|lines]
  [--short-forms 0] [--package-surface 0]
  [--batching packed|bucketed] [--seed 0] [--save-steps 50] [--pool-from DIR,…] [--json]`;

export async function run(args: ParsedArgs): Promise<number> {
  if (boolFlag(args, 'help')) return (console.log(HELP), 0);
  const out = stringFlag(args, 'out');
  const json = boolFlag(args, 'json');
  const say = (s: string) => (json ? console.error(s) : console.log(s));
  const hasSteps = args.flags.has('steps'),
    hasMinutes = args.flags.has('minutes');
  if (hasSteps === hasMinutes) throw new UsageError('give exactly one of --steps N and --minutes M');
  const skills = listFlag(args, 'skills', [...ATOMIC_SKILLS]) as TaskKind[];
  for (const s of skills)
    if (!(ATOMIC_SKILLS as readonly string[]).includes(s))
      throw new UsageError(`--skills: unknown skill ${s} (have ${ATOMIC_SKILLS.join(', ')})`);
  const perKindOf = perSkillOf(args, skills);
  const levels = listFlag(args, 'levels', ['1']).map(Number);
  if (levels.some((l) => ![1, 2, 3, 4, 5].includes(l))) throw new UsageError('--levels must list levels 1..5');
  const batching = stringFlag(args, 'batching', 'packed') as Batching;
  if (batching !== 'packed' && batching !== 'bucketed') throw new UsageError('--batching must be packed or bucketed');
  const seed = numberFlag(args, 'seed', 0);
  const steps = hasSteps ? numberFlag(args, 'steps') : undefined;
  const minutes = hasMinutes ? numberFlag(args, 'minutes') : undefined;

  const policy = await loadPolicyFromArgs(args);
  const T = numberFlag(args, 'seq-len', Math.min(1024, policy.config.max_position_embeddings));
  const B = numberFlag(args, 'batch', 8);
  const ct = chatTemplate(policy.tokenizer);
  const perKind = numberFlag(args, 'per-skill', 200);
  const poolOptions = { kinds: skills, levels, perKind, perKindOf, seed, families: familiesFlag(args) };
  const tasks = await taskPool(out, poolOptions, say, listFlag(args, 'pool-from', []));
  const renameStyle = stringFlag(args, 'rename-style', 'words') as RenameStyle;
  if (!['words', 'syllables', 'mixed'].includes(renameStyle))
    throw new UsageError('--rename-style must be words, syllables or mixed');
  const editDemos = stringFlag(args, 'edit-demos', 'span');
  if (editDemos !== 'span' && editDemos !== 'lines') throw new UsageError('--edit-demos must be span or lines');
  const data = buildSftData(ct, tasks, T, {
    editDemos,
    renameCopies: numberFlag(args, 'rename-copies', 0),
    keepOriginals: boolFlag(args, 'keep-originals'),
    renameStyle,
    copyDrills: numberFlag(args, 'copy-drills', 0),
    drillCode: boolFlag(args, 'drill-code'),
    randomRepeats: numberFlag(args, 'random-repeats', 0),
    recallDrills: numberFlag(args, 'recall-drills', 0),
    lookupDrills: numberFlag(args, 'lookup-drills', 0),
    lookupDeclareFirst: numberFlag(args, 'declare-first', 0.5),
    shortForms: numberFlag(args, 'short-forms', 0),
    packageSurface: numberFlag(args, 'package-surface', 0),
    seed,
  });
  const tooLong = Object.values(data.tooLong).reduce((a, b) => a + b, 0);
  const fill = fillRatio(data, epochBatches(data, T, B, batching, seed, 0), T, B);
  say(
    `SFT data: ${data.examples.length} examples kept ${JSON.stringify(data.kept)}; ` +
      `${tooLong} longer than ${T} tokens left out ${JSON.stringify(data.tooLong)}; ` +
      `prompts shortened to fit ${JSON.stringify(data.fitted)}; ` +
      `shorter forms added ${JSON.stringify(data.shortForms)}; ` +
      `package-surface copies ${data.packageSurface}; ${batching} rows ${(100 * fill).toFixed(0)}% filled`,
  );

  const trainer = await makeTrainer(
    { config: policy.config, batch: B, seqLen: T, optimizer: { weightDecay: 0.01, maxGradNorm: 1 } },
    { weights: policy.init?.weights, seed },
    await nodeTrainerPlacement(),
  );
  say(`policy ${policy.source}; trainer ${trainer.kind} B=${B} T=${T}`);
  const store = nodeRunStore<SftState>(out);
  const t0 = performance.now();
  const state = await runSft(
    trainer,
    data,
    store,
    {
      learning_rate: numberFlag(args, 'lr', 1e-3),
      warmup_steps: numberFlag(args, 'warmup', steps !== undefined ? Math.max(1, Math.round(steps * 0.05)) : 20),
      min_lr_ratio: numberFlag(args, 'min-lr-ratio', 0.1),
      prompt_loss_weight: numberFlag(args, 'prompt-loss-weight', 0),
      max_steps: steps,
      minutes,
      batching,
      seed,
      save_steps: numberFlag(args, 'save-steps', 50),
    },
    {
      tokenizer: policy.tokenizerJson,
      pad: ct.pad,
      progress: (p) => {
        const total = p.total ?? '?';
        const eta = p.etaSeconds === null ? '?' : formatDuration(p.etaSeconds);
        say(
          `step ${p.step}/${total}  loss ${p.loss.toFixed(4)}  lr ${p.lr.toExponential(2)}  ${Math.round(p.tokensPerSecond)} tok/s  ETA ${eta}`,
        );
      },
    },
  );
  const ckpt = await trainer.save(policy.tokenizerJson);
  delete ckpt.extraFiles; // the exported model is weights + config + tokenizer; the optimizer stays in the snapshots
  await writeCheckpoint(directoryWriter(join(out, 'model')), ckpt);
  trainer.destroy();
  const log = await store.readLog();
  const summary = {
    out,
    model: join(out, 'model'),
    steps: state.step,
    skipped_steps: state.skipped_steps,
    epochs: state.epoch,
    final_loss: log.at(-1)?.loss ?? null,
    first_loss: log[0]?.loss ?? null,
    examples: data.kept,
    too_long: data.tooLong,
    seq_len: T,
    batch: B,
    batching,
    fill_ratio: fill,
    train_seconds: state.elapsed_s,
    wall_seconds_this_call: (performance.now() - t0) / 1000,
  };
  await writeFile(join(out, 'sft-summary.json'), JSON.stringify(summary, null, 2));
  if (json) console.log(JSON.stringify(summary, null, 2));
  else say(`done: ${state.step} steps, loss ${summary.first_loss} → ${summary.final_loss}; model in ${summary.model}`);
  return 0;
}

/** `--per-skill-of editing=800,review=400`: task counts for these skills instead of --per-skill. */
function perSkillOf(args: ParsedArgs, skills: readonly TaskKind[]): Partial<Record<TaskKind, number>> | undefined {
  if (!args.flags.has('per-skill-of')) return undefined;
  const out: Partial<Record<TaskKind, number>> = {};
  for (const [skill, n] of pairsFlag(args, 'per-skill-of', 'skill=N')) {
    if (!skills.includes(skill as TaskKind))
      throw new UsageError(`--per-skill-of: ${skill} is not one of the skills trained (${skills.join(', ')})`);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--per-skill-of: ${skill}=${n} needs a whole count ≥ 1`);
    out[skill as TaskKind] = n;
  }
  return out;
}
