// Renders the adapter report (or what to do when there is no WebGPU) into the page.
import type { AdapterReport } from '../gpu/device.ts';

const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
) => {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
};
export { h };

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const yesNo = (v: boolean) => h('span', { class: `badge ${v ? 'ok' : 'warn'}` }, v ? 'yes' : 'no');

export function renderAdapter(target: HTMLElement, r: AdapterReport): void {
  const name = [r.vendor, r.architecture].filter(Boolean).join(' · ') || 'unknown';
  const rows: Array<[string, Node | string]> = [
    ['adapter', name],
    ['description', r.description || r.device || '—'],
    ['kind', h('span', { class: `badge ${r.isFallback ? 'warn' : 'ok'}` }, r.isFallback ? 'CPU fallback' : 'GPU')],
    ['shader-f16', yesNo(r.shaderF16)],
    ['subgroups', yesNo(r.subgroups)],
    ['timestamp-query', yesNo(r.timestampQuery)],
    ['max storage binding', mib(r.limits.maxStorageBufferBindingSize)],
    ['max buffer', mib(r.limits.maxBufferSize)],
    ['workgroup storage', `${(r.limits.maxComputeWorkgroupStorageSize / 1024).toFixed(0)} KiB`],
    ['invocations / workgroup', String(r.limits.maxComputeInvocationsPerWorkgroup)],
  ];
  const dl = h('dl');
  for (const [k, v] of rows) dl.append(h('dt', {}, k), h('dd', {}, v));
  target.replaceChildren(dl);
  if (r.isFallback) {
    target.append(
      h(
        'p',
        { class: 'note warn' },
        "This is a CPU fallback adapter (e.g. SwiftShader): results are correct but slow. Rollouts use onnxruntime-web's wasm backend here; " +
          'for real speed open the page in Chrome or Edge on a machine with a GPU and hardware acceleration on (check chrome://gpu).',
      ),
    );
  }
  if (!r.shaderF16) target.append(h('p', { class: 'muted' }, 'No shader-f16: kernels run in fp32.'));
}

export function renderNoWebGpu(target: HTMLElement, message: string): void {
  target.replaceChildren(
    h('p', { class: 'note bad' }, h('strong', {}, 'No WebGPU. '), message),
    h('p', { class: 'muted' }, 'From a terminal, `npx atomgym gpu` shows what headless Chromium gets on this machine.'),
  );
}
