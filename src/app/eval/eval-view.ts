// The evaluation view: the run's own rollouts, first vs last quarter of its steps, per skill with 95% bootstrap CIs;
// base vs trained on held-out tasks with the trivial baselines (./held-out-view.ts); downloads (results JSON, chart
// PNGs, the latest checkpoint, the log).
import type { BeforeAfterRow, Estimate, HeldOutRequest, HeldOutResult } from '../../api/page-state.ts';
import type { StepRecord } from '../../rl/types.ts';
import { mulberry32 } from '../../model/reference/rng.ts';
import { h } from '../adapter-view.ts';
import { CheckpointEvalView, type EvaluateCheckpoints } from './checkpoint-eval-view.ts';
import { download } from './download.ts';
import { HeldOutView } from './held-out-view.ts';
import { canWriteFolders, writeModelFolder } from './model-export.ts';
import type { ModelExport } from '../../worker/run-worker.ts';

export type EvalRow = BeforeAfterRow;

/** Mean with a percentile-bootstrap 95% CI (seeded, so the table is the same on every reload). */
export function bootstrap(xs: readonly number[], resamples = 2000, seed = 1): Estimate {
  const n = xs.length;
  if (n === 0) return { mean: NaN, lo: NaN, hi: NaN, n };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const rand = mulberry32(seed);
  const means = Array.from({ length: resamples }, () => {
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[Math.floor(rand() * n)];
    return s / n;
  }).sort((a, b) => a - b);
  return { mean, lo: means[Math.floor(0.025 * resamples)], hi: means[Math.ceil(0.975 * resamples) - 1], n };
}

/** Per skill (and all): rollout rewards of the first vs the last `window` logged steps (default: a quarter each). */
export function beforeAfter(log: readonly StepRecord[], window = Math.max(1, Math.floor(log.length / 4))): EvalRow[] {
  const first = log.slice(0, window).flatMap((r) => r.rollouts);
  const last = log.slice(-window).flatMap((r) => r.rollouts);
  const kinds = [...new Set(log.flatMap((r) => r.rollouts.map((x) => x.skill)))];
  const rows: EvalRow[] = kinds.map((kind) => ({
    kind,
    before: bootstrap(first.filter((r) => r.skill === kind).map((r) => r.reward)),
    after: bootstrap(last.filter((r) => r.skill === kind).map((r) => r.reward)),
  }));
  const rewards = (rs: typeof first) => rs.map((r) => r.reward);
  rows.push({ kind: 'all', before: bootstrap(rewards(first)), after: bootstrap(rewards(last)) });
  return rows;
}

const cell = (e: Estimate) =>
  Number.isNaN(e.mean) ? '—' : `${e.mean.toFixed(2)} [${e.lo.toFixed(2)}, ${e.hi.toFixed(2)}] n=${e.n}`;

const signed = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(2)}` : '—');

export interface EvalSources {
  log(): readonly StepRecord[];
  charts(): Array<{ name: string; url: string }>;
  checkpoint(): Promise<{ name: string; text: string } | undefined>;
  /** The newest checkpoint's policy as a Hugging Face model folder (undefined when the run has no weights). */
  exportModel(as: 'zip' | 'folder'): Promise<ModelExport | undefined>;
  /** The run's StepRecord log as stored (replayable with the page or `atomgym replay`). */
  logText(): Promise<string>;
  /** Base vs trained on held-out tasks (the run worker). */
  heldOut(o?: HeldOutRequest): Promise<HeldOutResult>;
  /** Any model folder by URL on the same tasks (the run worker); the shipped base is the form's default. */
  evaluateCheckpoints: EvaluateCheckpoints;
  baseModelUrl: string;
}

export class EvalView {
  private rows: EvalRow[] = [];
  private readonly table = h('div', { id: 'eval-table' });
  private readonly exportNote = h('small', { id: 'export-note', class: 'muted' });
  readonly heldOut: HeldOutView;
  readonly checkpointEval: CheckpointEvalView;

  constructor(
    target: HTMLElement,
    private readonly src: EvalSources,
  ) {
    const btn = (id: string, label: string, f: () => void | Promise<void>) => {
      const b = h('button', { type: 'button', id }, label);
      b.addEventListener('click', () => void f());
      return b;
    };
    this.heldOut = new HeldOutView((o) => this.src.heldOut(o));
    this.checkpointEval = new CheckpointEvalView(this.src.evaluateCheckpoints, this.src.baseModelUrl);
    target.replaceChildren(
      h('h3', {}, "The run's own rollouts"),
      h(
        'p',
        { class: 'muted' },
        'Reward on the tasks the run trained on, its first vs last quarter of steps: learning shows here first, ',
        'but it ',
        'is not a held-out score — that is the table below.',
      ),
      this.table,
      this.heldOut.el,
      this.checkpointEval.el,
      h(
        'div',
        { class: 'toolbar' },
        btn('download-results', 'Download results (JSON)', () => this.downloadResults()),
        btn('download-charts', 'Download charts (PNG)', () => {
          for (const c of this.src.charts()) download(c.name, c.url);
        }),
        btn('download-checkpoint', 'Download checkpoint', () => this.downloadCheckpoint()),
        btn('export-model-zip', 'Export model (.zip)', () => this.exportModel('zip')),
        btn('export-model-folder', 'Export model to a folder…', () => this.exportModel('folder')),
        this.exportNote,
        btn('download-log', 'Download log (JSONL)', async () => {
          const blob = new Blob([await this.src.logText()], { type: 'application/x-ndjson' });
          download('atomgym-run.jsonl', URL.createObjectURL(blob));
        }),
      ),
    );
  }

  /** The table for the run so far (recomputed from the log). */
  results(): EvalRow[] {
    const log = this.src.log();
    return log.length ? beforeAfter(log) : [];
  }

  refresh(): void {
    const log = this.src.log();
    this.rows = log.length ? beforeAfter(log) : [];
    if (!this.rows.length) {
      this.table.replaceChildren(h('p', { class: 'muted' }, 'No steps logged yet.'));
      return;
    }
    const w = Math.max(1, Math.floor(log.length / 4));
    const steps = `${log[0].metrics.step}–${log[w - 1].metrics.step}`;
    const lastSteps = `${log[log.length - w].metrics.step}–${log[log.length - 1].metrics.step}`;
    this.table.replaceChildren(
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, 'skill'),
            h('th', { class: 'num' }, `before (steps ${steps}), 95% CI`),
            h('th', { class: 'num' }, `after (steps ${lastSteps}), 95% CI`),
            h('th', { class: 'num' }, 'change'),
          ),
        ),
        h(
          'tbody',
          {},
          ...this.rows.map((r) =>
            h(
              'tr',
              {},
              h('td', {}, r.kind),
              h('td', { class: 'num' }, cell(r.before)),
              h('td', { class: 'num' }, cell(r.after)),
              h('td', { class: 'num' }, signed(r.after.mean - r.before.mean)),
            ),
          ),
        ),
      ),
    );
  }

  private downloadResults(): void {
    const heldOut = this.heldOut.result;
    const body = JSON.stringify({ kind: 'log-before-after', ci: 'bootstrap 95%', rows: this.rows, heldOut }, null, 2);
    download('atomgym-results.json', URL.createObjectURL(new Blob([body], { type: 'application/json' })));
  }

  /** Hugging Face layout (config.json, model.safetensors, tokenizer files): loadable by this page, the CLI, HF. */
  private async exportModel(as: 'zip' | 'folder'): Promise<void> {
    if (as === 'folder' && !canWriteFolders()) {
      this.exportNote.textContent = 'this browser cannot write folders: use the .zip export';
      return;
    }
    try {
      const m = await this.src.exportModel(as);
      if (!m) {
        this.exportNote.textContent =
          'no trained weights to export yet (a replay has none; a GRPO run after its first checkpoint)';
        return;
      }
      if (m.zip) {
        download(
          m.name,
          URL.createObjectURL(new Blob([m.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' })),
        );
        this.exportNote.textContent = `${m.name}: the policy at step ${m.step}`;
      } else this.exportNote.textContent = await writeModelFolder(m);
    } catch (e) {
      this.exportNote.textContent = `export failed: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  private async downloadCheckpoint(): Promise<void> {
    const c = await this.src.checkpoint();
    if (c) download(c.name, URL.createObjectURL(new Blob([c.text], { type: 'application/json' })));
  }
}
