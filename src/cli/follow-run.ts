// Following a run in the headless page from Node: a progress line per step (reward, time per step, ETA), then the
// before/after table and the charts written as PNG files. The same code serves `atomgym replay`, the demo and
// `atomgym train --page` (they open the page with other URL parameters).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright';
import type { BeforeAfterRow, HeldOutResult, RunPageState } from '../api/page-state.ts';

export interface FollowedRun {
  status: RunPageState['status'];
  step: number;
  driver?: string;
  error?: string;
  rows: BeforeAfterRow[];
  /** Paths of the PNG charts written. */
  charts: string[];
}

const ENDED = ['done', 'stopped', 'failed'];

const duration = (s: number) => (s >= 60 ? `${Math.floor(s / 60)}m ${Math.round(s % 60)}s` : `${s.toFixed(1)}s`);

export interface FollowOptions {
  outDir: string;
  log?: (m: string) => void;
  pollMs?: number;
  /** Called on every poll (e.g. to show the notes of a run that has not finished its first step). */
  onIdle?: (run: RunPageState) => void;
}

export async function followRun(page: Page, opts: FollowOptions): Promise<FollowedRun> {
  const log = opts.log ?? ((m: string) => console.error(m));
  let first: { step: number; t: number } | undefined;
  let shown = -1;
  let run: RunPageState;
  for (;;) {
    run = await page.evaluate(() => ({ ...window.atomgym.run! }));
    opts.onIdle?.(run);
    if (run.step !== shown && run.step > 0) {
      shown = run.step;
      const now = Date.now();
      first ??= { step: run.step, t: now };
      const perStep = run.step > first.step ? (now - first.t) / 1000 / (run.step - first.step) : NaN;
      const left = (run.maxSteps ?? run.step) - run.step;
      const reward = run.metrics?.reward;
      log(
        `step ${run.step}/${run.maxSteps ?? '?'} · reward ${reward === undefined ? '—' : reward.toFixed(3)}` +
          (Number.isFinite(perStep) ? ` · ${perStep.toFixed(2)} s/step · ETA ${duration(left * perStep)}` : ''),
      );
    }
    if (ENDED.includes(run.status)) break;
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 250));
  }
  const results = await page.evaluate(() => window.atomgym.runResults!());
  mkdirSync(opts.outDir, { recursive: true });
  const charts = results.charts.map((c) => {
    const path = join(opts.outDir, c.name);
    writeFileSync(path, Buffer.from(c.url.replace(/^data:image\/png;base64,/, ''), 'base64'));
    return path;
  });
  return { status: run.status, step: run.step, driver: run.driver, error: run.error, rows: results.rows, charts };
}

export function formatBeforeAfter(rows: readonly BeforeAfterRow[]): string {
  const cell = (e: BeforeAfterRow['before']) =>
    Number.isNaN(e.mean) ? '— (no rollouts)' : `${e.mean.toFixed(2)} [${e.lo.toFixed(2)}, ${e.hi.toFixed(2)}]`;
  const change = (r: BeforeAfterRow) => {
    const d = r.after.mean - r.before.mean;
    return Number.isNaN(d) ? '—' : `${d >= 0 ? '+' : ''}${d.toFixed(2)}`;
  };
  const lines = [`${'skill'.padEnd(16)} ${'before (95% CI)'.padEnd(20)} ${'after (95% CI)'.padEnd(20)} change`];
  for (const r of rows) {
    lines.push(`${r.kind.padEnd(16)} ${cell(r.before).padEnd(20)} ${cell(r.after).padEnd(20)} ${change(r)}`);
  }
  return lines.join('\n');
}

/** Base vs trained on held-out tasks, with the best trivial baseline, as the page's Evaluation tab shows it. */
export function formatHeldOut(r: HeldOutResult): string {
  const cell = (e: HeldOutResult['rows'][number]['base']) =>
    e.n === 0 ? '—' : `${e.mean.toFixed(2)} [${e.lo.toFixed(2)}, ${e.hi.toFixed(2)}]`;
  const lines = [
    `held-out: ${r.tasks}; Avg@${r.k} at T=${r.temperature}, bootstrap 95% CIs; ${r.seconds.toFixed(0)} s`,
    `${'skill'.padEnd(16)} ${'base'.padEnd(20)} ${'trained'.padEnd(20)} ${'change'.padEnd(7)} best trivial baseline`,
  ];
  for (const x of r.rows) {
    const d = x.trained.mean - x.base.mean;
    const change = Number.isFinite(d) ? `${d >= 0 ? '+' : ''}${d.toFixed(2)}` : '—';
    const baseline = x.baseline ? `${x.baseline.name} ${x.baseline.mean.toFixed(2)}` : '—';
    lines.push(
      `${x.kind.padEnd(16)} ${cell(x.base).padEnd(20)} ${cell(x.trained).padEnd(20)} ${change.padEnd(7)} ${baseline}`,
    );
  }
  return lines.join('\n');
}
