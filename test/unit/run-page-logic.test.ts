// The page's arithmetic and the run worker's pieces that need no browser: StepRecord log parsing (errors name the
// line and field), the REPLAY driver's pause / resume / stop / resume-from-checkpoint, GRPO group statistics for the
// explainer, and the bootstrap CIs of the eval view.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bootstrap, beforeAfter } from '../../src/app/eval/eval-view.ts';
import { groupStats, tokenWeight } from '../../src/app/explainer/grpo-math.ts';
import type { GrpoOptions, StepRecord } from '../../src/rl/types.ts';
import { ReplayDriver } from '../../src/worker/replay-driver.ts';
import { parseStepLog } from '../../src/api/step-log.ts';

const text = readFileSync(new URL('../fixtures/replay-run.jsonl', import.meta.url), 'utf8');
const log = parseStepLog(text, 'replay-run.jsonl');
const options = { max_steps: 100 } as GrpoOptions;

describe('StepRecord logs', () => {
  it('parses the fixture: 10 steps of 5 groups × 4 with tokens matching log-probs', () => {
    expect(log.map((r) => r.metrics.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const r of log) expect(r.rollouts.length).toBe(20);
  });
  it('names the line and the field of a bad record, and rejects an empty log', () => {
    const lines = text.trim().split('\n');
    const bad = JSON.parse(lines[1]) as StepRecord;
    (bad.rollouts[3] as unknown as Record<string, unknown>).reward = 'high';
    expect(() => parseStepLog([lines[0], JSON.stringify(bad)].join('\n'), 'x.jsonl')).toThrow(
      'x.jsonl line 2: rollouts[3].reward: expected a number',
    );
    expect(() => parseStepLog([lines[1], lines[0]].join('\n'), 'x.jsonl')).toThrow(
      /line 2: metrics.step 1 does not follow step 2/,
    );
    expect(() => parseStepLog('{oops', 'x.jsonl')).toThrow(/x.jsonl line 1: not valid JSON/);
    expect(() => parseStepLog('\n', 'x.jsonl')).toThrow(/no steps/);
  });
});

describe('ReplayDriver', () => {
  it('emits every step, pauses, resumes, and restarts after a checkpoint without repeating a step', async () => {
    const d = new ReplayDriver(log, 'fixture', 5);
    const seen: number[] = [];
    let paused!: () => void;
    const pausedAt3 = new Promise<void>((r) => (paused = r));
    const done = d.start({ ...options, max_steps: 8 }, (r) => {
      seen.push(r.metrics.step);
      if (r.metrics.step === 3) (d.pause(), paused());
    });
    await pausedAt3;
    await new Promise((r) => setTimeout(r, 50)); // a paused driver emits nothing more
    expect(d.status()).toBe('paused');
    expect(seen).toEqual([1, 2, 3]);
    const snap = await d.snapshot();
    expect(snap.step).toBe(3);
    d.resume();
    expect(await done).toBe('done');
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]); // max_steps caps the replay

    const again: number[] = [];
    const d2 = new ReplayDriver(log, 'fixture', 1);
    expect(await d2.start(options, (r) => again.push(r.metrics.step), snap)).toBe('done');
    expect(again).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(d2.describe()).toMatch(/trains nothing/);
  });
  it('stops', async () => {
    const d = new ReplayDriver(log, 'fixture', 1);
    const seen: number[] = [];
    expect(await d.start(options, (r) => (seen.push(r.metrics.step), r.metrics.step === 2 && d.stop()))).toBe(
      'stopped',
    );
    expect(seen).toEqual([1, 2]);
  });
});

describe('explainer and eval arithmetic', () => {
  it('matches the advantages logged in the fixture, group by group', () => {
    for (const rec of log) {
      for (let g = 0; g < 5; g++) {
        const group = rec.rollouts.filter((r) => r.group === g);
        const { advantages } = groupStats(group.map((r) => r.reward));
        advantages.forEach((a, i) => expect(a).toBeCloseTo(group[i].advantage, 3));
      }
    }
    const s = groupStats([1, 0, 0, 1]);
    expect([s.mean, s.std]).toEqual([0.5, 0.5]);
    expect(tokenWeight(s.advantages[0], 10)).toBeCloseTo(0.1, 3);
  });
  it('bootstraps a CI that holds the mean and is reproducible', () => {
    const e = bootstrap([0, 1, 1, 0, 1, 1, 1, 0]);
    expect(e.mean).toBe(0.625);
    expect(e.lo).toBeLessThan(e.mean);
    expect(e.hi).toBeGreaterThan(e.mean);
    expect(bootstrap([0, 1, 1, 0, 1, 1, 1, 0])).toEqual(e);
    expect(bootstrap([1, 1, 1])).toEqual({ mean: 1, lo: 1, hi: 1, n: 3 });
    const rows = beforeAfter(log);
    expect(rows.map((r) => r.kind).at(-1)).toBe('all');
    expect(rows.find((r) => r.kind === 'all')!.before.n).toBe(40);
  });
});
