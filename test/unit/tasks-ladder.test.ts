// The task ladder (issue 9): trivial baselines stay under their ceilings, level-1/2 episodes (prompt + oracle) fit
// the demo preset's context with its own tokenizer, oracle answers are minimal, level-1 localization is a choice.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
import { ATOMIC_SKILLS, type AtomicSkill, type TaskBase } from '../../src/tasks/types.ts';
import { BASELINE_CEILING, trivialBaselines } from '../../src/tasks/baselines.ts';
import { exceedsCeiling, MIN_TASKS_TO_JUDGE, scoreBaselines } from '../../src/tasks/baseline-score.ts';
import { lengthTable, quantile } from '../../src/tasks/lengths.ts';
import { diffToEditBlock, parseEdits } from '../../src/tasks/skills/edits.ts';
import { coverMutants } from '../../src/tasks/world/tests.ts';
import { tokenizerFromHfJson } from '../../src/model/tokenizer/index.ts';
import { PRESETS } from '../../src/model/config.ts';

const TOKENIZER = 'public/tokenizer/demo.json';
let sandbox: Sandbox;
const L1 = {} as Record<AtomicSkill, TaskBase[]>;
const L2 = {} as Record<AtomicSkill, TaskBase[]>;

beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
  for (const skill of ATOMIC_SKILLS) {
    L1[skill] = await GENERATORS[skill]!({ split: 'train', n: 20, seed: 91, level: 1, sandbox });
    L2[skill] = await GENERATORS[skill]!({ split: 'val', n: 12, seed: 92, level: 2, sandbox });
  }
}, 600_000);

describe('length goal (demo tokenizer)', () => {
  const tok = () => tokenizerFromHfJson(readFileSync(TOKENIZER, 'utf8'), TOKENIZER);

  it('the demo tokenizer: vocabulary ≤ 4,096, the demo preset sized for it, ≥ 3.0 characters per token on level-1 prompts', () => {
    const t = tok();
    expect(t.vocabSize).toBeLessThanOrEqual(4096);
    expect(PRESETS.demo.vocab_size).toBe(t.vocabSize);
    expect(PRESETS.demo.max_position_embeddings).toBeGreaterThanOrEqual(1024);
    let chars = 0;
    let tokens = 0;
    for (const skill of ATOMIC_SKILLS) {
      for (const task of L1[skill]) {
        const prompt = SKILLS[skill]!.renderPrompt(task);
        chars += prompt.length;
        tokens += t.encode(prompt).length;
      }
    }
    expect(chars / tokens).toBeGreaterThanOrEqual(3.0);
  });

  it('prompt + oracle: ≥ 95% of level-1 tasks within 512 tokens, level-2 within 1,024, every skill', () => {
    const t = tok();
    const count = (s: string) => t.encode(s).length;
    for (const skill of ATOMIC_SKILLS) {
      const [r1] = lengthTable(L1[skill], count);
      const [r2] = lengthTable(L2[skill], count);
      expect(r1.p95, `${skill} level 1 p95`).toBeLessThanOrEqual(512);
      expect(r2.p95, `${skill} level 2 p95`).toBeLessThanOrEqual(1024);
    }
  });
});

describe('trivial baselines', () => {
  it('every atomic skill declares constant / copy / random baselines, deterministic per task', () => {
    for (const skill of ATOMIC_SKILLS) {
      const task = L1[skill][0];
      const a = trivialBaselines(task);
      expect(a.length, skill).toBeGreaterThanOrEqual(3);
      expect(trivialBaselines(task)).toEqual(a);
    }
    const names = trivialBaselines(L1.localization[0]).map((b) => b.name);
    expect(names).toEqual(expect.arrayContaining(['first-file', 'random-file', 'every-file']));
    expect(trivialBaselines(L1['test-generation'][0]).map((b) => b.name)).toEqual(
      expect.arrayContaining(['tautology', 'visible-test-copied']),
    );
    expect(trivialBaselines(L1.review[0]).map((b) => b.name)).toEqual(
      expect.arrayContaining(['always-approve', 'always-reject']),
    );
  });

  it('no baseline earns more than its ceiling on level-1 and level-2 packs of every skill', async () => {
    for (const skill of ATOMIC_SKILLS) {
      for (const pack of [L1[skill], L2[skill]]) {
        const rows = await scoreBaselines(pack, sandbox);
        for (const r of rows) expect(r.exceeds, `${skill} L${pack[0].level} ${r.baseline} = ${r.mean}`).toBe(false);
        // "always reject" cannot score: a faulty change's verdict needs its line.
        if (skill === 'review') expect(rows.find((r) => r.baseline === 'always-reject')!.mean).toBe(0);
      }
    }
  }, 600_000);

  it('the ceiling check allows sampling noise only: a baseline right on 40% of 20 tasks fails it', () => {
    expect(exceedsCeiling(0.2, BASELINE_CEILING.localization, 20)).toBe(false);
    expect(exceedsCeiling(0.4, BASELINE_CEILING.localization, 20)).toBe(true);
    expect(exceedsCeiling(0.3, BASELINE_CEILING.localization, 200)).toBe(true);
    expect(exceedsCeiling(1, BASELINE_CEILING.localization, MIN_TASKS_TO_JUDGE - 1)).toBe(false);
  });
});

describe('level 1 is a real choice; oracle answers are minimal', () => {
  it('localization: six same-category modules, the faulty one at no fixed position', () => {
    const ranks = L1.localization.map((t) => {
      const sources = Object.keys(t.repo.files)
        .filter((p) => !p.includes('test'))
        .sort();
      expect(sources.length).toBe(6);
      return sources.indexOf((t.hidden as { files: string[] }).files[0]);
    });
    expect(new Set(ranks).size).toBeGreaterThanOrEqual(3);
  });

  it('editing: one SEARCH/REPLACE block with the least context that is unique', () => {
    for (const t of L1.editing) {
      const parsed = parseEdits(SKILLS.editing!.oracleAnswer(t));
      expect(parsed.ok && parsed.blocks.length).toBe(1);
    }
    const before = 'a\nx = 1;\nb\nx = 1;\nc\n';
    const after = 'a\nx = 1;\nb\nx = 2;\nc\n';
    expect(diffToEditBlock('f.js', before, after)).toBe(
      'f.js\n<<<<<<< SEARCH\nb\nx = 1;\n=======\nb\nx = 2;\n>>>>>>> REPLACE',
    );
    expect(diffToEditBlock('f.js', 'a\nb\nc\n', 'a\nB\nc\n')).toBe(
      'f.js\n<<<<<<< SEARCH\nb\n=======\nB\n>>>>>>> REPLACE',
    );
  });

  it('reproduction: one test with one expectation', () => {
    for (const t of [...L1.reproduction, ...L2.reproduction]) {
      const oracle = SKILLS.reproduction!.oracleAnswer(t);
      expect(oracle.match(/\bexpect\(/g)?.length, t.id).toBe(1);
      expect(oracle.match(/\b(it|test)\(/g)?.length, t.id).toBe(1);
    }
  });

  it('test generation: up to 16 kept mutants; the oracle has no redundant expectation', async () => {
    const counts = L1['test-generation'].map((t) => (t.hidden as { variants: unknown[] }).variants.length);
    expect(Math.max(...counts)).toBeLessThanOrEqual(16);
    expect(
      quantile(
        [...counts].sort((a, b) => a - b),
        0.5,
      ),
    ).toBeGreaterThan(3);
    for (const t of L1['test-generation'].slice(0, 6)) {
      const oracle = SKILLS['test-generation']!.oracleAnswer(t);
      const lines = oracle.split('\n');
      const expects = lines.flatMap((l, i) => (l.includes('expect(') ? [i] : []));
      for (const i of expects.length > 1 ? expects : []) {
        const without = lines.filter((_, k) => k !== i).join('\n');
        expect((await SKILLS['test-generation']!.reward(t, without, sandbox)).reward, `${t.id} without line ${i}`).toBe(
          0,
        );
      }
    }
  }, 300_000);

  it('coverMutants picks the fewest cases greedily and names a mutant no case kills', () => {
    const cases = [0, 1, 2, 3].map((k) => ({ fn: 'f', args: [k], outcome: { v: k } }));
    expect(coverMutants([[0, 1], [1], [1, 2], [3]], cases)).toEqual([1, 3]);
    expect(() => coverMutants([[]], cases)).toThrow(/killed by no case/);
  });
});

describe('composite tasks at level 1', () => {
  it('fit the demo context for most tasks and are not solved by a trivial baseline', async () => {
    const t = tokenizerFromHfJson(readFileSync(TOKENIZER, 'utf8'), TOKENIZER);
    const pack = await GENERATORS['bug-fixing']!({ split: 'train', n: 6, seed: 93, level: 1, sandbox });
    const tokens = pack.map(
      (task) =>
        t.encode(SKILLS[task.skill]!.renderPrompt(task)).length +
        t.encode(SKILLS[task.skill]!.oracleAnswer(task)).length,
    );
    expect(
      quantile(
        [...tokens].sort((a, b) => a - b),
        0.5,
      ),
    ).toBeLessThanOrEqual(1024);
    for (const r of await scoreBaselines(pack, sandbox)) expect(r.mean, r.baseline).toBe(0);
  }, 300_000);
});
