// A completion's tokens as a strip of cells coloured by value: log-probs (how sure the sampler was) in the
// inspector, signed push weights in the explainer. The value is in each cell's title.
import { h } from '../adapter-view.ts';

const MAX_TOKENS = 240;

/** Log-prob 0 → pale, −8 or lower → deep red. */
export function logprobColor(lp: number): string {
  const t = Math.min(1, Math.max(0, -lp / 8));
  return `hsl(8 80% ${Math.round(96 - t * 50)}%)`;
}

/** Signed weight: green up, red down, intensity by |w| / scale. */
export function signedColor(w: number, scale: number): string {
  const t = scale > 0 ? Math.min(1, Math.abs(w) / scale) : 0;
  return `hsl(${w >= 0 ? 130 : 5} 70% ${Math.round(96 - t * 46)}%)`;
}

export function heatStrip(
  tokens: readonly string[],
  values: readonly number[],
  color: (v: number) => string,
  label: (v: number, index: number) => string,
): HTMLElement {
  const strip = h('div', { class: 'heat-strip' });
  tokens.slice(0, MAX_TOKENS).forEach((tok, i) => {
    const text = tok.replace(/\n/g, '⏎').replace(/ /g, '·') || '∅';
    const cell = h('span', { class: 'tok', title: `${JSON.stringify(tok)} ${label(values[i], i)}` }, text);
    cell.style.background = color(values[i]);
    strip.append(cell);
  });
  const more = tokens.length - MAX_TOKENS;
  if (more > 0) strip.append(h('span', { class: 'muted' }, ` … ${more} more`));
  return strip;
}
