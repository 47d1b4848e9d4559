// The five atomic skills: oracle → 1 and negatives → 0 on a generated mix, prompts never read `hidden`,
// issues never leak the fix, parsing is tolerant of form and strict on meaning.
import { beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
import { checkTask } from '../../src/tasks/check.ts';
import { ATOMIC_SKILLS, type AtomicSkill, type TaskBase } from '../../src/tasks/types.ts';
import { bugLines } from '../../src/tasks/generate/leaks.ts';
import type { Mutation } from '../../src/tasks/mutate/index.ts';
import { parsePaths } from '../../src/tasks/skills/localization.ts';
import { applyEdits, parseEdits } from '../../src/tasks/skills/edits.ts';
import { parseReview } from '../../src/tasks/skills/review.ts';

let sandbox: Sandbox;
const packs = {} as Record<AtomicSkill, TaskBase[]>;
/** Tasks per skill in `npm test` (levels mixed); the CLI check runs the 1,000-per-skill version. */
const PER_SKILL = 6;

beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
  for (const skill of ATOMIC_SKILLS)
    packs[skill] = await GENERATORS[skill]!({ split: 'train', n: PER_SKILL, seed: 2026, sandbox });
}, 300_000);

describe.each(ATOMIC_SKILLS)('%s', (skill) => {
  it('every task passes the check: oracle earns 1, each (≥2) negative control earns 0', async () => {
    for (const task of packs[skill]) {
      const r = await checkTask(task, sandbox);
      expect(r.problems, task.id).toEqual([]);
      expect(r.negatives.length).toBeGreaterThanOrEqual(2);
      for (const n of r.negatives) expect(n.status).not.toBe('ok');
    }
  });

  it('renders the prompt without touching hidden', () => {
    for (const task of packs[skill]) {
      const trap = new Proxy(
        {},
        {
          get: () => {
            throw new Error('renderPrompt read hidden');
          },
          has: () => {
            throw new Error('renderPrompt read hidden');
          },
          ownKeys: () => {
            throw new Error('renderPrompt read hidden');
          },
        },
      );
      const normal = SKILLS[skill]!.renderPrompt(task);
      expect(SKILLS[skill]!.renderPrompt({ ...task, hidden: trap as Record<string, unknown> })).toBe(normal);
      expect(task.meta.promptChars).toBe(normal.length);
    }
  });
});

describe('localization prompts', () => {
  it('have one form at every level: sources as `--- path` blocks, no test files, no doc comments', () => {
    const levels = new Set(packs.localization.map((t) => t.level));
    expect(levels.size).toBeGreaterThan(1);
    for (const task of packs.localization) {
      const prompt = SKILLS.localization!.renderPrompt(task);
      expect(prompt, task.id).not.toContain('```js');
      expect(prompt, task.id).not.toContain('/**');
      // Test files are neither listed nor shown (an issue's stack trace may name one).
      expect(prompt, task.id).not.toMatch(/^(--- )?test\//m);
      for (const path of Object.keys(task.repo.files).filter((p) => !p.startsWith('test/')))
        expect(prompt, task.id).toContain(path);
    }
  });

  it("carry the symbol index; at level 1 the oracle names the issue's function from it", () => {
    for (const task of packs.localization) {
      const prompt = SKILLS.localization!.renderPrompt(task);
      const symbols = prompt.slice(prompt.indexOf('Symbols:\n'));
      const hidden = (task as TaskBase & { hidden: { files: string[] } }).hidden.files;
      for (const path of hidden) expect(symbols, task.id).toMatch(new RegExp(`:(\\S+/)?${path.split('/').pop()}\\n`));
      const oracle = SKILLS.localization!.oracleAnswer(task);
      if (task.level === 1) expect(oracle, task.id).toMatch(/^[\w$]+:\S+$/);
      if (/^[\w$]+:/.test(oracle)) expect(symbols, task.id).toContain(oracle.split('\n')[0]);
    }
  });
});

describe('issue texts', () => {
  it('never contain the faulty line or the original line', () => {
    for (const skill of ['localization', 'reproduction'] as const) {
      for (const task of packs[skill]) {
        const t = task as TaskBase & { issue: string; hidden: { mutation: Mutation } };
        const m = t.hidden.mutation;
        const buggy = t.repo.files[m.file];
        const original = buggy.slice(0, m.start) + m.original + buggy.slice(m.start + m.replacement.length);
        const { before, after } = bugLines(original, {
          mutation: m,
          file: m.file,
          buggySource: buggy,
          outcomes: [],
          killed: [],
        });
        for (const line of [...before, ...after]) expect(t.issue.includes(line), `${t.id}: ${line}`).toBe(false);
      }
    }
  });
});

describe('answer parsing', () => {
  it('localization: lists, bullets, fences, JSON arrays', () => {
    expect(parsePaths('src/a.js\nlib/b.js\n')).toEqual(['src/a.js', 'lib/b.js']);
    expect(parsePaths('```\n- `src/a.js`\n* ./lib/b.js\n```')).toEqual(['src/a.js', 'lib/b.js']);
    expect(parsePaths('["src/a.js", "src/a.js"]')).toEqual(['src/a.js']);
    expect(parsePaths('[1, 2]')).toBeNull();
  });

  it('edits: fences and CRLF are tolerated, broken blocks are named', () => {
    const ok = parseEdits('```\nsrc/a.js\n<<<<<<< SEARCH\nreturn 1;\n=======\nreturn 2;\n>>>>>>> REPLACE\n```');
    expect(ok).toEqual({ ok: true, blocks: [{ path: 'src/a.js', search: 'return 1;', replace: 'return 2;' }] });
    expect(parseEdits('src/a.js\n<<<<<<< SEARCH\nx\n>>>>>>> REPLACE')).toMatchObject({
      ok: false,
      error: expect.stringContaining('======='),
    });
    expect(parseEdits('<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE')).toMatchObject({
      ok: false,
      error: expect.stringContaining('name a file'),
    });
    expect(parseEdits('just prose')).toMatchObject({ ok: false });
  });

  it('edits: whitespace-tolerant matching only when unique', () => {
    const files = { 'a.js': 'function f() {\n  return 1;\n}\nfunction g() {\n  return 1;\n}\n' };
    expect(applyEdits(files, [{ path: 'a.js', search: 'return 1;', replace: 'return 2;' }])).toMatchObject({
      ok: false,
      error: expect.stringContaining('more than one place'),
    });
    const loose = applyEdits(files, [
      { path: 'a.js', search: 'function g() {\nreturn 1;', replace: 'function g() {\n  return 3;' },
    ]);
    expect(loose.ok && loose.files['a.js']).toContain('return 3;');
    expect(applyEdits(files, [{ path: '../x.js', search: '', replace: 'x' }])).toMatchObject({ ok: false });
  });

  it('review: verdict words in any case, line by number or text', () => {
    expect(parseReview('verdict: APPROVE')).toEqual({ verdict: 'approve', line: null });
    expect(parseReview('VERDICT: Request Changes\nLINE: 12')).toEqual({ verdict: 'request-changes', line: '12' });
    expect(parseReview('I approve but also request changes')).toBeNull();
  });

  it('review: the faulty line may be cited by number (with a note) or by its exact text', async () => {
    const task = packs.review.find((t) => (t.hidden as { verdict: string }).verdict === 'request-changes')!;
    const { line, lineText } = task.hidden as { line: number; lineText: string };
    for (const cite of [`${line}`, `L${line}`, `${line} (off by one)`, `\`${lineText}\``, `+${lineText}`]) {
      expect((await SKILLS.review!.reward(task, `VERDICT: request changes\nLINE: ${cite}`, sandbox)).reward, cite).toBe(
        1,
      );
    }
    expect((await SKILLS.review!.reward(task, `VERDICT: request changes\nLINE: ${line + 1}`, sandbox)).reward).toBe(0);
  });

  it('test files without any assertion earn 0 even when they exercise the code', async () => {
    for (const skill of ['test-generation', 'reproduction'] as const) {
      const task = packs[skill][0] as TaskBase & {
        fn?: string;
        module?: string;
        testPath: string;
        hidden: { fn?: string; module?: string };
      };
      const fn = task.fn ?? task.hidden.fn!;
      const mod = task.module ?? task.hidden.module!;
      const rel = mod.startsWith('lib/') ? '../lib/' : '../src/';
      const answer = `import { ${fn} } from '${rel}${mod.split('/').pop()}';\nit('calls', () => { ${fn}(); });\n`;
      const r = await SKILLS[skill]!.reward(task, answer, sandbox);
      expect(r).toMatchObject({ reward: 0, status: 'no-assertions' });
    }
  });
});
