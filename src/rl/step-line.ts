// One progress line per GRPO step, for the terminal: `atomgym train` and the experiment's arms print the same.
import type { StepMetrics } from './types.ts';

const fmt = (x: unknown) =>
  typeof x === 'number'
    ? Math.abs(x) >= 100 || x === 0
      ? String(Math.round(x * 100) / 100)
      : x.toPrecision(3)
    : String(x);

/**
 * A progress printer: each line carries the step, rewards per skill, spread, length, KL, time and, when the run
 * has a step count (not a time budget), the estimated minutes left.
 */
export function stepLines(maxSteps?: number): (m: StepMetrics) => string {
  const times: number[] = [];
  return (m) => {
    times.push(m.step_time);
    const skills = Object.keys(m)
      .filter((k) => k.startsWith('rewards/'))
      .map((k) => `${k.split('/')[1]} ${fmt(m[k])}`)
      .join(', ');
    // From this sitting's steps only: a resumed run's earlier steps may have run on another machine or load.
    const minutesLeft = (n: number) => ((n - m.step) * times.reduce((a, t) => a + t, 0)) / times.length / 60;
    const left = maxSteps !== undefined && m.step < maxSteps ? minutesLeft(maxSteps) : undefined;
    return [
      `step ${m.step}${maxSteps === undefined ? '' : `/${maxSteps}`}`,
      `reward ${fmt(m.reward)} (${skills})`,
      `zero-std ${fmt(m.frac_reward_zero_std)}`,
      `len ${fmt(m['completions/mean_length'])}`,
      `kl ${fmt(m.kl)}`,
      `${fmt(m.step_time)}s`,
      ...(left === undefined ? [] : [`~${left.toFixed(left < 10 ? 1 : 0)} min left`]),
    ].join('  ');
  };
}
