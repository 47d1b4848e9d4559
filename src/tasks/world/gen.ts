// Input generators shared by the families: small, JSON-safe values with edge cases.
import type { Rng } from '../rng.ts';

const WORDS = [
  'apple',
  'river',
  'stone',
  'cloud',
  'ember',
  'maple',
  'orbit',
  'pixel',
  'quartz',
  'tiger',
  'umbra',
  'violet',
  'wren',
  'yarrow',
  'zephyr',
  'amber',
  'birch',
  'cedar',
  'delta',
  'echo',
  'fjord',
  'glint',
  'harbor',
  'iris',
  'jade',
  'kite',
  'lumen',
  'moss',
  'nova',
  'opal',
];

export const ints = (r: Rng, n: number, lo: number, hi: number): number[] =>
  Array.from({ length: n }, () => r.int(lo, hi));
export const word = (r: Rng): string => r.pick(WORDS);
export const words = (r: Rng, n: number): string[] => Array.from({ length: n }, () => word(r));
export const sentence = (r: Rng, n: number): string => words(r, n).join(' ');
export const letters = (r: Rng, n: number, alphabet = 'abcdefghij'): string =>
  Array.from({ length: n }, () => alphabet[r.int(0, alphabet.length - 1)]).join('');
export const capitalized = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);
/** A multi-line family body from its lines (keeps family files within 120 columns). */
export const bodyLines = (...lines: string[]): string => lines.join('\n');

/** `count` argument lists from `make`, after the fixed edge cases. */
export function cases(r: Rng, edge: unknown[][], count: number, make: (r: Rng) => unknown[]): unknown[][] {
  const out = edge.slice();
  for (let i = 0; i < count; i++) out.push(make(r));
  return out;
}
