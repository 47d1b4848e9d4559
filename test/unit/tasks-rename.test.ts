// Renamed tasks: fresh function and module names everywhere, the same behaviour (the oracle still earns 1 and
// every negative control 0 in the sandbox), reproducible from the seed, and SFT data built from renamed copies.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tokenizerFromHfJson } from '../../src/model/tokenizer/index.ts';
import { chatTemplate } from '../../src/rl/chat-template.ts';
import { CODE_BUDGET, copyDrills, DRILL_KINDS } from '../../src/rl/copy-drills.ts';
import { buildSftData } from '../../src/rl/sft-data.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { checkTask } from '../../src/tasks/check.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
import { renameableNames, renameTaskIdentifiers } from '../../src/tasks/rename-identifiers.ts';
import { createRng } from '../../src/tasks/rng.ts';
import { ATOMIC_SKILLS, type TaskBase } from '../../src/tasks/types.ts';

let sandbox: Sandbox;
const tasks: TaskBase[] = [];

beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
  for (const skill of ATOMIC_SKILLS)
    tasks.push(...(await GENERATORS[skill]!({ split: 'train', n: 4, seed: 77, sandbox })));
}, 300_000);

const word = (name: string) => new RegExp(String.raw`(?<![\w$.])${name.replace(/\$/g, '\\$')}(?![\w$])`);

describe('renameTaskIdentifiers', () => {
  it('replaces every function and module name in the prompt and the oracle, and keeps the task correct', async () => {
    const rng = createRng(5);
    for (const task of tasks) {
      const { task: renamed, names } = renameTaskIdentifiers(task, rng);
      const { functions, modules } = renameableNames(task);
      expect(functions.length, task.id).toBeGreaterThan(0);
      expect(Object.keys(names).sort()).toEqual([...functions, ...modules].sort());
      const skill = SKILLS[task.skill]!;
      const shown = skill.renderPrompt(renamed) + '\n' + skill.oracleAnswer(renamed);
      for (const old of functions) expect(shown, `${task.id}: ${old}`).not.toMatch(word(old));
      // Reproduction oracles call through a namespace import (`m.name`): renamed there too.
      for (const old of functions) expect(shown, `${task.id}: m.${old}`).not.toContain(`m.${old}(`);
      for (const m of modules) expect(shown, `${task.id}: ${m}`).not.toContain(`/${m}.`);
      for (const fresh of Object.values(names)) expect(JSON.stringify(task)).not.toMatch(word(fresh));
      // Same shape — but a localization prompt above level 2 shows the files that fit its budget in path order, and
      // fresh module names sort differently, so which files it shows may change.
      if (task.skill !== 'localization' || task.level <= 2)
        expect(skill.renderPrompt(renamed).split('\n').length).toBe(skill.renderPrompt(task).split('\n').length);
      expect(renamed.id).toBe(task.id);
      expect(renamed.meta).toEqual(task.meta);
      const check = await checkTask(renamed, sandbox);
      expect(check.problems, task.id).toEqual([]);
    }
  }, 300_000);

  it('syllable names are pronounceable nonsense, and the renamed task still checks', async () => {
    const rng = createRng(6);
    for (const task of tasks.slice(0, 10)) {
      const { task: renamed, names } = renameTaskIdentifiers(task, rng, 'syllables');
      for (const fresh of Object.values(names))
        expect(fresh).toMatch(/^(?:[bdfgklmnprstvz][aeiou])+(?:[BDFGKLMNPRSTVZ][aeiou](?:[bdfgklmnprstvz][aeiou])*)?$/);
      expect((await checkTask(renamed, sandbox)).problems, task.id).toEqual([]);
    }
  }, 300_000);

  it('is a function of the rng state', () => {
    const a = renameTaskIdentifiers(tasks[0], createRng(9));
    const b = renameTaskIdentifiers(tasks[0], createRng(9));
    const c = renameTaskIdentifiers(tasks[0], createRng(10));
    expect(a).toEqual(b);
    expect(a.names).not.toEqual(c.names);
  });

  it('leaves a name that is also used as a property alone', () => {
    const task = {
      ...tasks[0],
      repo: { files: { 'src/a1.js': 'export function size(x) {\n  return x.size;\n}\n' } },
    } satisfies TaskBase;
    expect(renameableNames(task).functions).toEqual([]);
  });
});

describe('copy drills', () => {
  it('answer only with what their prompt shows, with fresh names each time', () => {
    const drills = copyDrills(tasks, 60, createRng(4));
    expect(new Set(drills.map((d) => d.kind))).toEqual(new Set(DRILL_KINDS));
    for (const d of drills) {
      if (d.kind === 'copy:repeat') {
        expect(d.prompt).toBe(`Repeat this line exactly:\n${d.answer}`);
        continue;
      }
      if (d.kind === 'copy:line') expect(d.prompt.split('\n')).toContain(d.answer);
      // The name asked about: in the question (last line), or in the call (first line).
      const name = /`([\w$]+)[`(]/.exec(d.kind === 'copy:expect' ? d.prompt : d.prompt.split('\n').at(-1)!)![1];
      if (d.kind !== 'copy:which-file') expect(d.answer, d.prompt).toContain(name);
      if (d.kind === 'copy:which-file') expect(d.prompt).toContain(`--- ${d.answer}\n`);
      if (d.kind === 'copy:import') expect(d.prompt).toContain(`--- ${/'\.\.\/(.+)'/.exec(d.answer)![1]}\n`);
      for (const original of tasks.flatMap((t) => renameableNames(t).functions))
        expect(d.answer).not.toMatch(word(original));
    }
    expect(copyDrills(tasks, 5, createRng(4))).toEqual(drills.slice(0, 5));
  });

  it('with code: the same draws, each prompt led by the file that declares the name asked about', () => {
    const plain = copyDrills(tasks, 40, createRng(4));
    const coded = copyDrills(tasks, 40, createRng(4), 'mixed', true);
    coded.forEach((d, i) => {
      expect([d.kind, d.answer]).toEqual([plain[i].kind, plain[i].answer]);
      expect(d.prompt.startsWith('### src/'), d.prompt).toBe(true);
      const code = d.prompt.slice(0, d.prompt.lastIndexOf('```') + 3);
      // Within the budget (separators aside), unless the target's file alone exceeds it and is shown alone.
      const blocks = code.split('\n\n### ').length;
      if (blocks > 1) expect(code.length).toBeLessThanOrEqual(CODE_BUDGET + 2 * (blocks - 1));
      if (d.kind === 'copy:which-file') expect(code).toContain(`### ${d.answer}\n`);
      if (d.kind === 'copy:import') expect(code).toContain(`### ${/'\.\.\/(.+)'/.exec(d.answer)![1]}\n`);
      if (d.kind === 'copy:line') expect(code).toContain(d.answer);
    });
  });
});

describe('buildSftData with renamed copies', () => {
  it('makes that many differently named demonstrations per task', () => {
    const ct = chatTemplate(tokenizerFromHfJson(readFileSync('public/tokenizer/demo.json', 'utf8')));
    const plain = buildSftData(ct, tasks, 4096);
    const copies = buildSftData(ct, tasks, 4096, { renameCopies: 2, seed: 3 });
    expect(copies.examples.length).toBe(2 * plain.examples.length);
    const [x, y] = copies.examples;
    expect(x.id).toBe(y.id);
    expect(x.prompt).not.toEqual(y.prompt);
    expect(() => buildSftData(ct, tasks, 4096, { renameCopies: 1.5 })).toThrow(/renameCopies/);
    // keepOriginals: the task as generated first, then its renamed copies (the same names as without it).
    const kept = buildSftData(ct, tasks, 4096, { renameCopies: 2, seed: 3, keepOriginals: true });
    expect(kept.examples.length).toBe(3 * plain.examples.length);
    expect(kept.examples[0].prompt).toEqual(plain.examples[0].prompt);
    expect(kept.examples[1].prompt).not.toEqual(plain.examples[0].prompt);
    expect(kept.examples.filter((_, i) => i % 3 !== 0).map((e) => e.prompt)).toEqual(
      copies.examples.map((e) => e.prompt),
    );
    const withDrills = buildSftData(ct, tasks, 4096, { copyDrills: 30, seed: 3 });
    expect(withDrills.examples.length).toBe(plain.examples.length + 30);
    expect(withDrills.kept['copy:import']).toBeGreaterThan(0);
  });
});
