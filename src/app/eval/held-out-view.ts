// The held-out half of the Evaluation tab: one button evaluates the base policy and the policy trained so far on the
// same test-split tasks in the run worker (src/worker/held-out.ts) and shows Avg@k with 95% CIs per skill, the change,
// and the best trivial baseline on those tasks, so a gain can be told from a constant answer.
import type { Estimate, HeldOutRequest, HeldOutResult } from '../../api/page-state.ts';
import { h } from '../adapter-view.ts';

const cell = (e: Estimate) => (e.n === 0 ? '—' : `${e.mean.toFixed(2)} [${e.lo.toFixed(2)}, ${e.hi.toFixed(2)}]`);
const signed = (x: number) => (Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${x.toFixed(2)}` : '—');

export class HeldOutView {
  readonly el: HTMLElement;
  private readonly button = h('button', { type: 'button', id: 'eval-heldout' }, 'Evaluate base vs trained (held-out)');
  private readonly body = h('div', { id: 'heldout-table' });
  result: HeldOutResult | undefined;

  constructor(private readonly evaluate: (o?: HeldOutRequest) => Promise<HeldOutResult>) {
    this.button.addEventListener('click', () => void this.run().catch(() => {}));
    this.el = h(
      'section',
      { class: 'heldout' },
      h('h3', {}, 'Held-out tasks: base vs trained'),
      h(
        'p',
        { class: 'muted' },
        'Test-split tasks the run never trains on, answered by the base policy and by the policy as trained so far ',
        '(pause or stop the run first). Avg@k at the sampling temperature with bootstrap 95% CIs over tasks.',
      ),
      this.button,
      this.body,
    );
  }

  /** Runs the evaluation (the button does the same); the table shows the result or the error. */
  async run(o?: HeldOutRequest): Promise<HeldOutResult> {
    this.button.disabled = true;
    this.body.replaceChildren(h('p', { class: 'muted' }, 'evaluating … (progress in the status line)'));
    try {
      this.result = await this.evaluate(o);
      this.render(this.result);
      return this.result;
    } catch (e) {
      this.body.replaceChildren(h('p', { class: 'note warn' }, e instanceof Error ? e.message : String(e)));
      throw e;
    } finally {
      this.button.disabled = false;
    }
  }

  private render(r: HeldOutResult): void {
    const head = ['skill', `base Avg@${r.k}`, `trained Avg@${r.k}`, 'change', 'best trivial baseline'];
    this.body.replaceChildren(
      h('p', { class: 'muted' }, `${r.tasks}; T=${r.temperature}; ${r.seconds.toFixed(0)} s`),
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ...head.map((x, i) => h('th', i ? { class: 'num' } : {}, x)))),
        h(
          'tbody',
          {},
          ...r.rows.map((x) =>
            h(
              'tr',
              {},
              h('td', {}, x.kind),
              h('td', { class: 'num' }, cell(x.base)),
              h('td', { class: 'num' }, cell(x.trained)),
              h('td', { class: 'num' }, signed(x.trained.mean - x.base.mean)),
              h('td', { class: 'num' }, x.baseline ? `${x.baseline.name} ${x.baseline.mean.toFixed(2)}` : '—'),
            ),
          ),
        ),
      ),
    );
  }
}
