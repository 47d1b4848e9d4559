// The checkpoint half of the Evaluation tab: any model folder by URL (the shipped base by default) on test-split
// tasks or a pack, scored in the run worker by src/eval as `atomgym eval` scores it in Node — Avg@k with 95% CIs,
// greedy pass@1, the composed scaffold for composite kinds, the best trivial baseline — and the report as JSON.
// `atomgym eval --page` fills the same request through window.atomgym.evaluateCheckpoints.
import type { CheckpointEvalRequest, Estimate } from '../../api/page-state.ts';
import type { EvalReport } from '../../eval/report.ts';
import { parseKinds } from '../../eval/tasks.ts';
import { h } from '../adapter-view.ts';
import { field } from '../train/options-form.ts';
import { download } from './download.ts';

const cell = (e: Estimate | undefined) =>
  !e || e.n === 0 ? '—' : `${e.mean.toFixed(2)} [${e.lo.toFixed(2)}, ${e.hi.toFixed(2)}]`;

export type EvaluateCheckpoints = (r: CheckpointEvalRequest, onNote: (s: string) => void) => Promise<EvalReport[]>;

export class CheckpointEvalView {
  readonly el: HTMLElement;
  reports: EvalReport[] | undefined;
  private readonly model: HTMLInputElement;
  private readonly kinds = h('input', { id: 'ceval-kinds', value: 'atomic' });
  private readonly numbers: Record<'n' | 'k' | 'temperature' | 'maxNewTokens' | 'seed', HTMLInputElement>;
  private readonly button = h('button', { type: 'button', id: 'ceval-run' }, 'Evaluate the model');
  private readonly progress = h('p', { id: 'ceval-progress', class: 'muted' });
  private readonly body = h('div', { id: 'ceval-table' });

  constructor(
    private readonly evaluate: EvaluateCheckpoints,
    defaultModel: string,
  ) {
    const num = (id: string, value: string) => h('input', { id: `ceval-${id}`, type: 'number', value, step: 'any' });
    this.model = h('input', { id: 'ceval-model', value: defaultModel, size: '40' });
    this.numbers = {
      n: num('n', '10'),
      k: num('k', '3'),
      temperature: num('temperature', '0.6'),
      maxNewTokens: num('max-new-tokens', '200'),
      seed: num('seed', '0'),
    };
    this.button.addEventListener('click', () => void this.run(this.readForm()).catch(() => {}));
    this.el = h(
      'section',
      { class: 'checkpoint-eval' },
      h('h3', {}, 'Evaluate a model'),
      h(
        'p',
        { class: 'muted' },
        'A Hugging Face model folder by URL on freshly generated test-split tasks, scored as `atomgym eval` ',
        'scores it: Avg@k at the temperature and greedy pass@1, with bootstrap 95% CIs over tasks, next to the best ',
        'trivial baseline on the same tasks.',
      ),
      h(
        'form',
        { class: 'controls', id: 'ceval-form' },
        field('model URL', this.model, 'a folder with config.json, model.safetensors, tokenizer.json'),
        field('kinds', this.kinds, 'atomic, composite, all, or kind names with commas'),
        field('tasks per kind', this.numbers.n),
        field('k', this.numbers.k, 'samples per task (Avg@k)'),
        field('temperature', this.numbers.temperature),
        field('max new tokens', this.numbers.maxNewTokens),
        field('seed', this.numbers.seed, 'tasks, sampling and bootstrap'),
      ),
      h('div', { class: 'toolbar' }, this.button),
      this.progress,
      this.body,
    );
  }

  private readForm(): CheckpointEvalRequest {
    const int = (name: keyof typeof this.numbers, min: number) => {
      const v = Number(this.numbers[name].value);
      if (!Number.isInteger(v) || v < min) throw new Error(`${name}: expected an integer >= ${min}`);
      return v;
    };
    return {
      models: [new URL(this.model.value, location.href).href],
      kinds: parseKinds(this.kinds.value),
      n: int('n', 1),
      k: int('k', 1),
      temperature: Number(this.numbers.temperature.value),
      maxNewTokens: int('maxNewTokens', 1),
      seed: int('seed', 0),
      composed: true,
    };
  }

  /** Runs the evaluation (the button does the same with the form's values); the table shows the last report. */
  async run(r: CheckpointEvalRequest): Promise<EvalReport[]> {
    this.button.disabled = true;
    this.body.replaceChildren();
    try {
      this.reports = await this.evaluate(r, (s) => (this.progress.textContent = s));
      this.progress.textContent = `done: ${this.reports.map((x) => `${x.wallSeconds.toFixed(0)} s`).join(', ')}`;
      this.render(this.reports);
      return this.reports;
    } catch (e) {
      this.progress.textContent = '';
      this.body.replaceChildren(h('p', { class: 'note warn' }, e instanceof Error ? e.message : String(e)));
      throw e;
    } finally {
      this.button.disabled = false;
    }
  }

  private render(reports: EvalReport[]): void {
    const report = (r: EvalReport) => {
      const k = r.options.k;
      const head = ['kind', 'n', `Avg@${k}`, 'greedy pass@1', `composed Avg@${k}`, 'best trivial baseline'];
      const baseline = (b: EvalReport['summary']['kinds'][number]['bestBaseline']) =>
        b ? `${b.name} ${b.mean.toFixed(2)}` : '—';
      const rows = r.summary.kinds.map((s) =>
        h(
          'tr',
          {},
          h('td', {}, s.kind),
          h('td', { class: 'num' }, String(s.n)),
          h('td', { class: 'num' }, cell(s.avgAtK)),
          h('td', { class: 'num' }, cell(s.passAt1)),
          h('td', { class: 'num' }, cell(s.composed?.avgAtK)),
          h('td', { class: 'num' }, baseline(s.bestBaseline)),
        ),
      );
      const link = h('a', { href: '#', class: 'ceval-download' }, 'report (JSON)');
      link.addEventListener('click', (e) => {
        e.preventDefault();
        const blob = new Blob([JSON.stringify(r, null, 1)], { type: 'application/json' });
        download('eval.json', URL.createObjectURL(blob));
      });
      return h(
        'div',
        { class: 'ceval-report' },
        h('p', { class: 'muted' }, `${r.policy} — ${r.tasks}; T=${r.options.temperature}; `, link),
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ...head.map((x, i) => h('th', i ? { class: 'num' } : {}, x)))),
          h('tbody', {}, ...rows),
        ),
      );
    };
    this.body.replaceChildren(...reports.map(report));
  }
}
