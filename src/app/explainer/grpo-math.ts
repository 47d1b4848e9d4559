// The arithmetic of one GRPO step that the classroom explainer shows, written out plainly (the loop in src/rl does
// the same with TRL's options): group mean and spread, advantages, and the weight each token's log-prob gets.
export interface GroupStats {
  mean: number;
  std: number;
  advantages: number[];
}

/** Group-relative advantages A_i = (r_i − mean) / (std + eps) (scale_rewards 'group'; population std, as TRL). */
export function groupStats(rewards: readonly number[], eps = 1e-4): GroupStats {
  const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
  const std = Math.sqrt(rewards.reduce((a, r) => a + (r - mean) ** 2, 0) / rewards.length);
  return { mean, std, advantages: rewards.map((r) => (r - mean) / (std + eps)) };
}

/**
 * The weight on each token's log-prob in the surrogate for loss_type 'grpo' (mean over the completion's tokens):
 * A / |o|. Positive: the update raises that token's probability; negative: lowers it. Its size is the push; the
 * change in probability also depends on the model's gradient, which needs the model and is not shown.
 */
export const tokenWeight = (advantage: number, length: number): number => (length > 0 ? advantage / length : 0);

/** Token probability from a log-prob, for display. */
export const prob = (logprob: number): number => Math.exp(logprob);

/** Mean over a completion's tokens of log p after − log p before the update. */
export function meanLogprobChange(m: { before: readonly number[]; after: readonly number[] }): number {
  if (m.before.length === 0) return 0;
  return m.after.reduce((a, x, t) => a + x - m.before[t], 0) / m.before.length;
}
