// Renders the matmul check's progress and results.
import { h } from './adapter-view.ts';
import type { GpuCheckResult } from '../parity/gpu-check.ts';

export function renderProgress(target: HTMLElement, done: number, total: number): void {
  target.replaceChildren(h('p', { class: 'muted' }, `Checking… ${done}/${total} cases`));
}

export function renderCheck(target: HTMLElement, r: GpuCheckResult): void {
  const table = h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...['case', 'max |error|', 'error / bound', 'result'].map((t) => h('th', {}, t)))),
  );
  const body = h('tbody');
  for (const c of r.cases) {
    body.append(
      h(
        'tr',
        {},
        h('td', {}, c.label),
        h('td', { class: 'num' }, c.maxError.toExponential(2)),
        h('td', { class: 'num' }, c.worstRatio.toFixed(3)),
        h('td', {}, h('span', { class: `badge ${c.pass ? 'ok' : 'bad'}` }, c.pass ? 'pass' : 'FAIL')),
      ),
    );
  }
  table.append(body);
  const s = r.speed;
  target.replaceChildren(
    h(
      'p',
      { class: `note ${r.pass ? 'ok' : 'bad'}` },
      r.pass
        ? `All ${r.cases.length} cases match the float64 reference.`
        : 'Some cases do not match the reference — see the table.',
    ),
    table,
    h(
      'p',
      { class: 'summary' },
      `${s.size}³ matmul (${s.kernel} kernel): ${s.gflops.toFixed(2)} GFLOP/s, median ${s.medianMs.toFixed(1)} ms of ${s.runs} runs`,
    ),
    h(
      'details',
      {},
      h('summary', {}, 'How is the error bound chosen?'),
      h(
        'p',
        {},
        'Inputs are exact fp32 values, so only fp32 rounding while summing K products can differ from the float64 reference. ' +
          'The bound is (K + 3)·2⁻²⁴·Σ|a·b| per element: any correct summation order stays under it; a missing or misplaced term does not.',
      ),
    ),
  );
}

export function renderCheckError(target: HTMLElement, message: string): void {
  target.replaceChildren(h('p', { class: 'note bad' }, h('strong', {}, 'The check failed: '), message));
}
