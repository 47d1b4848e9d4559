// Mutation operators: every operator fires on real code, mutants parse, ordering is deterministic.
import { describe, expect, it } from 'vitest';
import { applyMutation, listMutations, MUTATION_OPERATORS, parseModule } from '../../src/tasks/mutate/index.ts';
import { createRng } from '../../src/tasks/rng.ts';
import { FAMILIES } from '../../src/tasks/world/families/index.ts';
import { EXTENDED_FAMILIES } from '../../src/tasks/world/families/extended/index.ts';
import { renderFunction, drawNames } from '../../src/tasks/world/render.ts';

const SAMPLE = `import { clamp } from './util.js';
export function f(xs, n) {
  if (n < 0) return [];
  let total = 0;
  for (let i = 0; i < xs.length; i++) {
    total += xs[i] * 2;
  }
  const sep = ',';
  return n > 3 && total !== 0 ? clamp(total, 0, n) : xs.join(sep);
}
`;

describe('listMutations / applyMutation', () => {
  it('finds each operator kind across the family sources and every mutant parses', () => {
    const seen = new Set<string>();
    const rng = createRng(1);
    for (const family of [...FAMILIES, ...EXTENDED_FAMILIES]) {
      for (let b = 0; b < family.bodies.length; b++) {
        const names = drawNames(family, rng, new Set());
        const source = renderFunction(
          family,
          names,
          { body: b, form: 'decl' },
          rng,
          { sum: 'sum', isDigit: 'isDigit', isUpper: 'isUpper', isVowel: 'isVowel', maxOf: 'maxOf' },
          new Set(),
        );
        const ms = listMutations(source, 'x.js');
        // Parse a sample of each operator's mutants per source (parsing all of them takes tens of seconds).
        const perOperator = new Map<string, number>();
        for (const m of ms) {
          seen.add(m.operator);
          const k = (perOperator.get(m.operator) ?? 0) + 1;
          perOperator.set(m.operator, k);
          if (k <= 2) expect(() => parseModule(applyMutation(source, m), 'mutant.js')).not.toThrow();
        }
      }
    }
    expect([...seen].sort()).toEqual([...MUTATION_OPERATORS].sort());
  });

  it('is deterministic and reports the changed line', () => {
    const a = listMutations(SAMPLE, 'src/a.js');
    const b = listMutations(SAMPLE, 'src/a.js');
    expect(a).toEqual(b);
    const guard = a.find((m) => m.operator === 'missing-guard')!;
    expect(guard.line).toBe(3);
    expect(applyMutation(SAMPLE, guard)).not.toContain('if (n < 0)');
    const swap = a.find((m) => m.operator === 'swap-args')!;
    expect(applyMutation(SAMPLE, swap)).toContain('clamp(0, total, n)');
    const boundary = a.find((m) => m.operator === 'off-by-one' && m.original === '<' && m.line === 5)!;
    expect(applyMutation(SAMPLE, boundary).split('\n')[4]).toContain('i <= xs.length');
  });

  it('never swaps in names that are not in scope, and never touches imports', () => {
    const ms = listMutations(SAMPLE, 'src/a.js');
    for (const m of ms.filter((x) => x.operator === 'wrong-variable')) {
      expect(['xs', 'n', 'total', 'i', 'sep']).toContain(m.replacement);
      if (m.line < 5) expect(m.replacement).not.toBe('i');
    }
    expect(ms.some((m) => m.line === 1)).toBe(false);
  });

  it('rejects a mutation that does not belong to the source, and names the file on a parse error', () => {
    const m = listMutations(SAMPLE, 'src/a.js')[0];
    expect(() => applyMutation(SAMPLE.replace('if (n < 0)', 'if (n < 1)'), m)).toThrow(/does not match/);
    expect(() => listMutations('function (', 'broken.js')).toThrow(/broken\.js/);
  });
});
