// The GRPO progress line `atomgym train` and the experiment's arms print: rewards per skill and minutes left.
import { describe, expect, it } from 'vitest';
import { stepLines } from '../../src/rl/step-line.ts';

const metrics = (step: number, step_time: number) => ({
  step,
  reward: 0.25,
  'rewards/reproduction/mean': 0.5,
  'rewards/review/mean': 0,
  frac_reward_zero_std: 0.75,
  'completions/mean_length': 62.4,
  kl: 0,
  step_time,
});

describe('stepLines', () => {
  it("names each skill's reward and estimates the minutes left from this sitting's mean step time", () => {
    const line = stepLines(10);
    expect(line(metrics(3, 60))).toBe(
      'step 3/10  reward 0.250 (reproduction 0.500, review 0)  zero-std 0.750  len 62.4  kl 0  60.0s  ~7.0 min left',
    );
    // Mean of 60 s and 180 s = 120 s, 6 steps left: 12 minutes.
    expect(line(metrics(4, 180))).toMatch(/ 180s {2}~12 min left$/);
    expect(line(metrics(10, 60))).toMatch(/ 60.0s$/); // the last step has nothing left
  });

  it('prints no total and no estimate for a run with a time budget', () => {
    expect(stepLines()(metrics(3, 60))).toMatch(/^step 3 {2}reward .* 60.0s$/);
  });
});
