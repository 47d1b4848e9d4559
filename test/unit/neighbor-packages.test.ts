// Other repositories' modules beside a localization task's own (src/tasks/neighbors.ts): the repo grows as real
// ones are, every function is still named once, and the task stays the same task (same test outcomes, the oracle
// earns 1, a wrong file 0), in the world's layout and as an unseen package.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { drawNeighbors, neighborModules, withNeighbors } from '../../src/tasks/neighbors.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
import { topLevelDeclarations } from '../../src/tasks/rename-identifiers.ts';
import { createRng } from '../../src/tasks/rng.ts';
import { isTestPath } from '../../src/tasks/skills/answer.ts';
import type { LocalizationTask } from '../../src/tasks/skills/localization.ts';
import { asUnseenPackages, packageSurface } from '../../src/tasks/surface.ts';
import { expectSameTask } from './localization-fixtures.ts';

let sandbox: Sandbox;
let tasks: LocalizationTask[];
beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
  const gen = GENERATORS.localization!;
  tasks = [
    ...((await gen({ split: 'train', n: 3, seed: 31, sandbox, level: 1 })) as LocalizationTask[]),
    ...((await gen({ split: 'train', n: 3, seed: 32, sandbox, level: 3 })) as LocalizationTask[]),
  ];
}, 120_000);
afterAll(() => sandbox.dispose?.());

const declared = (t: LocalizationTask) =>
  Object.entries(t.repo.files)
    .filter(([p]) => !isTestPath(p))
    .flatMap(([, src]) => topLevelDeclarations(src).map((d) => d.name));
const indexLines = (t: LocalizationTask) =>
  SKILLS.localization!.renderPrompt(t).split('Symbols:\n')[1]!.split('\n\n')[0]!.split('\n');

describe('neighbour modules', () => {
  it('are import-free modules of the donor under fresh names', () => {
    const donor = tasks[4]!;
    const modules = neighborModules(donor, createRng(1), 'syllables');
    expect(modules.length).toBeGreaterThan(0);
    const own = new Set(declared(donor));
    for (const m of modules) {
      expect(m.source).not.toMatch(/^\s*import\b/m);
      for (const d of topLevelDeclarations(m.source)) expect(own.has(d.name)).toBe(false);
    }
  });

  it('grow the repo, name every function once, and keep the task, appended or as files of their own', async () => {
    for (const appendShare of [0, 1]) {
      for (const [i, task] of tasks.entries()) {
        const rng = createRng(10 + i);
        const modules = drawNeighbors(
          tasks.filter((t) => t !== task),
          6,
          rng,
          'syllables',
        );
        const grown = withNeighbors(task, modules, rng, appendShare);
        const names = declared(grown);
        expect(new Set(names).size).toBe(names.length);
        expect(names.length).toBeGreaterThan(declared(task).length);
        if (appendShare === 1) expect(Object.keys(grown.repo.files)).toEqual(Object.keys(task.repo.files));
        await expectSameTask(sandbox, task, grown);
        // Appended after the text, the mutation's offsets still hold: the package surface checks them.
        await expectSameTask(sandbox, task, packageSurface(grown, rng));
      }
    }
  }, 180_000);

  it('leave out a module that would repeat a name already in the repo', () => {
    const task = tasks[0]!;
    const fn = declared(task)[0]!;
    const clash = { name: 'fresh', source: `export function ${fn}(x) {\n  return x;\n}\n` };
    expect(withNeighbors(task, [clash], createRng(1), 0)).toEqual(task);
    expect(withNeighbors(task, [clash], createRng(1), 1)).toEqual(task);
  });
});

describe('asUnseenPackages with neighbours', () => {
  it('makes longer symbol indexes from the other tasks, deterministically, and keeps every task', async () => {
    const plain = asUnseenPackages(tasks, 1, createRng(5)) as LocalizationTask[];
    expect(asUnseenPackages(tasks, 1, createRng(5), 'syllables', 0)).toEqual(plain);
    const grown = asUnseenPackages(tasks, 1, createRng(5), 'syllables', 8) as LocalizationTask[];
    expect(asUnseenPackages(tasks, 1, createRng(5), 'syllables', 8)).toEqual(grown);
    const lines = (ts: LocalizationTask[]) => ts.reduce((n, t) => n + indexLines(t).length, 0);
    expect(lines(grown)).toBeGreaterThan(lines(plain));
    for (const [i, t] of grown.entries()) {
      expect(t.id).toBe(`${tasks[i]!.id}~package`);
      expect(indexLines(t)).toContain(SKILLS.localization!.oracleAnswer(t).split('\n')[0]);
      await expectSameTask(sandbox, tasks[i]!, t);
    }
    expect(() => asUnseenPackages(tasks, 1, createRng(5), 'syllables', 1.5)).toThrow(/packageNeighbors/);
  }, 120_000);
});
