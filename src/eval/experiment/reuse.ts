// `--reuse-arms DIR`: an RL arm finished in another experiment folder is copied instead of trained again when what
// decides its training is the same here and there — mode, seed, update budget, GRPO options, starting weights and
// task pool, compared by value (ArmInputsOf). Two experiments that differ only in how localization tasks look share
// every arm that never sees a localization task. The copy is evaluated on this experiment's tasks like any arm.
import { existsSync } from 'node:fs';
import { cp, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../node-io.ts';
import { ARM_INPUTS_FILE, checkpointSha256 } from '../../rl/node/arm-inputs.ts';
import { armRequest, type Arm, type ArmInputsOf, type ArmSettings, type TrainArmRequest } from './arm.ts';
import type { DoneMarker, ExperimentOptions, Manifest } from './run.ts';
import type { EvalReport } from '../report.ts';
import type { TaskResult } from '../types.ts';
import { readPack, writePack } from '../../tasks/pack.ts';
import type { TaskBase } from '../../tasks/types.ts';

const MODEL_FILES = ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'];
const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

export interface ReuseRequest {
  arm: Arm;
  seed: number;
  /** This experiment's folder for the arm, and its request and settings. */
  dir: string;
  request: TrainArmRequest;
  settings: ArmSettings;
  /** The other experiment's folder. */
  from: string;
  armInputs: ArmInputsOf;
  say: (message: string) => void;
}

/** Where a copied arm came from, in its done marker. */
export interface ArmReuse {
  /** The other experiment's folder and the arm's folder there. */
  experiment: string;
  from: string;
  /** Their training inputs as recorded when they trained, or recomputed now from their experiment's options. */
  inputs: 'recorded' | 'recomputed';
  /** Set when their weights were not kept but their log shows no optimizer step: the copy is the starting weights. */
  weights?: 'starting checkpoint';
}

/** The copied arm's training result, or undefined (with the reason said) when it must be trained here. */
export async function reuseFinishedArm(
  q: ReuseRequest,
): Promise<{ train: DoneMarker['train']; reused: ArmReuse } | undefined> {
  const name = basename(q.dir);
  const theirDir = join(q.from, 'arms', name);
  const ckpt = join(q.dir, 'checkpoint');
  if (!existsSync(join(theirDir, 'done.json')))
    return (q.say(`not finished in ${q.from}: training it here`), undefined);
  if (existsSync(join(ckpt, 'latest'))) return (q.say('has training in progress here: going on with it'), undefined);
  const manifest = await readJson<Manifest>(join(q.from, 'experiment.json'));
  const theirs = await readJson<DoneMarker>(join(theirDir, 'done.json'));
  // Their done marker names the trained checkpoint as their command saw it (a path from the project root); results
  // folders often keep only some arms' weights.
  const kept = [theirs.train.checkpoint, join(theirDir, 'checkpoint', 'model')].find((d) =>
    existsSync(join(d, 'model.safetensors')),
  );
  // An arm whose every update found no group with a reward spread took no optimizer step: its weights are its
  // starting checkpoint's — the same weights as this arm's start once the inputs below (their sha256) compare equal.
  const unmoved = !kept && q.request.init !== null && (await tookNoStep(theirDir, theirs.train.steps));
  const trained = kept ?? (unmoved ? q.request.init : undefined);
  if (!trained) return (q.say(`its weights are not kept in ${theirDir}: training it here`), undefined);
  const theirBase = await readJson<DoneMarker>(join(q.from, 'arms', 'base', 'done.json'));
  const o: ExperimentOptions = manifest.options;
  const budget = { steps: manifest.budget?.steps ?? theirs.train.steps };
  const theirRequest = armRequest(q.arm, q.seed, o, theirBase.train.checkpoint, budget, join(theirDir, 'checkpoint'));
  const mine = await q.armInputs(q.request, q.settings, ckpt);
  // Their record as written when their training started; an arm trained before records existed has its inputs
  // recomputed here from its experiment's options — right only if its pool's code and starting checkpoint have not
  // changed since, which the report then says it relied on.
  const recordFile = join(theirDir, 'checkpoint', ARM_INPUTS_FILE);
  const recorded = existsSync(recordFile);
  const scratch = join(q.dir, 'reuse-check');
  const other = recorded
    ? await readJson<object>(recordFile)
    : await q
        .armInputs(theirRequest, { grpo: o.grpo, poolPerKind: o.poolPerKind }, scratch)
        .finally(() => rm(scratch, { recursive: true, force: true }));
  const differ = Object.keys({ ...mine, ...other }).filter(
    (k) =>
      JSON.stringify((mine as Record<string, unknown>)[k]) !== JSON.stringify((other as Record<string, unknown>)[k]),
  );
  if (differ.length)
    return (q.say(`trained differently in ${q.from} (${differ.join(', ')}): training it here`), undefined);
  if (theirs.train.steps !== budget.steps)
    return (q.say(`${theirDir} took ${theirs.train.steps} updates, not ${budget.steps}: training it here`), undefined);
  // A starting checkpoint's folder may hold its README and recipe too; the arm's model folder gets what a trained
  // one holds.
  const modelFile = (src: string) => src === trained || !unmoved || MODEL_FILES.includes(basename(src));
  await cp(trained, join(ckpt, 'model'), { recursive: true, filter: modelFile });
  if (existsSync(join(theirDir, 'checkpoint', 'log.jsonl')))
    await cp(join(theirDir, 'checkpoint', 'log.jsonl'), join(ckpt, 'log.jsonl'));
  const how = recorded ? 'recorded' : 'recomputed';
  const weights = unmoved ? 'starting checkpoint' : 'kept';
  await writeFileAtomic(
    join(ckpt, 'reused.json'),
    `${JSON.stringify({ from: theirDir, how, weights, inputs: mine }, null, 1)}\n`,
  );
  q.say(`copied from ${theirDir}: the same training inputs (${Object.keys(mine).join(', ')}; theirs ${how})`);
  if (unmoved)
    q.say(`it took no optimizer step in its ${theirs.train.steps} updates there: its weights are ${trained}'s`);
  return {
    train: { ...theirs.train, checkpoint: join(ckpt, 'model') },
    reused: { experiment: q.from, from: theirDir, inputs: how, ...(unmoved ? { weights: 'starting checkpoint' } : {}) },
  };
}

/**
 * True when the arm's training log has every update 1..steps and none of them applied an optimizer step
 * (`num_updates` 0 on each line: no group with a reward spread, or a skipped NaN step).
 */
async function tookNoStep(armDir: string, steps: number): Promise<boolean> {
  const file = join(armDir, 'checkpoint', 'log.jsonl');
  if (!existsSync(file)) return false;
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim());
  const records = lines.map((l) => JSON.parse(l) as { step?: unknown; num_updates?: unknown });
  const logged = new Set(records.map((r) => r.step));
  const every = Array.from({ length: steps }, (_, i) => i + 1).every((s) => logged.has(s));
  return steps > 0 && every && records.every((r) => r.num_updates === 0);
}

/**
 * The other experiment's base arm when it evaluated the same given checkpoint as this one (`--base`: config, weights
 * and tokenizer equal by sha256): its results on the test tasks both share can be kept like a copied arm's.
 */
export async function sameGivenBase(
  from: string,
  checkpoint: string,
  say: (message: string) => void,
): Promise<Pick<ArmReuse, 'experiment' | 'from'> | undefined> {
  const theirDir = join(from, 'arms', 'base');
  if (!existsSync(join(theirDir, 'done.json'))) return undefined;
  const theirs = await readJson<DoneMarker>(join(theirDir, 'done.json'));
  const there = theirs.train.checkpoint;
  if (theirs.train.steps !== 0) return undefined;
  // The tokenizer too: the evaluation encodes prompts and decodes answers with it.
  const files = ['config.json', 'model.safetensors', 'tokenizer.json'];
  const theirSha = await checkpointSha256(there, files).catch(() => undefined);
  if (!theirSha) {
    say(`${from}'s base checkpoint ${there} is not readable here: evaluating the base here`);
    return undefined;
  }
  if (theirSha !== (await checkpointSha256(checkpoint, files))) {
    say(`${from}'s base evaluated another checkpoint (${there}): evaluating it here`);
    return undefined;
  }
  return { experiment: from, from: theirDir };
}

/**
 * The copied arm's results there on the tasks both experiments share byte for byte, evaluated with the same options:
 * the same policy on the same task with the same seed — kept rather than sampled again (src/eval/run.ts `known`).
 */
export async function knownResults(
  reused: Pick<ArmReuse, 'experiment' | 'from'>,
  tasks: readonly TaskBase[],
  report: Pick<EvalReport, 'options'>['options'],
  say: (message: string) => void,
): Promise<Map<string, TaskResult>> {
  const known = new Map<string, TaskResult>();
  const theirReport = await readJson<EvalReport>(join(reused.from, 'eval.json'));
  const differ = (Object.keys(report) as Array<keyof typeof report>).filter(
    (k) => JSON.stringify(report[k]) !== JSON.stringify(theirReport.options[k]),
  );
  if (differ.length) return (say(`evaluated there with other options (${differ.join(', ')})`), known);
  const file = join(reused.experiment, 'tasks.jsonl');
  const theirTasks = new Map(readPack(await readFile(file, 'utf8'), file).map((t) => [t.id, writePack([t])] as const));
  const theirResults = new Map(theirReport.results.map((r) => [r.id, r] as const));
  for (const t of tasks) {
    const r = theirResults.get(t.id);
    if (r && theirTasks.get(t.id) === writePack([t])) known.set(t.id, r);
  }
  say(`${known.size} of ${tasks.length} test tasks are the same there: their results kept, the rest evaluated`);
  return known;
}
