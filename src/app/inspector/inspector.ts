// The rollout inspector: for a chosen step, each group's prompt and its completions with reward, status, sandbox
// output, advantage and a per-token log-prob heat strip; filters by skill and by reward.
import type { RolloutRecord, StepRecord } from '../../rl/types.ts';
import { h } from '../adapter-view.ts';
import { heatStrip, logprobColor } from './heat-strip.ts';

export interface InspectorFilter {
  skill: string;
  reward: 'all' | 'pass' | 'fail';
}

export function groupsOf(record: StepRecord, f: InspectorFilter): RolloutRecord[][] {
  const groups = new Map<number, RolloutRecord[]>();
  for (const r of record.rollouts) {
    if (f.skill !== 'all' && r.skill !== f.skill) continue;
    if (f.reward === 'pass' && !(r.reward >= 0.5)) continue;
    if (f.reward === 'fail' && r.reward >= 0.5) continue;
    groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  }
  return [...groups.values()];
}

function completionRow(r: RolloutRecord): HTMLElement {
  const badge = h('span', { class: `badge ${r.reward >= 0.5 ? 'ok' : 'bad'}` }, `reward ${r.reward}`);
  const adv = h('span', { class: `adv ${r.advantage >= 0 ? 'pos' : 'neg'}` }, `A = ${r.advantage.toFixed(2)}`);
  return h(
    'div',
    { class: 'completion' },
    h(
      'div',
      { class: 'completion-head' },
      badge,
      ' ',
      adv,
      ' ',
      h('code', {}, r.status),
      r.truncated ? ' (truncated)' : '',
    ),
    heatStrip(r.tokens, r.logprobs, logprobColor, (v) => `log-prob ${v.toFixed(2)}`),
    h(
      'details',
      {},
      h('summary', {}, 'completion and sandbox output'),
      h('pre', {}, r.completion),
      h('pre', { class: 'sandbox-output' }, r.detail || '(no output)'),
    ),
  );
}

export class Inspector {
  private records: StepRecord[] = [];
  private readonly stepInput: HTMLInputElement;
  private readonly skill: HTMLSelectElement;
  private readonly reward: HTMLSelectElement;
  private readonly body: HTMLElement;
  private readonly stepLabel: HTMLElement;

  constructor(target: HTMLElement, skills: readonly string[]) {
    this.stepInput = h('input', { type: 'range', id: 'inspector-step', min: '0', max: '0', value: '0' });
    this.skill = h(
      'select',
      { id: 'inspector-skill' },
      h('option', { value: 'all' }, 'all skills'),
      ...skills.map((s) => h('option', { value: s }, s)),
    );
    this.reward = h(
      'select',
      { id: 'inspector-reward' },
      h('option', { value: 'all' }, 'any reward'),
      h('option', { value: 'pass' }, 'reward ≥ 0.5'),
      h('option', { value: 'fail' }, 'reward < 0.5'),
    );
    this.stepLabel = h('span', { id: 'inspector-step-label' }, 'no steps yet');
    this.body = h('div', { id: 'inspector-body' });
    target.replaceChildren(
      h('div', { class: 'toolbar' }, h('label', {}, 'step ', this.stepInput), this.stepLabel, this.skill, this.reward),
      this.body,
    );
    for (const el of [this.stepInput, this.skill, this.reward]) el.addEventListener('input', () => this.render());
  }

  set(records: readonly StepRecord[]): void {
    const atEnd = Number(this.stepInput.value) >= this.records.length - 1;
    this.records = [...records];
    this.stepInput.max = String(Math.max(0, this.records.length - 1));
    if (atEnd) this.stepInput.value = this.stepInput.max;
  }

  /** Shows the step at `index` of the records (default: the one the slider points at). */
  render(index = Number(this.stepInput.value)): void {
    const rec = this.records[index];
    if (!rec) {
      this.body.replaceChildren(h('p', { class: 'muted' }, 'Start or resume a run to see its rollouts.'));
      return;
    }
    this.stepInput.value = String(index);
    this.stepLabel.textContent = `step ${rec.metrics.step} (${index + 1} of ${this.records.length})`;
    const f = { skill: this.skill.value, reward: this.reward.value as InspectorFilter['reward'] };
    const groups = groupsOf(rec, f);
    this.body.replaceChildren(
      ...(groups.length
        ? groups.map((g) =>
            h(
              'article',
              { class: 'group' },
              h('h3', {}, `group ${g[0].group} · ${g[0].skill} · ${g[0].taskId}`),
              h('details', {}, h('summary', {}, 'prompt'), h('pre', {}, g[0].prompt)),
              ...g.map(completionRow),
            ),
          )
        : [h('p', { class: 'muted' }, 'No completion matches the filters.')]),
    );
  }
}
