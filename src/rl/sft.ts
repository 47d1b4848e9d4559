// Supervised fine-tuning on oracle demonstrations: mean token NLL on the answer tokens (chat template weights), plus,
// when prompt_loss_weight > 0, that weight times the mean NLL of the prompt tokens. Answers are a few dozen tokens
// after prompts of hundreds, so answer-only loss trains on ~5% of the tokens a step computes; the prompt term
// (code, tests, issues) is the language-modelling signal that teaches a small model to read and copy from its
// context (induction), which every skill's answer needs.
// warm-up then cosine decay of the learning rate, progress with tokens/s and an ETA, one JSONL line per step, and
// snapshots (weights, AdamW, data cursor, counters) a later call resumes from. With a time budget the number of
// steps is fixed after the first steps are timed and stored, so the schedule survives a resume.
import type { TrainerBackend } from '../train/backend.ts';
import { completionLogprobs, layoutRow, promptScoreColumns } from './chat-template.ts';
import { snapshot } from './grpo-run.ts';
import type { RunStore } from './run-store.ts';
import { epochBatches, type Batching, type SftData } from './sft-data.ts';

export interface SftOptions {
  learning_rate: number;
  warmup_steps: number;
  /** The cosine decays to this fraction of learning_rate. */
  min_lr_ratio: number;
  /** Weight of the prompt tokens' mean NLL next to the answer tokens' mean NLL (0 = answers only). Default 0. */
  prompt_loss_weight?: number;
  /** A fixed number of steps, or a wall-clock budget (steps fixed after timing the first `probe_steps`). */
  max_steps?: number;
  minutes?: number;
  batching: Batching;
  seed: number;
  save_steps: number;
}

export interface SftState {
  kind: 'sft';
  step: number;
  total_steps: number | null;
  epoch: number;
  batch: number;
  logLines: number;
  skipped_steps: number;
  elapsed_s: number;
  options: SftOptions;
}

const PROBE_STEPS = 3;

/** Linear warm-up to the peak, then cosine to min_lr_ratio·peak at the last step. */
export function learningRate(
  o: Pick<SftOptions, 'learning_rate' | 'warmup_steps' | 'min_lr_ratio'>,
  step: number,
  total: number,
): number {
  if (step < o.warmup_steps) return (o.learning_rate * (step + 1)) / o.warmup_steps;
  const span = Math.max(1, total - o.warmup_steps);
  const progress = Math.min(1, (step - o.warmup_steps) / span);
  const floor = o.learning_rate * o.min_lr_ratio;
  return floor + (o.learning_rate - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
}

export interface SftProgress {
  step: number;
  total: number | null;
  loss: number;
  lr: number;
  tokensPerSecond: number;
  etaSeconds: number | null;
}

export async function runSft(
  trainer: TrainerBackend,
  data: SftData,
  store: RunStore<SftState>,
  o: SftOptions,
  hooks: { tokenizer?: unknown; pad: number; progress?(p: SftProgress): void },
): Promise<SftState> {
  if ((o.max_steps === undefined) === (o.minutes === undefined))
    throw new Error('runSft: give exactly one of max_steps and minutes');
  const { B, T } = trainer.options;
  const saved = await store.load();
  let s: SftState;
  if (saved) {
    if (saved.state.options.seed !== o.seed || saved.state.options.batching !== o.batching)
      throw new Error(`${store.description}: cannot resume with a different seed or batching`);
    await trainer.load(saved.checkpoint);
    await store.truncateLog(saved.state.logLines);
    s = { ...saved.state, options: o, total_steps: o.max_steps ?? saved.state.total_steps };
  } else {
    await store.truncateLog(0);
    s = {
      kind: 'sft',
      step: 0,
      total_steps: o.max_steps ?? null,
      epoch: 0,
      batch: 0,
      logLines: 0,
      skipped_steps: 0,
      elapsed_s: 0,
      options: o,
    };
  }
  let epoch = epochBatches(data, T, B, o.batching, o.seed, s.epoch);
  while (s.total_steps === null || s.step < s.total_steps) {
    if (s.batch >= epoch.length) {
      s.epoch++;
      s.batch = 0;
      epoch = epochBatches(data, T, B, o.batching, o.seed, s.epoch);
    }
    const t0 = performance.now();
    const rows = epoch[s.batch].map((ids) => ids.map((i) => data.examples[i]));
    const tokens = new Int32Array(B * T).fill(hooks.pad);
    const mask = new Uint8Array(B * T);
    const weights = new Float32Array(B * T);
    const answerTokens = rows.flat().reduce((a, e) => a + e.completion.length, 0);
    const promptWeight = o.prompt_loss_weight ?? 0;
    const promptTokens = rows.flat().reduce((a, e) => a + e.prompt.length - 1, 0);
    let real = 0;
    const layouts = rows.map((segs, r) => {
      const l = layoutRow(segs, T, hooks.pad);
      tokens.set(l.tokens, r * T);
      mask.set(l.mask, r * T);
      segs.forEach((seg, k) => {
        real += seg.prompt.length + seg.completion.length;
        const w = weights.subarray(r * T, (r + 1) * T);
        for (let i = 0; i < seg.completion.length; i++) w[l.offsets[k] + seg.prompt.length - 1 + i] = -1 / answerTokens;
        if (promptWeight > 0 && promptTokens > 0) {
          const { from, to } = promptScoreColumns(seg, l.offsets[k]);
          w.fill(-promptWeight / promptTokens, from, to);
        }
      });
      return l;
    });
    for (let r = rows.length; r < B; r++) mask[r * T] = 1; // filler rows: one real token, weight 0
    const total = s.total_steps ?? Math.max(s.step + 1, PROBE_STEPS);
    const lr = learningRate(o, s.step, total);
    trainer.zeroGrad();
    // The weights do not depend on the log-probs here, so one pass does both (wasm: activations stay in ORT).
    const lp = await trainer.forwardBackward(tokens, mask, weights);
    let loss = 0;
    let promptLoss = 0;
    // Answer NLL per example kind ([sum, tokens]): a kind that stops being learnt (the random repeats that keep the
    // copying circuit, say) shows in its own column rather than drowning in the mean.
    const byKind = new Map<string, [number, number]>();
    rows.forEach((segs, r) =>
      segs.forEach((seg, k) => {
        const row = lp.subarray(r * T, (r + 1) * T);
        const at = layouts[r].offsets[k];
        const lps = completionLogprobs(row, seg, at);
        const nll = -lps.reduce((a, x) => a + x, 0);
        loss += nll / answerTokens;
        const acc = byKind.get(seg.kind) ?? [0, 0];
        byKind.set(seg.kind, [acc[0] + nll, acc[1] + lps.length]);
        const { from, to } = promptScoreColumns(seg, at);
        for (let c = from; c < to; c++) promptLoss -= row[c] / Math.max(1, promptTokens);
      }),
    );
    const res = await trainer.step(lr);
    const dt = (performance.now() - t0) / 1000;
    s.elapsed_s += dt;
    s.step++;
    s.batch++;
    if (res.skipped) s.skipped_steps++;
    if (s.total_steps === null && o.minutes !== undefined && s.step >= PROBE_STEPS) {
      s.total_steps = Math.max(s.step, Math.floor((o.minutes * 60) / (s.elapsed_s / s.step)));
    }
    const metrics = {
      step: s.step,
      loss,
      prompt_loss: promptLoss,
      learning_rate: lr,
      grad_norm: res.gradNorm,
      skipped_steps: s.skipped_steps,
      epoch: s.epoch,
      answer_tokens: answerTokens,
      tokens_per_second: real / dt,
      fill_ratio: real / (B * T),
      step_time: dt,
      elapsed_s: s.elapsed_s,
      ...Object.fromEntries([...byKind].sort().map(([kind, [nll, n]]) => [`loss/${kind}`, nll / n])),
    };
    await store.appendLog(metrics);
    s.logLines++;
    const eta = s.total_steps === null ? null : (s.elapsed_s / s.step) * (s.total_steps - s.step);
    hooks.progress?.({ step: s.step, total: s.total_steps, loss, lr, tokensPerSecond: real / dt, etaSeconds: eta });
    if (s.step % o.save_steps === 0 || s.step === s.total_steps) await snapshot(trainer, store, s, hooks.tokenizer);
  }
  return s;
}
