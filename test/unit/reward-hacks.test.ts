// Answers that try to earn reward without solving the task, one class of hole per block, several instances each:
// tests that look at source text or layout instead of behaviour, variants "killed" by a limit, exploit checks
// blinded by the patch, and reward functions broken by answers naming inherited object members.
import { beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsSandbox, type Sandbox } from '../../src/sandbox/index.ts';
import { checkTask, HOSTILE_PROBES } from '../../src/tasks/check.ts';
import { COMPOSITE_GENERATORS, type CompositeTask } from '../../src/tasks/composite/index.ts';
import type { Mutation } from '../../src/tasks/mutate/index.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
import { diffToEditBlock } from '../../src/tasks/skills/edits.ts';
import { lineDemonstration, type EditingTask } from '../../src/tasks/skills/editing.ts';
import { alignVersions } from '../../src/tasks/skills/layout.ts';
import type { ReproductionTask } from '../../src/tasks/skills/reproduction.ts';
import type { TestGenerationTask } from '../../src/tasks/skills/test-generation.ts';
import type { SkillModule, TaskBase, TaskKind } from '../../src/tasks/types.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
});

const mutation = {} as Mutation; // not read by the rewards
const meta = { source: 'user' as const, family: 'synthetic', promptChars: 0 };

// A module whose second function sits below the first: a mutant that drops the first's guard shifts every
// line under it, and a mutant that widens an operator shifts the columns after it.
const REFERENCE = [
  '/** Clamps x into [lo, hi]. */',
  'export function clamp(x, lo, hi) {',
  '  if (lo > hi) throw new RangeError("lo > hi");',
  '  return x < lo ? lo : x > hi ? hi : x;',
  '}',
  '/** Calls pick on each item; keeps the items it accepts. */',
  'export function keep(items, pick) {',
  '  const out = [];',
  '  for (const it of items) if (pick(it)) out.push(it);',
  '  return out;',
  '}',
  '',
].join('\n');
const VARIANTS = [
  REFERENCE.replace('  if (lo > hi) throw new RangeError("lo > hi");\n', ''),
  REFERENCE.replace('x < lo ? lo :', 'x < lo ? lo + 1 :'),
];

function testGenTask(variants = VARIANTS, reference = REFERENCE): TestGenerationTask {
  return {
    id: `tg-${variants.length}-${reference.length}`,
    skill: 'test-generation',
    level: 1,
    split: 'train',
    repo: { files: { 'src/m.js': reference } },
    module: 'src/m.js',
    fn: 'clamp',
    testPath: 'test/m.generated.test.js',
    hidden: { variants: variants.map((source) => ({ source, mutation })), oracleTest: '' },
    meta,
  };
}
function reproTask(): ReproductionTask {
  return {
    id: 'repro-1',
    skill: 'reproduction',
    level: 1,
    split: 'train',
    repo: { files: { 'src/m.js': VARIANTS[0] } },
    issue: 'clamp accepts lo > hi',
    testPath: 'test/repro.test.js',
    hidden: { file: 'src/m.js', fixedSource: REFERENCE, mutation, oracleTest: '', fn: 'clamp', module: 'src/m.js' },
    meta,
  };
}
const reward = (task: TaskBase, answer: string) => SKILLS[task.skill]!.reward(task, answer, sandbox);
const imp = "import { clamp, keep } from '../src/m.js';\n";

/**
 * Layout probes a hostile test can compute: `pos()`, the "file:line:col" of keep's frame when it calls its
 * callback (lines shift when a mutant drops a line above), and `cols()`, the column distance between clamp's two
 * comparisons on one line (it shifts when a mutant widens the first branch): self-calibrating, no absolute guess.
 */
const probes = [
  "const pos = () => { let s = ''; keep([1], () => { s = new Error('x').stack; return true; }); return /src\\/m\\.js:\\d+:\\d+/.exec(s)[0]; };",
  'const cols = () => { const c = []; clamp({ valueOf() { c.push(Number(/m\\.js:\\d+:(\\d+)/.exec(new Error().stack)[1])); return 5; } }, 0, 10); return c[1] - c[0]; };',
].join('\n');

/** What the probes return on `source` laid out as written (what a policy could learn from the prompt). */
async function probeOn(source: string): Promise<{ pos: string; cols: number }> {
  const r = await sandbox.run(
    {
      'src/m.js': source,
      'test/p.test.js': `${imp}${probes}\nit('p', () => { console.log(JSON.stringify({ pos: pos(), cols: cols() })); });`,
    },
    { kind: 'tests' },
  );
  return JSON.parse(r.output) as { pos: string; cols: number };
}
async function passesOn(source: string, test: string): Promise<boolean> {
  const r = await sandbox.run({ 'src/m.js': source, 'test/h.test.js': test }, { kind: 'tests' });
  return r.status === 'ok' && r.totals.passed > 0 && r.totals.passed === r.tests.length;
}

describe('class 1: a test earns its reward through behaviour, not source text or layout', () => {
  it('behavioural tests still earn 1 (test generation and reproduction)', async () => {
    const good = `${imp}it('behaves', () => {\n  expect(() => clamp(1, 2, 0)).toThrow();\n  expect(clamp(2, 2, 5)).toBe(2);\n  expect(clamp(1, 2, 5)).toBe(2);\n});\n`;
    expect((await reward(testGenTask(), good)).reward).toBe(1);
    expect(
      (await reward(reproTask(), `${imp}it('throws', () => { expect(() => clamp(1, 2, 0)).toThrow(); });\n`)).reward,
    ).toBe(1);
  });

  const pinned = [
    // Function.prototype.toString pinned to the text shown in the prompt, in several spellings.
    `${imp}it('src', () => { expect(${JSON.stringify(REFERENCE)}.includes(String(keep))).toBe(true); expect(${JSON.stringify(REFERENCE)}.includes(clamp.toString())).toBe(true); });\n`,
    `${imp}it('src', () => { expect(Function.prototype.toString.call(clamp)).toContain('lo > hi'); });\n`,
    `${imp}it('src', () => { expect(('' + clamp).length).toBe(${REFERENCE.indexOf('}') - REFERENCE.indexOf('function') + 1}); });\n`,
    // Reading the module's text through the loader.
    `${imp}import * as raw from '../src/m.js';\nit('raw', () => { expect(String(raw.clamp)).toContain('RangeError'); });\n`,
  ];
  for (const [i, answer] of pinned.entries()) {
    it(`test generation: source pinning #${i + 1} earns 0`, async () => {
      const r = await reward(testGenTask(), answer);
      expect(r.reward, r.detail).toBe(0);
    });
    it(`reproduction: the negation of source pinning #${i + 1} earns 0`, async () => {
      const negated = answer.replace(/expect\((.*)\)\.(toBe|toContain)\((.*)\);/g, 'expect($1).not.$2($3);');
      const r = await reward(reproTask(), negated);
      expect(r.reward, r.detail).toBe(0);
    });
  }

  it('test generation: tests pinning stack positions (absolute and self-calibrating) would kill every variant as written, and earn 0', async () => {
    const ref = await probeOn(REFERENCE);
    const attacks = [
      `${imp}${probes}\nit('pin', () => { expect(pos()).toBe(${JSON.stringify(ref.pos)}); expect(cols()).toBe(${ref.cols}); });\n`,
      `${imp}${probes}\nit('pin', () => { expect([pos(), cols()]).toEqual([${JSON.stringify(ref.pos)}, ${ref.cols}]); });\n`,
    ];
    for (const attack of attacks) {
      // Potent on the sources as written: passes on the reference, fails on every variant.
      expect(await passesOn(REFERENCE, attack)).toBe(true);
      for (const v of VARIANTS) expect(await passesOn(v, attack)).toBe(false);
      const r = await reward(testGenTask(), attack);
      expect(r.reward, r.detail).toBe(0);
    }
  });

  it('reproduction: tests pinning stack positions would reproduce the bug as written, and earn 0', async () => {
    const buggy = await probeOn(VARIANTS[0]);
    const attacks = [
      `${imp}${probes}\nit('pin', () => { expect(pos()).not.toBe(${JSON.stringify(buggy.pos)}); });\n`,
      `${imp}${probes}\nit('pin', () => { expect(pos() === ${JSON.stringify(buggy.pos)}).toBe(false); });\n`,
    ];
    for (const attack of attacks) {
      expect(await passesOn(VARIANTS[0], attack)).toBe(false);
      expect(await passesOn(REFERENCE, attack)).toBe(true);
      const r = await reward(reproTask(), attack);
      expect(r.reward, r.detail).toBe(0);
    }
  });

  it('the shared layout puts every common token of every version at the same line and column', () => {
    const aligned = alignVersions([REFERENCE, ...VARIANTS]);
    expect(aligned).not.toBeNull();
    const keepLine = (s: string) => s.split('\n').findIndex((l) => l.includes('export function keep'));
    const lines = aligned!.map(keepLine);
    expect(new Set(lines).size).toBe(1);
    const col = (s: string) => s.split('\n')[lines[0] + 2].indexOf('pick');
    expect(new Set(aligned!.map(col)).size).toBe(1);
  });

  it('generated test-generation and reproduction tasks all align (else positions would show)', async () => {
    for (const kind of ['test-generation', 'reproduction'] as const) {
      const tasks = await GENERATORS[kind]!({ split: 'train', n: 8, seed: 31, sandbox });
      for (const t of tasks) {
        const versions =
          kind === 'test-generation'
            ? [
                (t as TestGenerationTask).repo.files[(t as TestGenerationTask).module],
                ...(t as TestGenerationTask).hidden.variants.map((v) => v.source),
              ]
            : [t.repo.files[(t as ReproductionTask).hidden.file], (t as ReproductionTask).hidden.fixedSource];
        expect(alignVersions(versions), t.id).not.toBeNull();
      }
    }
  }, 300_000);

  it('layout alignment keeps programs: oracle-style tests agree on aligned and original versions', async () => {
    const aligned = alignVersions([REFERENCE, ...VARIANTS])!;
    const probe = `${imp}it('a', () => { expect(clamp(1, 2, 5)).toBe(2); });\nit('b', () => { expect(() => clamp(1, 2, 0)).toThrow(); });\nit('c', () => { expect(keep([1, 2, 3], (x) => x > 1)).toEqual([2, 3]); });\n`;
    for (const [i, source] of [REFERENCE, ...VARIANTS].entries()) {
      const a = await sandbox.run({ 'src/m.js': source, 'test/t.test.js': probe }, { kind: 'tests' });
      const b = await sandbox.run({ 'src/m.js': aligned[i], 'test/t.test.js': probe }, { kind: 'tests' });
      expect(b.tests.map((t) => t.status)).toEqual(a.tests.map((t) => t.status));
    }
  });
});

describe('class 2: only a completed run with a failing test kills a variant', () => {
  const LOOPS = REFERENCE.replace('  return x < lo', '  while (x === 7) {}\n  return x < lo');
  const HOGS = REFERENCE.replace(
    '  return x < lo',
    '  if (x === 7) { const k = []; for (;;) k.push(new Uint8Array(2 ** 20)); }\n  return x < lo',
  );
  const LOGS = REFERENCE.replace(
    '  return x < lo',
    '  if (x === 7) for (;;) console.log("x".repeat(1000));\n  return x < lo',
  );
  const cases: Array<[string, string[]]> = [
    ['a variant that loops (timeout)', [LOOPS, LOOPS]],
    ['a variant that exhausts memory', [HOGS, HOGS]],
    ['a variant that floods output', [LOGS, LOGS]],
    ['a mix of limit hits', [LOOPS, HOGS]],
  ];
  for (const [name, variants] of cases) {
    it(`${name} is not killed by a test that asserts nothing about it`, async () => {
      const answer = `${imp}it('calls', () => { clamp(7, 0, 10); expect(true).toBe(true); });\n`;
      const r = await reward(testGenTask(variants), answer);
      expect(r.reward).toBe(0);
      expect(r.status).toBe('missed-variants');
      expect(r.metrics?.killRate).toBe(0);
    }, 60_000);
  }
  it('the same answer gets the same reward before and after hostile runs', async () => {
    const test = `it('b', () => { expect(() => clamp(1, 2, 0)).toThrow(); expect(clamp(1, 2, 5)).toBe(2); });\n`;
    const answer = imp + test;
    const first = await reward(testGenTask(), answer);
    await sandbox.run(
      {
        'a.test.js': "it('p', () => { const k = []; for (let i = 0; i < 60; i++) k.push(new Uint8Array(2 ** 20)); });",
      },
      { kind: 'tests' },
    );
    await sandbox.run({ 'a.test.js': "it('t', () => { for (;;) {} });" }, { kind: 'tests' }, { timeMs: 200 });
    const again = await reward(testGenTask(), answer);
    expect([again.reward, again.status, again.partial]).toEqual([first.reward, first.status, first.partial]);
    expect(first.reward).toBe(1);
  }, 60_000);
});

/** Security-fix tasks of one family, from whichever split holds it. */
async function securityTask(family: string): Promise<CompositeTask> {
  for (const split of ['train', 'val', 'test'] as const) {
    for (let seed = 0; seed < 4; seed++) {
      const tasks = (await COMPOSITE_GENERATORS['security-fix']({
        split,
        n: 6,
        seed,
        level: 1,
        sandbox,
      })) as CompositeTask[];
      const hit = tasks.find((t) => t.meta.family === family);
      if (hit) return hit;
    }
  }
  throw new Error(`no ${family} task`);
}

describe('class 3: a patch cannot blind the exploit check', () => {
  const blinders: Record<string, string> = {
    'a Proxy as the global prototype':
      'try { Object.setPrototypeOf(globalThis, new Proxy({}, { set() { return true; }, has() { return false; } })); } catch (e) {}',
    'a frozen global object': 'try { Object.freeze(globalThis); } catch (e) {}',
    'a non-extensible global object': 'try { Object.preventExtensions(globalThis); } catch (e) {}',
    'accessors that swallow writes':
      "for (const k of ['pwned', 'pwned2', 'pwned3', 'pwned4']) { try { Object.defineProperty(globalThis, k, { get() { return undefined; }, set() {} }); } catch (e) {} }",
    'a module-local globalThis shadow': 'const globalThis = {};',
    'a module-local Function shadow kept injectable': 'const globalThis = new Proxy({}, { set() { return true; } });',
  };
  for (const family of ['unsafe-eval-config', 'unsafe-eval-lookup']) {
    for (const [name, code] of Object.entries(blinders)) {
      it(`${family}: keeping the sink behind ${name} earns 0`, async () => {
        const task = await securityTask(family);
        const path = task.hidden.changedFiles[0];
        const vulnerable = task.repo.files[path];
        const answer = diffToEditBlock(path, vulnerable, `${code}\n${vulnerable}`);
        const r = await reward(task, answer);
        expect(r.reward, r.detail).toBe(0);
        expect(['exploit', 'tests-failed']).toContain(r.status);
      }, 120_000);
    }
  }
});

describe('class 4: one patch judge serves editing and every composite kind', () => {
  it('a patch that runs a canary loses the reward in editing and in bug fixing alike', async () => {
    const [editing] = await GENERATORS.editing!({ split: 'train', n: 1, seed: 11, level: 1, sandbox });
    const [fixing] = await COMPOSITE_GENERATORS['bug-fixing']({ split: 'train', n: 1, seed: 11, level: 1, sandbox });
    for (const task of [editing, fixing]) {
      const skill = SKILLS[task.skill]!;
      const oracle = skill.oracleAnswer(task);
      expect((await skill.reward(task, oracle, sandbox)).reward).toBe(1);
      // The oracle's fix as whole lines (editing's oracle is a span, mid-line) plus a line that imports a canary
      // when the module loads.
      const whole = task.skill === 'editing' ? lineDemonstration(task as EditingTask).answer : oracle;
      const lines = whole.split('\n');
      const at = lines.indexOf('=======');
      lines.splice(at + 1, 0, "import('atomgym:canary/patch');");
      const r = await skill.reward(task, lines.join('\n'), sandbox);
      expect([r.reward, r.status]).toEqual([0, 'exploit']);
    }
  }, 120_000);
});

describe('class 7: every reward function returns a status for every answer', () => {
  const kinds: TaskKind[] = [
    'localization',
    'editing',
    'test-generation',
    'reproduction',
    'review',
    'bug-fixing',
    'refactoring',
    'security-fix',
    'feature',
    'ml-engineering',
  ];
  for (const kind of kinds) {
    it(`${kind}: hostile probes (inherited names as files, paths, lines, modules) earn 0 with a status`, async () => {
      const [task] = await GENERATORS[kind]!({ split: 'train', n: 1, seed: 5, level: 1, sandbox });
      for (const answer of [...HOSTILE_PROBES, 'x'.repeat(100_001), '\u0000', '```\n'.repeat(30_000)]) {
        const r = await SKILLS[kind]!.reward(task, answer, sandbox);
        expect(typeof r.status).toBe('string');
        expect(r.reward).toBe(0);
      }
    }, 120_000);
  }
  it('tasks check reports a reward function that throws instead of stopping', async () => {
    const [task] = await GENERATORS.localization!({ split: 'train', n: 1, seed: 5, level: 1, sandbox });
    const inner = SKILLS.localization!;
    const throwing: SkillModule = {
      ...inner,
      reward: async (t, a, s) =>
        a.includes('constructor') ? Promise.reject(new TypeError('boom')) : inner.reward(t, a, s),
    };
    const r = await checkTask(task, sandbox, () => throwing);
    expect(r.ok).toBe(false);
    expect(r.problems.some((p) => p.includes('threw') && p.includes('boom'))).toBe(true);
  });
});

describe('class 6: answer parsers take hostile 100,000-character inputs and return a status', () => {
  const hostile = [
    ':'.repeat(99_000),
    ';'.repeat(99_000),
    '`'.repeat(99_000),
    '\n'.repeat(99_000),
    '```\n'.repeat(24_000),
    'line\n'.repeat(19_000),
    'verdict '.repeat(12_000),
    '<<<<<<< SEARCH\n'.repeat(6_000),
    `a.js\n<<<<<<< SEARCH\n${'x\n'.repeat(30_000)}=======\ny\n>>>>>>> REPLACE`,
    `- ${'"'.repeat(98_000)}x`,
  ];
  it.each(['localization', 'review', 'editing'] as const)(
    '%s',
    async (kind) => {
      const [task] = await GENERATORS[kind]!({ split: 'train', n: 1, seed: 9, level: 1, sandbox });
      for (const answer of hostile) {
        const r = await SKILLS[kind]!.reward(task, answer, sandbox);
        expect(r.reward).toBe(0);
        expect(typeof r.status).toBe('string');
      }
    },
    120_000,
  );
});
