// Localization tasks as packages nobody trained on (src/tasks/surface.ts): packages named after their main export,
// fresh names, and the share of a pool or pack shown that way. Each must stay the same task — the same tests passing
// and failing, the oracle answer earning 1 — and the pool cache must tell a pool made with the option from one
// made without it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskPool } from '../../src/rl/node/setup.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
import { topLevelDeclarations } from '../../src/tasks/rename-identifiers.ts';
import { createRng } from '../../src/tasks/rng.ts';
import { isTestPath } from '../../src/tasks/skills/answer.ts';
import type { LocalizationTask } from '../../src/tasks/skills/localization.ts';
import { expectSameTask as expectSameTaskIn } from './localization-fixtures.ts';
import { asUnseenPackages, packagePaths, packageSurface, unseenPackage } from '../../src/tasks/surface.ts';
import type { TaskBase } from '../../src/tasks/types.ts';

let sandbox: Sandbox;
let tasks: LocalizationTask[];
let reviews: TaskBase[];
beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
  const gen = GENERATORS.localization!;
  tasks = [
    ...((await gen({ split: 'train', n: 3, seed: 21, sandbox, level: 1 })) as LocalizationTask[]),
    ...((await gen({ split: 'train', n: 3, seed: 22, sandbox, level: 3 })) as LocalizationTask[]),
  ];
  reviews = await GENERATORS.review!({ split: 'train', n: 2, seed: 23, sandbox, level: 1 });
}, 120_000);
afterAll(() => sandbox.dispose?.());

const expectSameTask = (before: LocalizationTask, after: LocalizationTask) => expectSameTaskIn(sandbox, before, after);

describe('packagePaths with package names', () => {
  it('names a package as asked (kebab-cased), falls back to the file name when taken, keeps tests', () => {
    const names: Record<string, string> = { 'src/a.js': 'isNumber', 'src/b.js': 'isNumber', 'src/c.js': 'bytes' };
    const moved = packagePaths(['src/a.js', 'src/b.js', 'src/c.js', 'test/a.test.js'], (p) => names[p]);
    expect([...moved.values()]).toEqual([
      'lib/is-number/index.js',
      'lib/b/index.js',
      'lib/bytes/index.js',
      'test/a.test.js',
    ]);
  });
  it('numbers a file whose own name a package named after an export already took', () => {
    const moved = packagePaths(['src/a.js', 'src/bytes.js'], () => 'bytes');
    expect([...moved.values()]).toEqual(['lib/bytes/index.js', 'lib/bytes-2/index.js']);
  });
});

describe('self-named packages', () => {
  it('name each source package after its first export, kebab-cased or run together, and keep the task', async () => {
    const rng = createRng(7);
    for (const task of tasks) {
      const moved = packageSurface(task, rng, { selfNamed: true });
      const packages = Object.keys(moved.repo.files).filter((p) => !isTestPath(p));
      const exported = Object.entries(task.repo.files)
        .filter(([p]) => !isTestPath(p))
        .map(([, src]) => topLevelDeclarations(src).find((d) => d.line.startsWith('export'))?.name);
      const spellings = (n: string) => [n.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase(), n.toLowerCase()];
      const selfNamed = packages.filter((p) =>
        exported.some((n) => n && spellings(n).some((name) => p === `lib/${name}/index.js`)),
      );
      // Every package is named after an export, but where two modules' first exports share a name.
      expect(selfNamed.length).toBeGreaterThanOrEqual(packages.length - 1);
      await expectSameTask(task, moved);
    }
  }, 120_000);
});

describe('unseenPackage', () => {
  it('renames every function and module, lays the repo out as packages and keeps the task', async () => {
    const rng = createRng(8);
    for (const task of tasks) {
      const shown = unseenPackage(task, rng, 1);
      expect(shown.id).toBe(`${task.id}~package`);
      const answer = SKILLS.localization!.oracleAnswer(task).split(':')[0];
      expect(SKILLS.localization!.renderPrompt(shown)).not.toMatch(new RegExp(`\\b${answer}\\b`));
      expect(
        Object.keys(shown.repo.files)
          .filter((p) => !isTestPath(p))
          .every((p) => p.startsWith('lib/')),
      ).toBe(true);
      await expectSameTask(task, shown);
    }
  }, 120_000);
});

describe('asUnseenPackages', () => {
  it('moves the share asked of the localization tasks only, the same way for the same stream', () => {
    const mixed = [...tasks, ...reviews];
    expect(asUnseenPackages(mixed, 0, createRng(1))).toEqual(mixed);
    const all = asUnseenPackages(mixed, 1, createRng(1));
    expect(all.slice(0, tasks.length).every((t) => t.id.endsWith('~package'))).toBe(true);
    expect(all.slice(tasks.length)).toEqual(reviews);
    expect(asUnseenPackages(mixed, 1, createRng(1))).toEqual(all);
    expect(() => asUnseenPackages(mixed, 1.5, createRng(1))).toThrow(/packageSurface must be in \[0, 1\], got 1.5/);
  });

  it('gives word names when asked: a symbol index of verb+noun functions instead of syllables', () => {
    const [worded] = asUnseenPackages(tasks.slice(0, 1), 1, createRng(2), 'words') as LocalizationTask[];
    const functions = Object.entries(worded.repo.files)
      .filter(([p]) => !isTestPath(p))
      .flatMap(([, src]) => topLevelDeclarations(src).map((d) => d.name));
    expect(functions.length).toBeGreaterThan(0);
    for (const name of functions) expect(name).toMatch(/^[a-z]+[A-Z][a-z]+([A-Z][a-z]+)?$/);
    // A name of the `words` style starts with one of its verbs (rename-identifiers.ts), never with syllables.
    const verbs =
      'blend carve churn clasp crank dredge fold forge glean graft hoist knead lace mend mull nudge pluck ' +
      'prune quell rake reel rinse sift skim sling sort splice stitch sway tally tamp thread tilt tuck twist weave ' +
      'whisk wring yank zip';
    const startsWithVerb = (n: string) => verbs.split(' ').some((v) => n.startsWith(v) && /[A-Z]/.test(n[v.length]));
    expect(functions.every(startsWithVerb)).toBe(true);
  });

  it('names functions by one lower-case word when asked, never a reserved one, and keeps the task', async () => {
    expect(asUnseenPackages(tasks, 1, createRng(4), 'syllables', 0, 0)).toEqual(
      asUnseenPackages(tasks, 1, createRng(4)),
    );
    for (const names of ['syllables', 'words'] as const) {
      const moved = asUnseenPackages(tasks, 1, createRng(4), names, 0, 1) as LocalizationTask[];
      for (const [i, t] of moved.entries()) {
        const functions = Object.entries(t.repo.files)
          .filter(([p]) => !isTestPath(p))
          .flatMap(([, src]) => topLevelDeclarations(src).map((d) => d.name));
        for (const name of functions) expect(name).toMatch(/^[a-z]+$/);
        expect(functions).not.toContain('delete');
        await expectSameTask(tasks[i]!, t);
      }
    }
    const self = asUnseenPackages(tasks, 1, createRng(4), 'syllables', 0, 1) as LocalizationTask[];
    // A self-named package of a one-word function lists `name:name/index.js`, as `leven:leven/index.js` does.
    const lines = self.flatMap((t) => SKILLS.localization!.renderPrompt(t).split('\n'));
    expect(lines.some((l) => /^([a-z]+):\1\/index\.js$/.test(l))).toBe(true);
  }, 120_000);

  it('is part of a cached pool: a pool made without it is not reused for a call with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomgym-pool-'));
    try {
      const o = { kinds: ['localization' as const], levels: [1], perKind: 2, seed: 3 };
      const plain = await taskPool(dir, o, () => {});
      expect(plain.every((t) => !t.id.endsWith('~package'))).toBe(true);
      await expect(taskPool(dir, { ...o, packageSurface: 1 }, () => {})).rejects.toThrow(/packageSurface/);
      const moved = await taskPool(join(dir, 'other'), { ...o, packageSurface: 1 }, () => {});
      expect(moved.map((t) => t.id)).toEqual(plain.map((t) => `${t.id}~package`));
      await expect(
        taskPool(join(dir, 'other'), { ...o, packageSurface: 1, packageNames: 'mixed' }, () => {}),
      ).rejects.toThrow(/packageNames/);
      await expect(
        taskPool(join(dir, 'other'), { ...o, packageSurface: 1, packageNeighbors: 4 }, () => {}),
      ).rejects.toThrow(/packageNeighbors/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
