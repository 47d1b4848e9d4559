// The classroom explainer: one GRPO step taken apart on a real group from the run — the prompt, the G answers,
// their rewards, the group's mean and spread, the advantages, which tokens get pushed up or down and how hard, and
// how far each token's probability really moved (the loop measures the explained group after its update). Forward /
// back through seven stages; arithmetic on the logged group, so it needs no GPU.
import type { RolloutRecord, StepRecord } from '../../rl/types.ts';
import { h } from '../adapter-view.ts';
import { heatStrip, signedColor } from '../inspector/heat-strip.ts';
import { groupStats, meanLogprobChange, prob, tokenWeight } from './grpo-math.ts';

export const STAGES = [
  'The prompt',
  'G answers sampled from the policy',
  'Rewards from really running the code',
  'Group mean and spread',
  'Advantages: better or worse than the group',
  'Which tokens are pushed, and how hard',
  'What the update actually did',
] as const;

const fmt = (x: number, d = 2) => x.toFixed(d);
const meanProb = (lps: readonly number[]) =>
  lps.length ? fmt(lps.reduce((a, l) => a + prob(l), 0) / lps.length, 3) : '—';

/** The most instructive group of a step: rewards that differ (else every advantage is 0). */
export function pickGroup(rec: StepRecord): RolloutRecord[] {
  const groups = new Map<number, RolloutRecord[]>();
  for (const r of rec.rollouts) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  const all = [...groups.values()];
  return all.find((g) => new Set(g.map((r) => r.reward)).size > 1) ?? all[0] ?? [];
}

function stageBody(stage: number, group: RolloutRecord[]): HTMLElement[] {
  const rewards = group.map((r) => r.reward);
  const { mean, std, advantages } = groupStats(rewards);
  const out: HTMLElement[] = [h('pre', { class: 'explain-prompt' }, group[0].prompt.slice(0, 1200))];
  if (stage >= 1) {
    out.push(
      h(
        'ol',
        { class: 'answers' },
        ...group.map((r, i) =>
          h(
            'li',
            { class: 'answer' },
            h('pre', {}, r.completion.slice(0, 400)),
            stage >= 2
              ? h('span', { class: `badge ${r.reward >= 0.5 ? 'ok' : 'bad'}` }, `reward ${r.reward} · ${r.status}`)
              : '',
            stage >= 4
              ? h(
                  'span',
                  { class: `adv ${advantages[i] >= 0 ? 'pos' : 'neg'}` },
                  ` A = (${r.reward} − ${fmt(mean)}) / ${fmt(std)} = ${fmt(advantages[i])}`,
                )
              : '',
          ),
        ),
      ),
    );
  }
  if (stage >= 3) {
    out.push(
      h(
        'p',
        { class: 'explain-stats', id: 'explain-stats' },
        `mean reward ${fmt(mean)}, spread (std) ${fmt(std)}`,
        std === 0 ? ' — every answer scored the same, so this group teaches nothing (GRPO drops it).' : '',
      ),
    );
  }
  if (stage >= 5) {
    const weights = group.map((r, i) => tokenWeight(advantages[i], r.tokens.length));
    const scale = Math.max(...weights.map(Math.abs), 1e-9);
    out.push(
      h(
        'p',
        { class: 'muted' },
        'Green tokens become more likely, red less; darker means a bigger push ',
        "(weight A/|o| on each token's log-prob). How far a probability actually moves also depends on the model's ",
        'gradient and the learning rate.',
      ),
    );
    group.forEach((r, i) =>
      out.push(
        h(
          'div',
          { class: 'push' },
          h('strong', {}, `answer ${i + 1}: `),
          heatStrip(
            r.tokens,
            r.tokens.map(() => weights[i]),
            (w) => signedColor(w, scale),
            (w) => `weight ${w.toExponential(2)}`,
          ),
          h('span', { class: 'muted' }, ` mean sampler p per token ${meanProb(r.logprobs)}`),
        ),
      ),
    );
  }
  if (stage >= 6) out.push(...movedBody(group, advantages));
  return out;
}

/** Measured probability changes of the group's tokens across the step's update, as heat strips. */
function movedBody(group: RolloutRecord[], advantages: number[]): HTMLElement[] {
  const moved = group.map((r) => r.moved);
  if (moved.some((m) => m === undefined)) {
    const why =
      'Not measured for this group: only a GRPO step run here records it (a replayed or SFT run, or a step whose ' +
      'update was skipped, has no before/after).';
    return [h('p', { class: 'muted', id: 'explain-moved-note' }, why)];
  }
  const deltas = moved.map((m) => m!.after.map((a, t) => prob(a) - prob(m!.before[t])));
  const scale = Math.max(...deltas.flat().map(Math.abs), 1e-9);
  const side = (positive: boolean) => {
    const xs = moved.flatMap((m, i) => (advantages[i] > 0 === positive ? [meanLogprobChange(m!)] : []));
    return xs.length ? fmt(xs.reduce((a, b) => a + b, 0) / xs.length, 4) : '—';
  };
  const out = [
    h(
      'p',
      { id: 'explain-moved' },
      `Measured after the update, mean change in log-probability per token: answers with A > 0 ${side(true)}, `,
      `answers with A < 0 ${side(false)}. Green: the token became more likely; red: less.`,
    ),
  ];
  group.forEach((r, i) => {
    const m = r.moved!;
    out.push(
      h(
        'div',
        { class: 'moved' },
        h('strong', {}, `answer ${i + 1} (A = ${fmt(advantages[i])}): `),
        heatStrip(
          r.tokens,
          deltas[i],
          (d) => signedColor(d, scale),
          (d, t) => `p ${fmt(prob(m.before[t]), 3)} → ${fmt(prob(m.after[t]), 3)} (${d >= 0 ? '+' : ''}${fmt(d, 3)})`,
        ),
      ),
    );
  });
  return out;
}

export class Explainer {
  private stage = 0;
  private group: RolloutRecord[] = [];
  private readonly body = h('div', { id: 'explain-body' });
  private readonly title = h('h3', { id: 'explain-stage' });
  private readonly source = h('p', { class: 'muted', id: 'explain-source' });

  constructor(target: HTMLElement) {
    const back = h('button', { type: 'button', id: 'explain-back' }, '◀ Back');
    const next = h('button', { type: 'button', id: 'explain-next' }, 'Next ▶');
    back.addEventListener('click', () => this.go(this.stage - 1));
    next.addEventListener('click', () => this.go(this.stage + 1));
    target.replaceChildren(this.source, h('div', { class: 'toolbar' }, back, this.title, next), this.body);
    this.go(0);
  }

  /** Takes the group to explain from a step of the run. */
  use(rec: StepRecord): void {
    this.group = pickGroup(rec);
    const g = this.group[0];
    this.source.textContent = g
      ? `step ${rec.metrics.step}, group ${g.group} (${g.skill}, ${g.taskId}), G = ${this.group.length}`
      : '';
    this.go(0);
  }

  hasGroup(): boolean {
    return this.group.length > 0;
  }

  go(stage: number): void {
    this.stage = Math.max(0, Math.min(STAGES.length - 1, stage));
    this.title.textContent = `Stage ${this.stage + 1} of ${STAGES.length}: ${STAGES[this.stage]}`;
    if (!this.group.length) {
      const hint = 'Start, resume or replay a run: the explainer uses its latest step.';
      this.body.replaceChildren(h('p', { class: 'muted' }, hint));
      return;
    }
    this.body.replaceChildren(...stageBody(this.stage, this.group));
  }
}
