// The GRPO loss over one generation batch, as a value and as ∂L/∂logprob per completion token — the per-token
// weights the Trainer's backward takes (its step() minimises Σ w·logprob, so w = ∂L/∂logprob descends L).
//
// Per token (TRL's GRPOTrainer._compute_loss):
//   r_t   = exp(lp_t − old_t)                                  importance ratio to the sampling policy
//   ℓ_t   = −min(r_t·A, clip(r_t, 1−ε, 1+ε_high)·A) + β·k3_t  clipped surrogate + KL to the frozen base
//   k3_t  = exp(ref_t − lp_t) − (ref_t − lp_t) − 1
// Aggregation by loss_type: 'grpo' mean over sequences of each sequence's token mean; 'dapo' sum over all
// tokens / number of tokens; 'dr_grpo' sum / (sequences · max_completion_length).
// Gradient: ∂ℓ_t/∂lp_t = −A·r_t when the unclipped term is the min (0 when the clipped one is: it is constant),
// plus β·(1 − exp(ref_t − lp_t)); then times the aggregation coefficient of that token.
import type { LossType } from './types.ts';

export interface LossSequence {
  /** Current log-probs of the completion tokens (from the trainer's forward). */
  logprobs: ArrayLike<number>;
  /** Log-probs when the completion was sampled (equal to logprobs on the first iteration). */
  old: ArrayLike<number>;
  /** Frozen base policy's log-probs (needed when beta > 0). */
  ref?: ArrayLike<number>;
  advantage: number;
  /** 1 = the token counts (0: masked, e.g. a truncated completion with mask_truncated_completions). */
  mask: ArrayLike<number>;
}

export interface LossOptions {
  loss_type: LossType;
  epsilon: number;
  epsilon_high?: number;
  beta: number;
  max_completion_length: number;
  /**
   * Sequences and counted tokens of the whole generation batch when this call sees one micro-batch of it, so the
   * aggregation matches the loss of the whole batch (default: this call's own).
   */
  totals?: { sequences: number; tokens: number };
}

export interface LossResult {
  loss: number;
  /** ∂L/∂logprob per completion token, one array per sequence. */
  grads: Float64Array[];
  /** Means over counted tokens, TRL's names: kl, clip_ratio/low_mean, clip_ratio/high_mean, clip_ratio/region_mean. */
  kl: number;
  clipLow: number;
  clipHigh: number;
  clipRegion: number;
  tokens: number;
}

/** Coefficient of each counted token of sequence i in the aggregated loss. */
function coefficients(seqs: readonly LossSequence[], o: LossOptions): number[] {
  const counted = seqs.map((s) => Array.from(s.mask).reduce((a, m) => a + (m ? 1 : 0), 0));
  const total = o.totals?.tokens ?? counted.reduce((a, b) => a + b, 0);
  const n = o.totals?.sequences ?? seqs.length;
  return seqs.map((_, i) => {
    if (o.loss_type === 'grpo') return 1 / (n * Math.max(counted[i], 1));
    if (o.loss_type === 'dapo') return 1 / Math.max(total, 1);
    return 1 / (n * o.max_completion_length);
  });
}

export function grpoLoss(seqs: readonly LossSequence[], o: LossOptions): LossResult {
  const lo = 1 - o.epsilon;
  const hi = 1 + (o.epsilon_high ?? o.epsilon);
  const coef = coefficients(seqs, o);
  let loss = 0,
    kl = 0,
    clipLow = 0,
    clipHigh = 0,
    tokens = 0;
  const grads = seqs.map((s, i) => {
    const n = s.logprobs.length;
    if (s.old.length !== n || s.mask.length !== n || (s.ref && s.ref.length !== n)) {
      throw new RangeError(`grpoLoss: sequence ${i} has ${n} log-probs but old/ref/mask of other lengths`);
    }
    if (o.beta > 0 && !s.ref) throw new RangeError(`grpoLoss: beta = ${o.beta} needs ref log-probs (sequence ${i})`);
    const g = new Float64Array(n);
    const A = s.advantage;
    for (let t = 0; t < n; t++) {
      if (!s.mask[t]) continue;
      const r = Math.exp(s.logprobs[t] - s.old[t]);
      const unclipped = r * A;
      const clipped = Math.min(Math.max(r, lo), hi) * A;
      let lt = -Math.min(unclipped, clipped);
      // Written so a NaN advantage or ratio propagates (and the trainer skips the step) instead of reading as
      // "clipped".
      let dt = clipped < unclipped ? 0 : -A * r;
      if (o.beta > 0) {
        const d = s.ref![t] - s.logprobs[t];
        const k3 = Math.exp(d) - d - 1;
        lt += o.beta * k3;
        dt += o.beta * (1 - Math.exp(d));
        kl += k3;
      }
      loss += coef[i] * lt;
      g[t] = coef[i] * dt;
      tokens++;
      if (r < lo && A < 0) clipLow++;
      if (r > hi && A > 0) clipHigh++;
    }
    return g;
  });
  const per = (x: number) => (tokens ? x / tokens : 0);
  return {
    loss,
    grads,
    kl: per(kl),
    clipLow: per(clipLow),
    clipHigh: per(clipHigh),
    clipRegion: per(clipLow + clipHigh),
    tokens,
  };
}
