// Localization's two-hop form (src/tasks/world/facade.ts): at levels 4–5 an issue may name a facade's wrapper, whose
// fix is in the file of the function it calls. The facade must really delegate (same results in the sandbox), be
// shown in the prompt, and the task must check (oracle 1, negative controls 0) as it is, renamed and as packages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { checkTask } from '../../src/tasks/check.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
import { renameTaskIdentifiers } from '../../src/tasks/rename-identifiers.ts';
import { createRng } from '../../src/tasks/rng.ts';
import type { LocalizationTask } from '../../src/tasks/skills/localization.ts';
import { symbolIndex } from '../../src/tasks/skills/symbols.ts';
import { packageSurface } from '../../src/tasks/surface.ts';
import { buildFacade, FACADE_NAMES } from '../../src/tasks/world/facade.ts';
import { familiesFor } from '../../src/tasks/world/families/index.ts';
import { allModules, buildRepo, sourceFiles } from '../../src/tasks/world/repo.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
}, 60_000);
afterAll(() => sandbox.dispose?.());

const WRAPPER = /export function (\w+)\(([^)]*)\) \{\n {2}return (\w+)\(\2\);\n\}/g;

const facadePath = (files: Record<string, string>) =>
  Object.keys(files).find((p) => FACADE_NAMES.some((n) => p.endsWith(`/${n}.js`)));

describe('buildFacade', () => {
  it('wraps functions of several modules under synonyms that call them with the same results', async () => {
    const rng = createRng(3);
    let checked = 0;
    for (let i = 0; i < 4; i++) {
      const families = familiesFor('train');
      const repo = buildRepo({ level: 4, target: rng.pick(families), fillers: families, extra: [] }, rng);
      const about = repo.modules[0].functions[0];
      const facade = buildFacade(repo, about, rng);
      if (!facade) continue;
      const sources = sourceFiles(repo);
      expect(sources[facade.path]).toBeUndefined();
      const wrappers = [...facade.source.matchAll(WRAPPER)].map((m) => ({ alias: m[1], impl: m[3] }));
      expect(wrappers.length).toBeGreaterThanOrEqual(2);
      expect(wrappers.find((w) => w.alias === facade.alias)?.impl).toBe(about.names.fn);
      const functions = allModules(repo).flatMap((m) => m.functions);
      const lines: string[] = [`import * as api from '../${facade.path}';`];
      for (const [k, w] of wrappers.entries()) {
        const fn = functions.find((f) => f.names.fn === w.impl)!;
        expect(fn.family.names).toContain(w.alias);
        expect(functions.some((f) => f.names.fn === w.alias)).toBe(false);
        lines.push(`import * as m${k} from '../${fn.file}';`);
        for (const args of fn.family.inputs(createRng(k)).slice(0, 4)) {
          const list = JSON.stringify(args).slice(1, -1);
          lines.push(`test('${w.alias} ${k}', () => {`);
          lines.push(`  let a, b;`);
          lines.push(`  try { a = JSON.stringify(api.${w.alias}(${list})); } catch (e) { a = 'throws'; }`);
          lines.push(`  try { b = JSON.stringify(m${k}.${w.impl}(${list})); } catch (e) { b = 'throws'; }`);
          lines.push(`  expect(a).toBe(b);`);
          lines.push('});');
        }
      }
      const run = await sandbox.run(
        { ...sources, [facade.path]: facade.source, 'test/facade.test.js': lines.join('\n') },
        {
          kind: 'tests',
          files: ['test/facade.test.js'],
        },
      );
      expect(run.status, run.message).toBe('ok');
      expect(run.tests.length).toBeGreaterThan(0);
      for (const t of run.tests) expect(t.status, `${t.name}: ${t.message}`).toBe('passed');
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  }, 120_000);
});

describe('localization tasks with a facade', () => {
  let tasks: LocalizationTask[];
  beforeAll(async () => {
    const gen = GENERATORS.localization!;
    tasks = [];
    for (const [split, level] of [
      ['train', 4],
      ['test', 5],
    ] as const)
      tasks.push(...((await gen({ split, n: 8, seed: 21, level, sandbox })) as LocalizationTask[]));
  }, 180_000);

  it('name a wrapper in the facade and put the fix in the file of the function it calls', async () => {
    const withFacade = tasks.filter((t) => facadePath(t.repo.files) !== undefined);
    expect(withFacade.some((t) => t.split === 'train')).toBe(true);
    expect(withFacade.some((t) => t.split === 'test')).toBe(true);
    expect(withFacade.length).toBeLessThan(tasks.length);
    const skill = SKILLS.localization!;
    for (const task of withFacade) {
      const facade = facadePath(task.repo.files)!;
      expect(task.hidden.files).not.toContain(facade);
      const index = symbolIndex(task.repo.files);
      const named = index.filter((e) => new RegExp(`\\b${e.name}\\b`).test(task.issue));
      expect(named.map((e) => e.path)).toContain(facade);
      expect(
        named.some((e) => task.hidden.files.includes(e.path)),
        task.id,
      ).toBe(false);
      expect(skill.renderPrompt(task)).toContain(`--- ${facade}\n`);
      // The oracle writes the hop out: the name of the called function, in the file to change.
      const oracle = skill.oracleAnswer(task);
      if (!task.meta.family.startsWith('helper:')) expect(oracle, task.id).toMatch(/^\w+:/);
      expect((await checkTask(task, sandbox)).problems, task.id).toEqual([]);
      const renamed = renameTaskIdentifiers(task, createRng(2)).task;
      expect((await checkTask(renamed, sandbox)).problems, `${task.id} renamed`).toEqual([]);
      const moved = packageSurface(task, createRng(4));
      expect((await skill.reward(moved, skill.oracleAnswer(moved), sandbox)).reward, `${task.id} packages`).toBe(1);
      expect((await skill.reward(task, facade, sandbox)).reward).toBe(0);
    }
  }, 180_000);
});
