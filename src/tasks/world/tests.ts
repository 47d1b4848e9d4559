// Test files in the jest-style globals the sandbox provides (describe / it / expect), from executed cases.
import type { Outcome } from './probe.ts';

export interface TestCase {
  fn: string;
  args: unknown[];
  outcome: Outcome;
}

export function callText(fn: string, args: readonly unknown[]): string {
  return `${fn}(${args.map((a) => JSON.stringify(a)).join(', ')})`;
}

export function expectation(c: TestCase): string {
  const call = callText(c.fn, c.args);
  const o = c.outcome;
  if ('t' in o) return `expect(() => ${call}).toThrow();`;
  if ('l' in o) throw new Error(`${call} loops: such cases are never turned into tests`);
  if ('u' in o) return `expect(${call}).toBe(undefined);`;
  if ('n' in o) return `expect(${call}).toBe(${o.n});`;
  if ('f' in o) return `expect(typeof (${call})).toBe('${o.f}');`;
  const v = o.v;
  if (v !== null && typeof v === 'object') return `expect(${call}).toEqual(${JSON.stringify(v)});`;
  return `expect(${call}).toBe(${JSON.stringify(v)});`;
}

/** One test file: an import line, then a describe block per function with one `it` per case. */
export function renderTestFile(importPath: string, cases: readonly TestCase[]): string {
  const fns = [...new Set(cases.map((c) => c.fn))];
  const blocks = fns.map((fn) => {
    const its = cases
      .filter((c) => c.fn === fn)
      .map((c, i) => `  it('case ${i + 1}', () => {\n    ${expectation(c)}\n  });`)
      .join('\n');
    return `describe('${fn}', () => {\n${its}\n});`;
  });
  return `import { ${fns.join(', ')} } from '${importPath}';\n\n${blocks.join('\n\n')}\n`;
}

/** Relative import from a test file to a module, e.g. test/a.test.js → src/a.js gives '../src/a.js'. */
export function relativeImport(fromFile: string, toFile: string): string {
  const from = fromFile.split('/').slice(0, -1);
  const to = toFile.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.length - common;
  const rest = to.slice(common).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

/** The file a relative import names from `fromFile` (relativeImport's inverse; no extension or index lookup). */
export function resolveRelativeImport(fromFile: string, spec: string): string {
  const parts = fromFile.split('/').slice(0, -1);
  for (const seg of spec.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/** The shortest test file for `cases`: an import line and one test holding one expectation per case. */
export function renderMinimalTest(importPath: string, cases: readonly TestCase[]): string {
  const fns = [...new Set(cases.map((c) => c.fn))];
  const body = cases.map((c) => `  ${expectation(c)}`).join('\n');
  return `import { ${fns.join(', ')} } from '${importPath}';\n\ntest('${fns.join(', ')}', () => {\n${body}\n});\n`;
}

/**
 * The shortest test file in namespace form: `import * as m from …`, a fixed title, then `m.fn(…)` expectations. Its
 * first function name is where the call is, so an answer in this form copies an issue's call whole instead of
 * naming the function in an import line first (the reproduction demonstrations; results/copy-drills/README.md §8).
 */
export function renderNamespaceTest(importPath: string, cases: readonly TestCase[]): string {
  const body = cases.map((c) => `  ${expectation({ ...c, fn: `${NAMESPACE_ALIAS}.${c.fn}` })}`).join('\n');
  return `import * as ${NAMESPACE_ALIAS} from '${importPath}';\n\ntest('reproduces the issue', () => {\n${body}\n});\n`;
}

/** The module alias of renderNamespaceTest (task renaming treats `m.name` as the function `name`). */
export const NAMESPACE_ALIAS = 'm';

/**
 * The fewest cases whose expectations together kill every mutant (greedy set cover: the case that kills the most
 * mutants not yet killed, ties to the shorter expectation; then redundant picks are dropped).
 * `killers[m]` lists the case indices mutant m changes.
 */
export function coverMutants(killers: ReadonlyArray<readonly number[]>, cases: readonly TestCase[]): number[] {
  const open = new Set(killers.map((_, m) => m));
  const chosen: number[] = [];
  while (open.size > 0) {
    let best = -1;
    let bestGain = 0;
    for (let i = 0; i < cases.length; i++) {
      if (chosen.includes(i)) continue;
      const gain = [...open].filter((m) => killers[m].includes(i)).length;
      if (
        gain > bestGain ||
        (gain === bestGain && gain > 0 && expectation(cases[i]).length < expectation(cases[best]).length)
      ) {
        best = i;
        bestGain = gain;
      }
    }
    if (best < 0) throw new Error(`coverMutants: ${open.size} mutant(s) are killed by no case`);
    chosen.push(best);
    for (const m of [...open]) if (killers[m].includes(best)) open.delete(m);
  }
  // Greedy picks can become redundant once later picks cover their mutants: drop those (longest first), so no
  // expectation of the result can be removed without letting a mutant live.
  const byLength = [...chosen].sort((x, y) => expectation(cases[y]).length - expectation(cases[x]).length);
  for (const c of byLength) {
    const rest = chosen.filter((x) => x !== c);
    if (killers.every((k) => k.some((i) => rest.includes(i)))) chosen.splice(chosen.indexOf(c), 1);
  }
  return chosen.sort((x, y) => x - y);
}
