// Group-relative advantages (GRPO): each completion's reward minus its group's mean, scaled per TRL's
// scale_rewards ('group': by the group's std, 'batch': by the std of all rewards, 'none': not scaled).
// Groups whose rewards are all equal carry no signal; they are reported so the loop can drop and count them.
import type { ScaleRewards } from './types.ts';

export interface GroupAdvantages {
  /** advantages[g][i] for completion i of group g. */
  advantages: number[][];
  /** Per group: true when every reward is the same (zero variance). */
  zeroStd: boolean[];
  /** Mean over groups of the group's reward std (TRL's reward_std). */
  meanGroupStd: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
/** Sample std (n − 1), as torch.std in TRL; 0 for a single value. */
export const std = (xs: readonly number[]): number => {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
};

/** Whether a group's rewards differ, i.e. it carries a signal (the loop drops the others). */
export const hasSpread = (rewards: readonly number[]): boolean => rewards.some((r) => r !== rewards[0]);

/** TRL adds this to the std before dividing so a tiny spread does not blow up. */
export const STD_EPS = 1e-4;

export function groupAdvantages(rewards: readonly (readonly number[])[], scale: ScaleRewards): GroupAdvantages {
  const stds = rewards.map(std);
  const batchStd = std(rewards.flat());
  const advantages = rewards.map((g, k) => {
    const m = mean(g);
    const s = scale === 'group' ? stds[k] : scale === 'batch' ? batchStd : 1;
    const denom = scale === 'none' ? 1 : s + STD_EPS;
    return g.map((r) => (r - m) / denom);
  });
  const zeroStd = rewards.map((g) => !hasSpread(g));
  return { advantages, zeroStd, meanGroupStd: stds.length ? mean(stds) : 0 };
}
