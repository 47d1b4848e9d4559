// The procedural world: breadth, equivalent styles (checked by running), disjoint splits, determinism.
import { beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { createRng } from '../../src/tasks/rng.ts';
import { CATEGORIES } from '../../src/tasks/world/family.ts';
import { FAMILIES, FAMILY_SPLIT, familiesFor } from '../../src/tasks/world/families/index.ts';
import { EXTENDED_FAMILIES } from '../../src/tasks/world/families/extended/index.ts';
import { HELPER_FAMILIES, helpersUsed } from '../../src/tasks/world/helpers.ts';
import { outcomeLiteral, probe, sameOutcome, type ProbeCall } from '../../src/tasks/world/probe.ts';
import { renderTestFile } from '../../src/tasks/world/tests.ts';
import { runTestFiles } from '../../src/tasks/skills/run.ts';
import { drawNames, renderFunction } from '../../src/tasks/world/render.ts';
import { GENERATORS } from '../../src/tasks/registry.ts';
import { writePack } from '../../src/tasks/pack.ts';
import { ATOMIC_SKILLS } from '../../src/tasks/types.ts';
import { unifiedDiff } from '../../src/tasks/world/diff.ts';
import { ACTUAL_MAX_CHARS, actualLiteral, issueText } from '../../src/tasks/world/issue.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
});

const HELPER_NAMES = Object.fromEntries(HELPER_FAMILIES.map((h) => [h.name, h.name]));

describe('function families', () => {
  it('has at least 50 families over every category, with unique names', () => {
    expect(FAMILIES.length).toBeGreaterThanOrEqual(50);
    expect(new Set(FAMILIES.map((f) => f.name)).size).toBe(FAMILIES.length);
    for (const c of CATEGORIES) expect(FAMILIES.some((f) => f.category === c)).toBe(true);
  });

  it('every style of every family behaves the same on its inputs (run in the sandbox)', async () => {
    const rng = createRng(11);
    const util = HELPER_FAMILIES.map((h) =>
      renderFunction(h, { ...drawNames(h, rng, new Set()), fn: h.name }, { body: 0, form: 'decl' }, rng, {}, new Set()),
    ).join('\n\n');
    for (const family of [...FAMILIES, ...EXTENDED_FAMILIES, ...HELPER_FAMILIES]) {
      const names = drawNames(family, rng, new Set(Object.keys(HELPER_NAMES)));
      const files: Record<string, string> = { 'util.js': util };
      const calls: ProbeCall[] = [];
      // Many draws of the random cases: a difference may show on a few inputs only (-0 against 0, say).
      const inputs = Array.from({ length: 40 }, (_, seed) => family.inputs(createRng(seed))).flat();
      family.bodies.forEach((body, b) => {
        const helpers = helpersUsed(body);
        const imports = helpers.length > 0 ? `import { ${helpers.join(', ')} } from './util.js';\n` : '';
        for (const form of ['decl', 'arrow'] as const) {
          const path = `b${b}${form}.js`;
          files[path] =
            imports + renderFunction(family, { ...names, locals: {} }, { body: b, form }, rng, HELPER_NAMES, new Set());
          for (const args of inputs) calls.push({ module: path, fn: names.fn, args });
        }
      });
      const result = await probe(sandbox, files, calls, 30_000);
      expect(result.ok, `${family.name}: ${result.ok ? '' : result.message}`).toBe(true);
      if (!result.ok) continue;
      const n = inputs.length;
      for (let k = n; k < calls.length; k++) {
        const same = sameOutcome(result.outcomes[k], result.outcomes[k % n]);
        expect(same, `${family.name}: ${calls[k].module} differs from b0decl on ${JSON.stringify(calls[k].args)}`).toBe(
          true,
        );
      }
    }
  });
});

describe('splits', () => {
  it('assigns every family to exactly one split, each split covering several categories', () => {
    const splits = ['train', 'val', 'test'] as const;
    const total = splits.reduce((a, s) => a + familiesFor(s).length, 0);
    expect(total).toBe(FAMILIES.length);
    for (const s of splits) expect(new Set(familiesFor(s).map((f) => f.category)).size).toBe(CATEGORIES.length);
    expect(FAMILY_SPLIT.size).toBe(FAMILIES.length);
  });

  it('generates test-split tasks only from test families and train tasks never from held-out ones', async () => {
    const test = await GENERATORS.localization!({ split: 'test', n: 3, seed: 1, sandbox });
    for (const t of test) expect(FAMILY_SPLIT.get(t.meta.family)).toBe('test');
    const train = await GENERATORS.localization!({ split: 'train', n: 4, seed: 1, level: 4, sandbox });
    for (const t of train) {
      const family = t.meta.family.replace(/^helper:/, '');
      if (!t.meta.family.startsWith('helper:')) expect(FAMILY_SPLIT.get(family)).toBe('train');
    }
  });
});

describe('extended families (train-only)', () => {
  it('are new names, train-only, and leave the core split assignment alone', () => {
    expect(EXTENDED_FAMILIES.length).toBeGreaterThanOrEqual(40);
    const core = new Set(FAMILIES.map((f) => f.name));
    const fnNames = new Set(FAMILIES.flatMap((f) => f.names));
    for (const f of EXTENDED_FAMILIES) {
      expect(core.has(f.name), f.name).toBe(false);
      for (const n of f.names) expect(fnNames.has(n), `${f.name}: ${n}`).toBe(false);
      expect(FAMILY_SPLIT.has(f.name)).toBe(false);
    }
    expect(new Set(EXTENDED_FAMILIES.map((f) => f.name)).size).toBe(EXTENDED_FAMILIES.length);
    expect(familiesFor('train', 'extended')).toEqual([...familiesFor('train'), ...EXTENDED_FAMILIES]);
    for (const split of ['val', 'test'] as const) expect(familiesFor(split, 'extended')).toEqual(familiesFor(split));
  });

  it('train tasks draw on them with --families extended; held-out tasks are the same either way', async () => {
    const extended = new Set(EXTENDED_FAMILIES.map((f) => f.name));
    const train = await GENERATORS.editing!({
      split: 'train',
      n: 12,
      seed: 3,
      level: 1,
      sandbox,
      families: 'extended',
    });
    expect(train.some((t) => extended.has(t.meta.family))).toBe(true);
    const core = await GENERATORS.editing!({ split: 'train', n: 12, seed: 3, level: 1, sandbox });
    expect(core.some((t) => extended.has(t.meta.family))).toBe(false);
    for (const kind of ['localization', 'review'] as const) {
      const a = await GENERATORS[kind]!({ split: 'test', n: 2, seed: 5, level: 1, sandbox, families: 'extended' });
      const b = await GENERATORS[kind]!({ split: 'test', n: 2, seed: 5, level: 1, sandbox });
      expect(writePack(a)).toBe(writePack(b));
    }
  });
});

describe('probe outcomes JSON cannot carry', () => {
  // A mutant can return a closure or a bigint; JSON.stringify drops the one (the outcome read as {}) and throws on
  // the other, and an issue quoting `undefined` crashed task generation.
  const source =
    "export function make(k) { return k === 1 ? () => k : k === 2 ? Symbol('s') : k === 3 ? 10n ** 20n : [k]; }\n";
  it('keeps a function, a symbol and a bigint, quotes them and writes tests that pass on them', async () => {
    const calls = [1, 2, 3, 4].map((k) => ({ module: 'src/a.js', fn: 'make', args: [k] }));
    const result = await probe(sandbox, { 'src/a.js': source }, calls);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.outcomes).toEqual([{ f: 'function' }, { f: 'symbol' }, { n: '100000000000000000000n' }, { v: [4] }]);
    expect(result.outcomes.map(outcomeLiteral)).toEqual(['[function]', '[symbol]', '100000000000000000000n', '[4]']);
    const symptom = { fn: 'make', family: FAMILIES[0], args: [1], expected: { v: [1] }, actual: result.outcomes[0] };
    expect(issueText({ ...symptom, testPath: 'test/a.test.js' }, 'failing-example', createRng(1))).toContain(
      'Actual: `[function]`',
    );
    const cases = calls.map((c, i) => ({ fn: c.fn, args: c.args, outcome: result.outcomes[i] }));
    const files = { 'src/a.js': source, 'test/a.test.js': renderTestFile('../src/a.js', cases) };
    const run = await runTestFiles(sandbox, files, ['test/a.test.js']);
    expect(run).toMatchObject({ status: 'ok', passed: 4, notPassed: 0 });
  });
});

describe('issue texts', () => {
  it('quote a huge wrong value by its ends and its length, so the issue fits a pack line', () => {
    const huge = { v: '0'.repeat(70_610) + '70615' };
    const quoted = actualLiteral(huge);
    expect(quoted.length).toBeLessThanOrEqual(ACTUAL_MAX_CHARS);
    expect(quoted).toMatch(/^"0+… \(70,617 characters\) …0+70615"$/);
    expect(actualLiteral({ v: [1, 2] })).toBe('[1,2]');
    const symptom = { fn: 'pad', family: FAMILIES[0], args: [70615, 1], expected: { v: '70615' }, actual: huge };
    for (const style of ['failing-example', 'stack-trace', 'behavioural'] as const)
      expect(issueText({ ...symptom, testPath: 'test/a.test.js' }, style, createRng(1)).length).toBeLessThan(1_000);
  });
});

describe('unified diff', () => {
  it('prints hunks with correct ranges, deletions before insertions', () => {
    const a = 'a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n';
    const b = 'a\nb\nC\nd\ne\nf\ng\nh\nI\nj\nk\n';
    expect(unifiedDiff('x.js', a, b, 1)).toBe(
      [
        '--- a/x.js',
        '+++ b/x.js',
        '@@ -2,3 +2,3 @@',
        ' b',
        '-c',
        '+C',
        ' d',
        '@@ -8,4 +8,5 @@',
        ' h',
        '-i',
        '+I',
        ' j',
        '+k',
        ' ',
      ].join('\n'),
    );
    expect(unifiedDiff('x.js', a, a)).toBe('');
  });
});

describe('generation', () => {
  it('is deterministic: the same seed gives an identical pack', async () => {
    const a = await GENERATORS.editing!({ split: 'train', n: 2, seed: 42, sandbox });
    const b = await GENERATORS.editing!({ split: 'train', n: 2, seed: 42, sandbox });
    expect(writePack(a)).toBe(writePack(b));
    const c = await GENERATORS.editing!({ split: 'train', n: 2, seed: 43, sandbox });
    expect(writePack(c)).not.toBe(writePack(a));
  });

  it('level 1: one short function per module; localization chooses among six same-category modules', async () => {
    for (const skill of ATOMIC_SKILLS) {
      const tasks = await GENERATORS[skill]!({ split: 'train', n: 8, seed: 7, level: 1, sandbox });
      for (const t of tasks) {
        expect(t.level).toBe(1);
        expect(t.meta.promptChars, `${t.id}`).toBeGreaterThan(0);
        const sources = Object.keys(t.repo.files).filter((p) => !p.includes('test'));
        expect(sources.length, t.id).toBe(skill === 'localization' ? 6 : 1);
        for (const p of sources) expect(t.repo.files[p].match(/^export /gm)?.length, `${t.id} ${p}`).toBe(1);
        if (skill === 'localization') expect(new Set(sources.map((p) => p.split('/').pop())).size).toBe(6);
      }
    }
  });
});
