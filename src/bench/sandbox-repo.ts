// The representative small repository the sandbox bench runs: three modules (one CommonJS, named .cjs so
// real Node agrees) plus a helper, and one test file with 20 tests, like a level-2/3 procedural task.
import type { FileMap } from '../sandbox/types.ts';

export const BENCH_TEST_FILE = 'test/text.test.js';

export const BENCH_REPO: FileMap = {
  'src/strings.js': `/** Collapses runs of whitespace and trims. */
export function squish(s) { return s.replace(/\\s+/g, ' ').trim(); }
/** Title-cases each word. */
export function titleCase(s) { return squish(s).split(' ').map((w) => w ? w[0].toUpperCase() + w.slice(1).toLowerCase() : w).join(' '); }
/** Counts occurrences of a substring (non-overlapping). */
export function countOf(s, sub) { if (!sub) return 0; let n = 0, i = 0; while ((i = s.indexOf(sub, i)) !== -1) { n++; i += sub.length; } return n; }
`,
  'src/stats.js': `import { squish } from './strings.js';
/** Arithmetic mean; NaN for an empty list. */
export function mean(xs) { return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN; }
/** Median of a copy. */
export function median(xs) { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; }
/** Word frequencies, most frequent first, ties alphabetical. */
export function wordFreq(text) {
  const counts = new Map();
  for (const w of squish(text).toLowerCase().split(' ')) if (w) counts.set(w, (counts.get(w) || 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
`,
  'src/validate.cjs': `const { countOf } = require('./util.cjs');
/** True for a plausible e-mail address. */
function isEmail(s) { return typeof s === 'string' && /^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$/i.test(s); }
/** Throws a TypeError unless every key is present. */
function requireKeys(obj, keys) { for (const k of keys) if (!(k in obj)) throw new TypeError('missing key: ' + k); return true; }
exports.isEmail = isEmail;
exports.requireKeys = requireKeys;
exports.atCount = (s) => countOf(s, '@');
`,
  'src/util.cjs': `exports.countOf = (s, sub) => s.split(sub).length - 1;\n`,
  [BENCH_TEST_FILE]: `import { squish, titleCase, countOf } from '../src/strings.js';
import { mean, median, wordFreq } from '../src/stats.js';
import { isEmail, requireKeys, atCount } from '../src/validate.cjs';
describe('strings', () => {
  it('squish collapses whitespace', () => { expect(squish('  a \\t b\\n')).toBe('a b'); });
  it('squish keeps single words', () => { expect(squish('word')).toBe('word'); });
  it('titleCase', () => { expect(titleCase('hello   wORLD')).toBe('Hello World'); });
  it('titleCase empty', () => { expect(titleCase('')).toBe(''); });
  it('countOf', () => { expect(countOf('abababa', 'aba')).toBe(2); });
  it('countOf empty needle', () => { expect(countOf('abc', '')).toBe(0); });
});
describe('stats', () => {
  it('mean', () => { expect(mean([1, 2, 3, 4])).toBe(2.5); });
  it('mean empty', () => { expect(mean([])).toBeNaN(); });
  it('median odd', () => { expect(median([3, 1, 2])).toBe(2); });
  it('median even', () => { expect(median([4, 1, 3, 2])).toBe(2.5); });
  it('median keeps input', () => { const xs = [3, 1, 2]; median(xs); expect(xs).toEqual([3, 1, 2]); });
  it('wordFreq', () => { expect(wordFreq('b a b c a b')).toEqual([['b', 3], ['a', 2], ['c', 1]]); });
  it('wordFreq empty', () => { expect(wordFreq('   ')).toEqual([]); });
  it('mean close', () => { expect(mean([0.1, 0.2])).toBeCloseTo(0.15, 5); });
});
describe('validate', () => {
  it('isEmail ok', () => { expect(isEmail('a@b.io')).toBe(true); });
  it('isEmail bad', () => { expect(isEmail('a@b')).toBe(false); expect(isEmail(42)).toBeFalsy(); });
  it('requireKeys ok', () => { expect(requireKeys({ a: 1, b: 2 }, ['a', 'b'])).toBe(true); });
  it('requireKeys throws', () => { expect(() => requireKeys({ a: 1 }, ['a', 'b'])).toThrow(TypeError); expect(() => requireKeys({}, ['x'])).toThrow('missing key: x'); });
  it('atCount', () => { expect(atCount('a@b@c')).toBe(2); });
  it('async', async () => { const v = await Promise.resolve(mean([2, 4])); expect(v).toStrictEqual(3); });
});
`,
};
