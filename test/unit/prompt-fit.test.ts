// Fitting prompts to a context (src/tasks/skills/fit.ts): the bisection over a skill's shortened variants, the drop
// order, file windows, and on the shipped real-code pack (prompts up to ~6,800 tokens) what each skill keeps.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dropOrder, firstFitting, lineWindow, watchedFit } from '../../src/tasks/skills/fit.ts';
import { readPack } from '../../src/tasks/pack.ts';
import { SKILLS } from '../../src/tasks/registry.ts';
import { isTestPath } from '../../src/tasks/skills/answer.ts';
import type { TaskBase } from '../../src/tasks/types.ts';
import { renderStep, SCAFFOLDS } from '../../src/tasks/composite/scaffold.ts';
import type { CompositeTask } from '../../src/tasks/composite/types.ts';

const pack = readPack(readFileSync('public/packs/realcode.jsonl', 'utf8'), 'realcode.jsonl');
const render = (t: TaskBase, fit?: (p: string) => boolean) => SKILLS[t.skill]!.renderPrompt(t, fit);
/** About 900 tokens of this tokenizer (~2.3 characters each); most real-code prompts are longer. */
const CHARS = 2_000;
const fitsChars = (p: string) => p.length <= CHARS;
const ofKind = (kind: string) => pack.filter((t) => t.skill === kind);

describe('firstFitting', () => {
  const variants = ['x'.repeat(50), 'x'.repeat(40), 'x'.repeat(30), 'x'.repeat(20), 'x'.repeat(10)];
  it('returns the largest variant that fits, rendering only a logarithmic number of them', () => {
    const rendered: number[] = [];
    const out = firstFitting(
      variants.length,
      (v) => (rendered.push(v), variants[v]),
      (p) => p.length <= 25,
    );
    expect(out.length).toBe(20);
    expect(rendered.length).toBeLessThanOrEqual(4);
  });
  it('returns the full prompt without a fit or when it fits, and the smallest when none does', () => {
    expect(firstFitting(variants.length, (v) => variants[v])).toBe(variants[0]);
    expect(
      firstFitting(
        variants.length,
        (v) => variants[v],
        () => true,
      ),
    ).toBe(variants[0]);
    expect(
      firstFitting(
        variants.length,
        (v) => variants[v],
        () => false,
      ),
    ).toBe(variants[4]);
  });
});

describe('watchedFit', () => {
  it('tells whether a rendered prompt was shortened, without rendering it twice', () => {
    const t = pack.find((x) => x.id === 'realcode-ms-1-localization')!;
    const tight = watchedFit(fitsChars);
    expect(render(t, tight.fit)).not.toBe(render(t));
    expect(tight.refused()).toBe(true);
    const loose = watchedFit(() => true);
    expect(render(t, loose.fit)).toBe(render(t));
    expect(loose.refused()).toBe(false);
  });
});

describe('dropOrder', () => {
  it('drops files sharing fewest names with the request first, the larger of equals first', () => {
    const files = {
      'src/a.js': 'export function parseDate(s) { return s; }',
      'src/b.js': 'export function other(x) { return x + 1; } // a longer file than c',
      'src/c.js': 'export function third(y) { return y; }',
    };
    expect(dropOrder(files, Object.keys(files), 'parseDate("x") throws')).toEqual(['src/b.js', 'src/c.js', 'src/a.js']);
  });
});

describe('dropOrder by quoted names', () => {
  it('keeps the file using a name the request quotes in a code span last, however short the name', () => {
    const files = {
      'lib/ms/index.js': 'module.exports = function ms(val) { return val; };',
      'lib/words.js': 'export function words(s) { /* returns what it should, and throws */ return s; }',
    };
    expect(dropOrder(files, Object.keys(files), '`ms(60000)` throws, but it should: it returns "1m".')).toEqual([
      'lib/words.js',
      'lib/ms/index.js',
    ]);
  });
});

describe('lineWindow', () => {
  it('keeps the stated lines with their margin and names the lines left out', () => {
    const source = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n');
    expect(lineWindow(source, 8, 10, 2).split('\n')).toEqual([
      '// … lines 1-5 not shown',
      ...[6, 7, 8, 9, 10, 11, 12].map((i) => `line ${i}`),
      '// … lines 13-20 not shown',
    ]);
    expect(lineWindow(source, 1, 20, 5)).toBe(source);
  });
});

describe('skills fitted to a context (shipped real-code pack)', () => {
  it('render the full prompt when it fits, and never read hidden to shorten one', () => {
    for (const t of pack) {
      expect(
        render(t, () => true),
        t.id,
      ).toBe(render(t));
      // Composite skills check the shape of `hidden` before rendering: they get a decoy of that shape instead.
      const decoy = { tests: {}, testCount: 0, oracle: '', negatives: [] };
      const trap = new Proxy({}, { get: () => expect.fail(`${t.id}: read hidden`) });
      const blind = { ...t, hidden: 'statement' in t ? decoy : trap };
      expect(render(blind, fitsChars), t.id).toBe(render(t, fitsChars));
    }
  });

  it('localization keeps the tree, the symbol index and the issue; every prompt fits', () => {
    for (const t of ofKind('localization')) {
      const full = render(t);
      const fitted = render(t, fitsChars);
      expect(full.length).toBeGreaterThan(CHARS);
      expect(fitted.length, t.id).toBeLessThanOrEqual(CHARS);
      expect(fitted).toContain(full.slice(full.indexOf('Symbols:\n')));
      for (const path of Object.keys(t.repo.files).filter((p) => !isTestPath(p))) expect(fitted).toContain(path);
    }
  });

  it('localization narrows a file too long to keep whole to the declaration the issue quotes', () => {
    const t = pack.find((x) => x.id === 'realcode-ms-1-localization')!;
    expect((t as TaskBase & { issue: string }).issue).toContain('`ms(60000)`');
    const fitted = render(t, fitsChars);
    expect(fitted.length).toBeLessThanOrEqual(CHARS);
    expect(fitted).toContain('--- lib/ms/index.js\n');
    expect(fitted).toContain('module.exports = function (val, options) {');
    expect(fitted).toMatch(/^\/\/ … lines \d+-161 not shown$/m);
  });

  it('reproduction and bug fixing keep the request and name every file', () => {
    for (const t of [...ofKind('reproduction'), ...ofKind('bug-fixing')]) {
      const fitted = render(t, fitsChars);
      const { issue, statement } = t as TaskBase & { issue?: string; statement?: string };
      const request = issue ?? statement;
      expect(fitted.length, t.id).toBeLessThanOrEqual(CHARS);
      expect(fitted).toContain(request);
      for (const path of Object.keys(t.repo.files).filter((p) => !isTestPath(p))) expect(fitted).toContain(path);
    }
  });

  it('editing keeps every line of the stated location', () => {
    let windowed = 0;
    for (const t of ofKind('editing')) {
      const e = t as TaskBase & { file: string; location: { startLine: number; endLine: number } };
      const fitted = render(t, fitsChars);
      if (fitted !== render(t)) windowed++;
      const lines = t.repo.files[e.file].split('\n').slice(e.location.startLine - 1, e.location.endLine);
      for (const line of lines) expect(fitted, t.id).toContain(line);
    }
    expect(windowed).toBeGreaterThan(0);
  });
});

describe('composed scaffold steps fitted to a context', () => {
  it("shed the repo listing's contents, keeping the statement and every file's name", () => {
    let shortened = 0;
    for (const t of ofKind('bug-fixing') as CompositeTask[]) {
      const reproduce = SCAFFOLDS['bug-fixing'].steps[0];
      const full = renderStep(reproduce, t, {})!;
      const fitted = renderStep(reproduce, t, {}, fitsChars)!;
      expect(renderStep(reproduce, t, {}, () => true)).toBe(full);
      if (fitted !== full) shortened++;
      expect(fitted.length, t.id).toBeLessThanOrEqual(CHARS);
      expect(fitted).toContain(t.statement);
      for (const path of Object.keys(t.repo.files)) expect(fitted).toContain(path);
    }
    expect(shortened).toBeGreaterThan(0);
  });
});
