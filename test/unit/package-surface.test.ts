// The package surface (src/tasks/surface.ts): a localization task laid out as npm packages (`lib/<name>/index.js`,
// CommonJS) must be the same task — the same tests passing and failing in the sandbox, the same answer earning 1 —
// and the SFT options that show it (and shorter prompt forms) must add demonstrations, counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
import { createRng } from '../../src/tasks/rng.ts';
import type { LocalizationTask } from '../../src/tasks/skills/localization.ts';
import { symbolIndex } from '../../src/tasks/skills/symbols.ts';
import { commonJs, movedOffset, packagePaths, packageSurface } from '../../src/tasks/surface.ts';
import { rephrasedIssue } from '../../src/tasks/world/issue.ts';
import { buildSftData } from '../../src/rl/sft-data.ts';
import { chatTemplate } from '../../src/rl/chat-template.ts';
import { tokenizerFromHfJson } from '../../src/model/tokenizer/index.ts';
import { readFileSync } from 'node:fs';

let sandbox: Sandbox;
let tasks: LocalizationTask[];
beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
  const gen = GENERATORS.localization!;
  tasks = [
    ...((await gen({ split: 'train', n: 4, seed: 11, sandbox, level: 1 })) as LocalizationTask[]),
    ...((await gen({ split: 'train', n: 4, seed: 12, sandbox, level: 3 })) as LocalizationTask[]),
  ];
}, 120_000);
afterAll(() => sandbox.dispose?.());

describe('commonJs', () => {
  const source = "import { sum } from './util.js';\n\nexport function total(xs) {\n  return sum(xs);\n}\n";
  it('turns imports into requires and exports into module.exports, keeping the code between', () => {
    const { text, edits } = commonJs(source, 'src/a.js', (s) => s.replace('./util.js', '../util'), 'object');
    expect(text).toBe(
      "const { sum } = require('../util');\n\nfunction total(xs) {\n  return sum(xs);\n}\n\n" +
        'module.exports = { total };\n',
    );
    const at = source.indexOf('sum(xs)');
    expect(text.slice(movedOffset(at, edits)).startsWith('sum(xs)')).toBe(true);
  });
  it('names the file when a form has no conversion', () => {
    expect(() => commonJs('export default 1;\n', 'src/x.js', (s) => s, 'members')).toThrow(/src\/x\.js/);
    expect(() => commonJs('export {', 'src/y.js', (s) => s, 'members')).toThrow(/src\/y\.js/);
  });
  it('lays sources out one package each and keeps test paths', () => {
    expect([...packagePaths(['src/textUtils.js', 'test/textUtils.test.js']).values()]).toEqual([
      'lib/text-utils/index.js',
      'test/textUtils.test.js',
    ]);
  });
});

const names = (t: LocalizationTask) =>
  symbolIndex(t.repo.files)
    .map((e) => e.name)
    .sort();

describe('packageSurface', () => {
  it('keeps the task: same test results in the sandbox, same symbols, the oracle answer still earns 1', async () => {
    const rng = createRng(5);
    for (const task of tasks) {
      const moved = packageSurface(task, rng);
      expect(Object.keys(moved.repo.files).some((p) => p.startsWith('src/'))).toBe(false);
      expect(moved.hidden.files.every((p) => /^lib\/[^/]+\/index\.js$/.test(p))).toBe(true);
      const m = moved.hidden.mutation;
      expect(moved.repo.files[m.file].slice(m.start, m.start + m.replacement.length)).toBe(m.replacement);
      expect(names(moved)).toEqual(names(task));
      const before = await sandbox.run(task.repo.files, { kind: 'tests' });
      const after = await sandbox.run(moved.repo.files, { kind: 'tests' });
      expect(after.status, after.message).toBe('ok');
      expect(after.tests.map((t) => t.status)).toEqual(before.tests.map((t) => t.status));
      const skill = SKILLS.localization!;
      expect((await skill.reward(moved, skill.oracleAnswer(moved), sandbox)).reward).toBe(1);
      expect((await skill.reward(moved, task.hidden.files[0], sandbox)).reward).toBe(0);
    }
  }, 120_000);
});

describe('rephrasedIssue', () => {
  const issue = 'Calling `f([1, 2])` gives the wrong result.\nExpected: `3`\nActual: an exception is thrown';
  it('keeps the call and the expected value in every phrasing, and leaves other styles alone', () => {
    const rng = createRng(1);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const out = rephrasedIssue(issue, rng);
      expect(out).toContain('`f([1, 2])`');
      expect(out).toContain('3');
      seen.add(out);
    }
    expect(seen.size).toBeGreaterThanOrEqual(4);
    expect(rephrasedIssue('# Bug in `f`\n\nSomething is off.', rng)).toBe('# Bug in `f`\n\nSomething is off.');
  });
});

describe('SFT demonstrations', () => {
  it('adds package-surface copies and shorter prompt forms, counted, with the same answers', () => {
    const tok = tokenizerFromHfJson(readFileSync('public/tokenizer/micro.json', 'utf8'));
    const ct = chatTemplate(tok);
    const plain = buildSftData(ct, tasks, 4096);
    const more = buildSftData(ct, tasks, 4096, { packageSurface: 1, shortForms: 1, seed: 3 });
    expect(plain.packageSurface).toBe(0);
    expect(more.packageSurface).toBe(tasks.length);
    const shorter = more.shortForms.localization ?? 0;
    expect(shorter).toBeGreaterThan(0);
    expect(more.examples.length).toBe(2 * tasks.length + shorter);
    const short = more.examples.filter((e) => e.id.includes('~short'));
    for (const ex of short) {
      const full = more.examples.find((e) => e.id === ex.id.replace(/~short\d+$/, ''))!;
      expect(ex.prompt.length).toBeLessThan(full.prompt.length);
      expect(ex.completion).toEqual(full.completion);
    }
  });
});
