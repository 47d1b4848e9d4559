// Fitting a prompt to a policy's context. A prompt longer than the context used to be cut from the left by the
// sampler, which dropped the chat template's start and the code's first files blindly; a real repo's localization
// prompt (12 files in full, ~6,800 tokens) kept only its last ~800 tokens and the answers were noise
// (results/symbol-index/). Each skill instead renders smaller variants of its own prompt — file contents dropped, a
// window of a file around the lines that matter — and the first that fits is sent. What is dropped is chosen from
// what the policy sees (the names), never from `task.hidden`.
import type { FileMap } from '../../sandbox/types.ts';
import type { PromptFit } from '../types.ts';

/**
 * The first of `count` variants (variant 0 is the full prompt; each later one is no longer than the one before) that
 * `fit` accepts, found by bisection; the last variant when none fits (the sampler then cuts it); variant 0 when
 * there is no `fit`.
 */
export function firstFitting(count: number, render: (variant: number) => string, fit?: PromptFit): string {
  const full = render(0);
  if (!fit || count <= 1 || fit(full)) return full;
  let lo = 1;
  let hi = count - 1;
  let best: string | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const text = render(mid);
    if (fit(text)) {
      best = text;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return best ?? render(count - 1);
}

/**
 * `fit` that remembers whether it turned a prompt down. firstFitting asks about the full prompt first, so a prompt
 * rendered through it was shortened exactly when `refused()`; one per prompt, instead of rendering it twice to compare.
 */
export function watchedFit(fit: PromptFit): { fit: PromptFit; refused: () => boolean } {
  let refused = false;
  return {
    fit: (prompt) => fit(prompt) || ((refused = true), false),
    refused: () => refused,
  };
}

/** Identifiers in `text` at least `min` characters long, once each. */
export function namesIn(text: string, min = 1): Set<string> {
  return new Set((text.match(/[A-Za-z_$][\w$]*/g) ?? []).filter((name) => name.length >= min));
}

/** Identifiers in the `code spans` of a request: the names it quotes (a call, a function), whatever their length. */
function quotedNames(text: string): Set<string> {
  return namesIn((text.match(/`[^`\n]+`/g) ?? []).join(' '));
}

/**
 * `paths` in the order their contents are dropped: first the files that use fewest of the names `query` (the issue,
 * the statement) quotes in code spans, then fewest of its other words of three letters or more, among equals the
 * largest first, so what is kept is what the request points at and as many files as fit.
 */
export function dropOrder(files: FileMap, paths: readonly string[], query: string): string[] {
  const quoted = quotedNames(query);
  const words = namesIn(query, 3);
  const score = new Map<string, number>();
  for (const p of paths) {
    const used = namesIn(files[p] ?? '');
    const base = p
      .split('/')
      .pop()!
      .replace(/\.[^.]*$/, '');
    let s = quoted.has(base) || words.has(base) ? 1 : 0;
    for (const name of quoted) if (used.has(name)) s += 1_000;
    for (const name of words) if (used.has(name)) s++;
    score.set(p, s);
  }
  return [...paths].sort(
    (a, b) => score.get(a)! - score.get(b)! || (files[b]?.length ?? 0) - (files[a]?.length ?? 0) || (a < b ? -1 : 1),
  );
}

/** Line margins around a region, widest first, that windowed variants of a file step through. */
export const WINDOW_MARGINS = [40, 20, 10, 5, 2, 0] as const;

/**
 * Lines `start`–`end` (1-based, inclusive) of `source` with `margin` lines either side; what is left out is marked
 * by a comment naming the lines, so line numbers the prompt states still point at the right code.
 */
export function lineWindow(source: string, start: number, end: number, margin: number): string {
  const lines = source.split('\n');
  const from = Math.max(1, start - margin);
  const to = Math.min(lines.length, end + margin);
  const out: string[] = [];
  if (from > 1) out.push(`// … lines 1-${from - 1} not shown`);
  out.push(...lines.slice(from - 1, to));
  if (to < lines.length) out.push(`// … lines ${to + 1}-${lines.length} not shown`);
  return out.join('\n');
}
