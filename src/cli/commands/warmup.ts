// `atomgym warmup (--preset P [--layers N] [--rope-theta θ] | --init DIR) --steps N --out DIR`: the induction
// warm-up (src/rl/induction-warmup.ts) that gives a policy its copying circuit before SFT. Short (minutes), so it is
// not resumable: an interrupted call starts over, and DIR/model is written whole at the end (never half-written).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeCheckpoint } from '../../model/checkpoint.ts';
import { directoryWriter } from '../../model/checkpoint-node.ts';
import { LOOKUP_MIN_SEQ_LEN, runInductionWarmup, type RunLayout } from '../../rl/induction-warmup.ts';
import { encodeLookupMarkers } from '../../rl/lookup-runs.ts';
import { ordinaryTokenIds } from '../../rl/random-runs.ts';
import { makeTrainer } from '../../rl/make-trainer.ts';
import { nodeTrainerPlacement } from '../../rl/node/gpu.ts';
import { boolFlag, numberFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { formatDuration, loadPolicyFromArgs } from '../rl/setup.ts';

export const HELP = `atomgym warmup --preset P [--tokenizer F] [--layers N] [--rope-theta θ] [--vocab N] [--context N]
  | --init DIR  --steps N  --out DIR [--runs next|recall|lookup [--declare-first 0.5] [--chat]] [--seq-len 96]
  [--batch 16] [--lr 1e-3] [--warmup 20] [--seed 0] [--json]`;

export async function run(args: ParsedArgs): Promise<number> {
  if (boolFlag(args, 'help')) return (console.log(HELP), 0);
  const out = stringFlag(args, 'out');
  const json = boolFlag(args, 'json');
  const say = (s: string) => (json ? console.error(s) : console.log(s));
  const steps = numberFlag(args, 'steps');
  if (!(Number.isInteger(steps) && steps >= 1)) throw new UsageError(`--steps must be an integer ≥ 1, got ${steps}`);
  const layout = stringFlag(args, 'runs', 'next') as RunLayout;
  if (layout !== 'next' && layout !== 'recall' && layout !== 'lookup')
    throw new UsageError(`--runs must be next, recall or lookup, got ${layout}`);
  const scored = layout === 'lookup' ? 'answer' : 'repeat';
  const policy = await loadPolicyFromArgs(args);
  const T = numberFlag(args, 'seq-len', 96);
  const B = numberFlag(args, 'batch', 16);
  if (T > policy.config.max_position_embeddings)
    throw new UsageError(
      `--seq-len ${T} is longer than the model's ${policy.config.max_position_embeddings} positions`,
    );
  if (layout === 'lookup' && T < LOOKUP_MIN_SEQ_LEN)
    throw new UsageError(`--runs lookup needs --seq-len ≥ ${LOOKUP_MIN_SEQ_LEN}, got ${T}`);
  const ordinary = ordinaryTokenIds(policy.tokenizer);
  const seed = numberFlag(args, 'seed', 0);
  const trainer = await makeTrainer(
    { config: policy.config, batch: B, seqLen: T, optimizer: { weightDecay: 0.01, maxGradNorm: 1 } },
    { weights: policy.init?.weights, seed },
    await nodeTrainerPlacement(),
  );
  say(`policy ${policy.source}; trainer ${trainer.kind} B=${B} T=${T}; ${layout} runs over ${ordinary.length} tokens`);
  const t0 = performance.now();
  const log: string[] = [];
  const { losses, skipped } = await runInductionWarmup(
    trainer,
    ordinary,
    {
      steps,
      learning_rate: numberFlag(args, 'lr', 1e-3),
      warmup_steps: numberFlag(args, 'warmup', 20),
      layout,
      batch: B,
      seqLen: T,
      seed,
      lookupMarkers: layout === 'lookup' ? encodeLookupMarkers(policy.tokenizer, boolFlag(args, 'chat')) : undefined,
      lookupDeclareFirst: numberFlag(args, 'declare-first', 0.5),
    },
    (p) => {
      log.push(JSON.stringify({ step: p.step, loss: p.loss, lr: p.lr }));
      if (p.step === 1 || p.step % 25 === 0 || p.step === steps)
        say(
          `step ${p.step}/${steps}  ${scored} loss ${p.loss.toFixed(3)}  ${Math.round(p.tokensPerSecond)} tok/s  ` +
            `ETA ${formatDuration(p.etaSeconds)}`,
        );
    },
  );
  const ckpt = await trainer.save(policy.tokenizerJson);
  delete ckpt.extraFiles; // weights + config + tokenizer; the optimizer state is not kept
  await writeCheckpoint(directoryWriter(join(out, 'model')), ckpt);
  trainer.destroy();
  await writeFile(join(out, 'log.jsonl'), log.join('\n') + '\n');
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const summary = {
    out,
    model: join(out, 'model'),
    steps,
    skipped_steps: skipped,
    runs: layout,
    seq_len: T,
    batch: B,
    // Means over the first and last 25 steps: one step's loss is noisy.
    first_loss: mean(losses.slice(0, 25)),
    final_loss: mean(losses.slice(-25)),
    wall_seconds: (performance.now() - t0) / 1000,
  };
  await writeFile(join(out, 'warmup-summary.json'), JSON.stringify(summary, null, 2));
  if (json) console.log(JSON.stringify(summary, null, 2));
  else
    say(
      `done: ${scored} loss ${summary.first_loss.toFixed(3)} → ${summary.final_loss.toFixed(3)} ` +
        `(means of the first and last 25 steps); model in ${summary.model}`,
    );
  return 0;
}
