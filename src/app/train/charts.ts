// Live training charts (uPlot), one per TRL metric family, sized and lettered for a projector. Charts take whole
// StepMetrics and pick their own keys; a metric the run does not log shows "not logged by this run".
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { StepMetrics } from '../../rl/types.ts';
import { ATOMIC_SKILLS } from '../../tasks/types.ts';
import { h } from '../adapter-view.ts';

interface ChartDef {
  id: string;
  title: string;
  keys: Array<{ key: string; label: string }>;
}

const COLORS = ['#2456c8', '#d9480f', '#2b8a3e', '#9c36b5', '#c2255c', '#1098ad', '#5c940d'];

export const CHARTS: ChartDef[] = [
  {
    id: 'reward',
    title: 'Reward per skill',
    keys: [{ key: 'reward', label: 'all' }, ...ATOMIC_SKILLS.map((s) => ({ key: `rewards/${s}/mean`, label: s }))],
  },
  { id: 'loss', title: 'Loss', keys: [{ key: 'loss', label: 'loss' }] },
  { id: 'kl', title: 'KL to the base', keys: [{ key: 'kl', label: 'kl' }] },
  {
    id: 'clip',
    title: 'Clip ratio',
    keys: [
      { key: 'clip_ratio/region_mean', label: 'region' },
      { key: 'clip_ratio/low_mean', label: 'low' },
      { key: 'clip_ratio/high_mean', label: 'high' },
    ],
  },
  { id: 'entropy', title: 'Entropy', keys: [{ key: 'entropy', label: 'entropy' }] },
  { id: 'length', title: 'Completion length (tokens)', keys: [{ key: 'completions/mean_length', label: 'mean' }] },
  { id: 'tps', title: 'Tokens / s', keys: [{ key: 'tokens_per_second', label: 'tokens/s' }] },
  { id: 'sandbox', title: 'Sandbox runs / s', keys: [{ key: 'sandbox_runs_per_second', label: 'runs/s' }] },
];

const AXIS = { font: '16px system-ui, sans-serif', labelFont: '16px system-ui, sans-serif', stroke: '#1d2430' };

export class ChartBoard {
  private readonly plots = new Map<string, { plot: uPlot; def: ChartDef; empty: HTMLElement }>();
  private metrics: StepMetrics[] = [];

  constructor(target: HTMLElement) {
    target.replaceChildren();
    for (const def of CHARTS) {
      const empty = h('p', { class: 'muted chart-empty' }, 'not logged by this run');
      const box = h('div', { class: 'chart', id: `chart-${def.id}` }, h('h3', {}, def.title), empty);
      target.append(box);
      const width = Math.max(320, Math.floor(target.clientWidth / 2) - 24);
      const plot = new uPlot(
        {
          width,
          height: 240,
          legend: { show: def.keys.length > 1 },
          scales: { x: { time: false } },
          axes: [
            { ...AXIS, label: 'step' },
            { ...AXIS, size: 64 },
          ],
          series: [
            { label: 'step' },
            ...def.keys.map((k, i) => ({ label: k.label, stroke: COLORS[i % COLORS.length], width: 3 })),
          ],
        },
        [[], ...def.keys.map(() => [])],
        box,
      );
      this.plots.set(def.id, { plot, def, empty });
    }
  }

  /** Replaces everything shown (after a reload) or appends one step. */
  set(all: readonly StepMetrics[]): void {
    this.metrics = [...all];
    this.redraw();
  }

  push(m: StepMetrics): void {
    this.metrics.push(m);
    this.redraw();
  }

  /** Each chart with data, as a PNG data URL, for downloads. */
  pngs(): Array<{ name: string; url: string }> {
    return [...this.plots.entries()]
      .filter(([, { empty }]) => empty.hidden)
      .map(([id, { plot }]) => ({
        name: `chart-${id}.png`,
        url: plot.ctx.canvas.toDataURL('image/png'),
      }));
  }

  /**
   * Redraws one chart per animation frame, so a step never costs the main thread more than one chart's draw
   * (the page must stay responsive on a loaded CPU-only machine); charts with nothing to show are skipped.
   */
  private redraw(): void {
    this.dirty = new Set(this.plots.keys());
    if (!this.drawing) {
      this.drawing = true;
      requestAnimationFrame(() => this.drawNext());
    }
  }

  private dirty = new Set<string>();
  private drawing = false;

  private drawNext(): void {
    const id = this.dirty.values().next().value;
    if (id === undefined) {
      this.drawing = false;
      return;
    }
    this.dirty.delete(id);
    const { plot, def, empty } = this.plots.get(id)!;
    const x = this.metrics.map((m) => m.step);
    const ys = def.keys.map((k) => this.metrics.map((m) => (typeof m[k.key] === 'number' ? m[k.key] : null)));
    const has = ys.some((y) => y.some((v) => v !== null));
    const wasEmpty = !empty.hidden;
    empty.hidden = has;
    empty.parentElement!.classList.toggle('is-empty', !has);
    if (has || !wasEmpty) plot.setData([x, ...ys] as uPlot.AlignedData);
    requestAnimationFrame(() => this.drawNext());
  }
}
