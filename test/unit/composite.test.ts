// Composite kinds end to end in the real QuickJS sandbox: generate, then oracle → 1 and every negative control → 0.
import { beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { checkTask } from '../../src/tasks/check.ts';
import { renderSymbolIndex, symbolIndex } from '../../src/tasks/skills/symbols.ts';
import {
  COMPOSITE_GENERATORS,
  COMPOSITE_SKILLS,
  SCAFFOLDS,
  renderStep,
  resolveStep,
  type CompositeTask,
} from '../../src/tasks/composite/index.ts';
import { familySplit } from '../../src/tasks/composite/splits.ts';
import { BUG_FIXING_FAMILIES } from '../../src/tasks/composite/bug-fixing.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
import { COMPOSITE_KINDS, type Split } from '../../src/tasks/types.ts';
import { readPack, writePack } from '../../src/tasks/pack.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
});

const generated = new Map<string, CompositeTask[]>();
async function tasksOf(kind: (typeof COMPOSITE_KINDS)[number], split: Split = 'test'): Promise<CompositeTask[]> {
  const key = `${kind}/${split}`;
  if (!generated.has(key))
    generated.set(key, (await COMPOSITE_GENERATORS[kind]({ split, n: 5, seed: 7, sandbox })) as CompositeTask[]);
  return generated.get(key) ?? [];
}

describe('composite kinds', () => {
  it('are registered in the task registry', () => {
    for (const kind of COMPOSITE_KINDS) {
      expect(GENERATORS[kind]).toBe(COMPOSITE_GENERATORS[kind]);
      expect(SKILLS[kind]).toBe(COMPOSITE_SKILLS[kind]);
    }
  });

  for (const kind of COMPOSITE_KINDS) {
    it(`${kind}: levels 1–5, oracle earns 1, every negative control earns 0, pack round-trips`, async () => {
      const tasks = await tasksOf(kind);
      expect(tasks.map((t) => t.level)).toEqual([1, 2, 3, 4, 5]);
      for (const task of tasks) {
        const result = await checkTask(task, sandbox);
        expect(result.problems, task.id).toEqual([]);
        expect(task.hidden.negatives.length).toBeGreaterThanOrEqual(2);
        const prompt = COMPOSITE_SKILLS[kind].renderPrompt(task);
        expect(task.meta.promptChars).toBe(prompt.length);
        expect(prompt).not.toContain(task.hidden.oracle);
        expect(Object.keys(task.repo.files).length).toBeLessThanOrEqual(14);
      }
      expect(tasks[0].meta.promptChars).toBeLessThan(1_800);
      expect(readPack(writePack(tasks), 'composite.jsonl')).toEqual(tasks);
    });
  }

  it('are deterministic for a seed', async () => {
    const make = () => COMPOSITE_GENERATORS['bug-fixing']({ split: 'val', n: 2, seed: 11, level: 2, sandbox });
    const first = await make();
    expect(JSON.stringify(await make())).toBe(JSON.stringify(first));
  });

  it('keep test families out of train', async () => {
    const assignment = familySplit(BUG_FIXING_FAMILIES);
    const train = await COMPOSITE_GENERATORS['bug-fixing']({ split: 'train', n: 4, seed: 3, level: 1, sandbox });
    for (const t of train) expect(assignment[t.meta.family]).toBe('train');
    for (const t of await tasksOf('bug-fixing')) expect(assignment[t.meta.family]).toBe('test');
    expect(new Set(Object.values(assignment))).toEqual(new Set(['train', 'val', 'test']));
  });
});

describe('composite rewards resist gaming', () => {
  it('an answer that rewrites the tests to pass gains nothing', async () => {
    const task = (await tasksOf('bug-fixing'))[1];
    const testFile = Object.keys(task.repo.files).find((p) => p.endsWith('.test.js')) ?? '';
    const firstLine = task.repo.files[testFile].split('\n')[0];
    const answer = `${testFile}\n<<<<<<< SEARCH\n${firstLine}\n=======\ntest('fine', () => {});\n>>>>>>> REPLACE`;
    const r = await COMPOSITE_SKILLS['bug-fixing'].reward(task, answer, sandbox);
    expect(r.reward).toBe(0);
  });

  it('broken edit blocks, junk and huge answers earn 0 with a status', async () => {
    const task = (await tasksOf('feature'))[0];
    const skill = COMPOSITE_SKILLS.feature;
    expect((await skill.reward(task, 'src/x.js\n<<<<<<< SEARCH\nfoo\n', sandbox)).status).toBe('parse-error');
    expect((await skill.reward(task, '\u0000\u0001junk', sandbox)).status).toBe('malformed-answer');
    expect((await skill.reward(task, 'x'.repeat(1_000_000), sandbox)).status).toBe('answer-too-large');
    expect(
      (await skill.reward(task, 'src/nope.js\n<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE', sandbox)).status,
    ).toBe('edit-did-not-apply');
  });

  it('an answer that loops forever earns 0 (timeout) and the next run is unaffected', async () => {
    const task = (await tasksOf('feature'))[0];
    const skill = COMPOSITE_SKILLS.feature;
    const stub = "  throw new Error('not implemented');";
    const path = task.hidden.changedFiles[0];
    const looping = `${path}\n<<<<<<< SEARCH\n${stub}\n=======\n  for (;;) {}\n>>>>>>> REPLACE`;
    const r = await skill.reward(task, looping, sandbox);
    expect(r.reward).toBe(0);
    expect((await skill.reward(task, skill.oracleAnswer(task), sandbox)).reward).toBe(1);
  });
});

describe('composed form (scaffolds as data)', () => {
  it('every kind chains reproduce/characterize → localize → edit → verify → review', () => {
    for (const kind of COMPOSITE_KINDS) {
      const ids = SCAFFOLDS[kind].steps.map((s) => s.id);
      expect(ids.slice(1)).toEqual(['localize', 'edit', 'verify', 'review']);
      expect(['reproduce', 'characterize']).toContain(ids[0]);
      expect(SCAFFOLDS[kind].answerFrom).toBe('edit');
    }
  });

  it('step inputs are built from public fields and earlier answers only', async () => {
    for (const kind of COMPOSITE_KINDS) {
      const task = (await tasksOf(kind))[2];
      const answers = {
        reproduce: 'test file',
        characterize: 'test file',
        localize: task.hidden.changedFiles.join('\n'),
        edit: task.hidden.oracle,
        verify: 'ok',
      };
      for (const step of SCAFFOLDS[kind].steps) {
        const inputs = resolveStep(step, task, answers);
        const text = Object.values(inputs).join('\n');
        for (const hiddenTest of Object.values(task.hidden.tests)) expect(text.includes(hiddenTest)).toBe(false);
        if (step.id === 'edit') expect(inputs.files).toContain(task.hidden.changedFiles[0]);
        const prompt = renderStep(step, task, answers);
        if (step.skill === 'run') expect(prompt).toBeNull();
        else {
          const usesStatement = Object.values(step.inputs).some(
            (src) => src.from === 'task' && src.field === 'statement',
          );
          if (usesStatement) expect(prompt).toContain(task.statement);
          for (const hiddenTest of Object.values(task.hidden.tests))
            expect((prompt ?? '').includes(hiddenTest)).toBe(false);
        }
      }
      expect(() => resolveStep(SCAFFOLDS[kind].steps[2], task, {})).toThrow(/needs/);
    }
  });

  it('localize shows the symbol index; an answer citing it (name:file) hands the edit step that file', async () => {
    const task = (await tasksOf('bug-fixing'))[2];
    const [localize, edit] = SCAFFOLDS['bug-fixing'].steps.slice(1, 3);
    const index = symbolIndex(task.repo.files);
    expect(resolveStep(localize, task, {}).symbols).toBe(renderSymbolIndex(index, Object.keys(task.repo.files)));
    const changed = task.hidden.changedFiles[0];
    const cited = `- \`${index.find((e) => e.path === changed)?.name ?? 'f'}:${changed.split('/').pop()}\``;
    const files = resolveStep(edit, task, { localize: cited, reproduce: 'test file' }).files;
    expect(files).toContain(task.repo.files[changed].trimEnd().split('\n')[0]);
    expect(resolveStep(edit, task, { localize: 'nothing.js', reproduce: 'test file' }).files).not.toContain(changed);
  });
});
