// Wires the run worker to the page: controls → worker; each StepRecord → charts, inspector, explainer, eval view;
// reload → restore from OPFS (charts included) and Resume continues from the last complete checkpoint.
import { proxy } from 'comlink';
import type {
  CheckpointEvalRequest,
  HeldOutRequest,
  HeldOutResult,
  RunPageState,
  RunResults,
} from '../../api/page-state.ts';
import type { EvalReport } from '../../eval/report.ts';
import type { StepRecord } from '../../rl/types.ts';
import { ATOMIC_SKILLS } from '../../tasks/types.ts';
import type { RunStatus } from '../../worker/driver.ts';
import type { DriverSource } from '../../worker/drivers.ts';
import { spawnRunWorker } from '../../worker/run-worker.ts';
import { h } from '../adapter-view.ts';
import { EvalView } from '../eval/eval-view.ts';
import { Explainer } from '../explainer/explainer.ts';
import { Inspector } from '../inspector/inspector.ts';
import { ChartBoard } from './charts.ts';
import { OptionsForm } from './options-form.ts';

/** The shipped base policy's folder (public/base), served next to the page. */
const shippedBaseUrl = () => new URL(`${import.meta.env.BASE_URL}base/`, location.origin).href;

export interface RunViewTargets {
  controls: HTMLElement;
  charts: HTMLElement;
  inspector: HTMLElement;
  explainer: HTMLElement;
  evaluation: HTMLElement;
}

export class RunView {
  readonly state: RunPageState = { status: 'idle', step: 0, steps: 0 };
  private readonly worker = spawnRunWorker();
  private readonly form = new OptionsForm();
  private readonly charts: ChartBoard;
  private readonly inspector: Inspector;
  private readonly explainer: Explainer;
  private readonly evalView: EvalView;
  private readonly statusLine = h('p', { id: 'run-status', class: 'run-status' }, 'idle');
  private readonly buttons: Record<'start' | 'pause' | 'resume' | 'stop', HTMLButtonElement>;
  private log: StepRecord[] = [];
  /** After a reload the worker has no live driver: Resume then continues the stored run. */
  private live = false;
  private frame = 0;

  constructor(
    t: RunViewTargets,
    private readonly stepMs?: number,
  ) {
    const b = (id: string, label: string) => h('button', { type: 'button', id: `run-${id}` }, label);
    this.buttons = {
      start: b('start', 'Start'),
      pause: b('pause', 'Pause'),
      resume: b('resume', 'Resume'),
      stop: b('stop', 'Stop'),
    };
    t.controls.replaceChildren(
      this.form.el,
      h('div', { class: 'toolbar run-buttons' }, ...Object.values(this.buttons)),
      this.statusLine,
    );
    this.charts = new ChartBoard(t.charts);
    this.inspector = new Inspector(t.inspector, ATOMIC_SKILLS);
    this.explainer = new Explainer(t.explainer);
    this.evalView = new EvalView(t.evaluation, {
      log: () => this.log,
      charts: () => this.charts.pngs(),
      checkpoint: () => this.worker.api.checkpointFile(),
      exportModel: (as) => this.worker.api.exportModel(as),
      logText: () => this.worker.api.logText(),
      heldOut: (o) => this.worker.api.evaluateHeldOut(o),
      evaluateCheckpoints: (r, onNote) => this.worker.api.evaluateCheckpoints(r, proxy(onNote)),
      baseModelUrl: shippedBaseUrl(),
    });
    this.buttons.start.addEventListener('click', () => void this.start());
    this.buttons.pause.addEventListener('click', () => {
      void this.worker.api.pause().then(() => this.setStatus('paused'));
    });
    this.buttons.resume.addEventListener('click', () => void this.resume());
    this.buttons.stop.addEventListener('click', () => void this.worker.api.stop());
    void this.worker.api.subscribe(
      proxy({
        onStep: (r: StepRecord) => this.onStep(r),
        onStatus: (s: RunStatus, note?: string) => this.setStatus(s, note),
      }),
    );
    this.setStatus('idle');
  }

  /** Looks for a stored run in OPFS and shows it (charts, inspector); URL parameters may then start a new one. */
  async restore(): Promise<void> {
    const r = await this.worker.api.restore();
    try {
      const params = new URLSearchParams(location.search);
      if (await this.form.applyUrl(params)) {
        // Started once: a reload of this tab restores the stored run instead of starting another.
        params.delete('start');
        history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}`);
        return await this.start();
      }
    } catch (e) {
      return this.fail(e);
    }
    // A run started while OPFS was being read owns the page now: the stored one must not overwrite its state.
    if (!r || this.live) return;
    this.form.show(r.meta.options, r.meta.source.kind);
    this.state.maxSteps = r.meta.options.max_steps;
    this.state.metrics = r.log.at(-1)?.metrics;
    this.log = r.log;
    this.state.step = r.step;
    this.state.steps = r.log.length;
    this.charts.set(r.log.map((x) => x.metrics));
    this.state.driver = `${r.meta.source.kind} of ${r.meta.source.name}`;
    this.setStatus('restored', `restored from OPFS at step ${r.step} — Resume continues from its last checkpoint`);
    this.refreshViews();
  }

  results(): RunResults {
    return { rows: this.evalView.results(), heldOut: this.evalView.heldOut.result, charts: this.charts.pngs() };
  }

  /** Base vs trained on held-out tasks, shown in the Evaluation tab. */
  evaluateHeldOut(o?: HeldOutRequest): Promise<HeldOutResult> {
    return this.evalView.heldOut.run(o);
  }

  /** Model folders by URL on the same tasks, shown in the Evaluation tab (`atomgym eval --page`). */
  evaluateCheckpoints(r: CheckpointEvalRequest): Promise<EvalReport[]> {
    return this.evalView.checkpointEval.run(r);
  }

  /** Views that are not live-updated every step (inspector, explainer, eval) redraw on demand. */
  refreshViews(): void {
    this.inspector.set(this.log);
    this.inspector.render();
    const last = this.log.at(-1);
    if (last) this.explainer.use(last);
    this.evalView.refresh();
  }

  private async start(): Promise<void> {
    try {
      const options = this.form.readOptions();
      const source = this.runSource();
      this.log = [];
      this.charts.set([]);
      this.state.step = 0; // a new run starts from 0: the last run's count must not read as this one's progress
      this.state.maxSteps = options.max_steps;
      this.live = true;
      this.state.driver = await this.worker.api.start(source, options);
    } catch (e) {
      this.fail(e);
    }
  }

  /** What the form asks for: GRPO from the shipped base (served from public/base/) or a folder, or a replay. */
  private runSource(): DriverSource {
    if (this.form.driverKind() === 'grpo') {
      const base = shippedBaseUrl();
      return { kind: 'grpo', policy: this.form.policyOrigin(base), poolPerKind: this.form.poolPerKind() };
    }
    const src = this.form.replayText;
    if (!src) throw new Error('saved run: pick a StepRecord log (.jsonl) to replay');
    return { kind: 'replay', name: src.name, text: src.text, stepMs: this.stepMs };
  }

  private async resume(): Promise<void> {
    try {
      if (this.live) await this.worker.api.resume();
      else {
        this.live = true;
        this.state.driver = await this.worker.api.continueStored(this.stepMs);
      }
      this.setStatus('running');
    } catch (e) {
      this.fail(e);
    }
  }

  private onStep(r: StepRecord): void {
    this.log.push(r);
    this.charts.push(r.metrics);
    this.state.step = r.metrics.step;
    this.state.steps = this.log.length;
    this.state.metrics = r.metrics;
    // Heavier views redraw at most once a frame, and only the visible one.
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.refreshVisible());
    this.renderStatus();
  }

  private refreshVisible(): void {
    this.inspector.set(this.log);
    if (document.querySelector('#tab-inspector:not([hidden])')) this.inspector.render();
    if (document.querySelector('#tab-explainer:not([hidden])') && !this.explainer.hasGroup() && this.log.length) {
      this.explainer.use(this.log[this.log.length - 1]);
    }
  }

  private fail(e: unknown): void {
    this.state.error = e instanceof Error ? e.message : String(e);
    this.setStatus('failed', this.state.error);
  }

  private setStatus(s: RunPageState['status'], note?: string): void {
    this.state.status = s;
    if (note) this.state.driver = s === 'failed' ? this.state.driver : note;
    if (s === 'failed' && note) this.state.error = note;
    const busy = s === 'running' || s === 'paused';
    this.buttons.start.disabled = busy;
    this.buttons.pause.disabled = s !== 'running';
    this.buttons.resume.disabled = s !== 'paused' && s !== 'restored';
    this.buttons.stop.disabled = !busy;
    this.renderStatus();
  }

  private renderStatus(): void {
    const s = this.state;
    const steps = s.steps ? `step ${s.step} (${s.steps} logged)` : '';
    const parts = [s.status, steps, s.driver ?? '', s.error && s.status === 'failed' ? s.error : ''];
    this.statusLine.textContent = parts.filter(Boolean).join(' · ');
    this.statusLine.className = `run-status ${s.status}`;
  }
}
