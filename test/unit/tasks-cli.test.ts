// `atomgym tasks generate|check` and `atomgym score`, through their command modules.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { run as tasks } from '../../src/cli/commands/tasks.ts';
import { run as score } from '../../src/cli/commands/score.ts';
import { SKILLS } from '../../src/tasks/registry.ts';
import { readPack } from '../../src/tasks/pack.ts';
import { EXTENDED_FAMILIES } from '../../src/tasks/world/families/extended/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'atomgym-tasks-'));
const pack = join(dir, 'pack.jsonl');

/** Runs a command and returns its exit code and its parsed --json output. */
async function json(run: typeof tasks, argv: string[]): Promise<{ code: number; out: Record<string, unknown> }> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...xs: unknown[]) => void lines.push(xs.join(' ')));
  try {
    const code = await run(parseArgs(argv));
    return { code, out: JSON.parse(lines.join('\n')) as Record<string, unknown> };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('atomgym tasks / score', () => {
  it('check fails a pack where a trivial baseline earns more than its ceiling, naming the baseline', async () => {
    // The shipped real-code localization tasks with every neighbour module removed: the only source file is the answer.
    const oneFile = readPack(readFileSync('public/packs/realcode.jsonl', 'utf8'), 'realcode.jsonl')
      .filter((t) => t.skill === 'localization')
      .map((t) => {
        const answer = (t.hidden as { files: string[] }).files[0];
        const files = Object.entries(t.repo.files).filter(([p]) => p === answer || p.includes('.test.'));
        return JSON.stringify({ ...t, repo: { files: Object.fromEntries(files) } });
      });
    const path = join(dir, 'one-file.jsonl');
    writeFileSync(path, `${oneFile.join('\n')}\n`);
    const r = await json(tasks, ['check', path, '--json']);
    expect(r.code).toBe(1);
    const over = r.out.baselinesOverCeiling as Array<{ kind: string; baseline: string; mean: number }>;
    expect(over.map((b) => b.baseline)).toContain('first-file');
    expect(over.find((b) => b.baseline === 'first-file')!.mean).toBe(1);
  }, 60_000);

  it('generates a pack for every skill, checks it, and fails loudly on a corrupted line', async () => {
    const gen = await json(tasks, [
      'generate',
      '--skill',
      'all',
      '--split',
      'val',
      '--n',
      '1',
      '--seed',
      '3',
      '--level',
      '1',
      '--out',
      pack,
      '--json',
    ]);
    expect(gen.code).toBe(0);
    expect(gen.out.tasks).toBe(5);
    const ok = await json(tasks, ['check', pack, '--json']);
    expect(ok.code).toBe(0);
    expect(ok.out.ok).toBe(true);
    expect(Object.keys(ok.out.perSkill as object).sort()).toEqual([
      'editing',
      'localization',
      'reproduction',
      'review',
      'test-generation',
    ]);

    const lines = readFileSync(pack, 'utf8').trim().split('\n');
    const broken = JSON.parse(lines[2]) as Record<string, unknown>;
    delete broken.hidden;
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, [lines[0], lines[1], JSON.stringify(broken), '{oops', lines[3]].join('\n'));
    const failed = await json(tasks, ['check', bad, '--json']);
    expect(failed.code).toBe(1);
    expect(failed.out.badLines).toEqual([
      `${bad}:3: field 'hidden': expected an object`,
      expect.stringMatching(
        new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: field '\\(line\\)': not valid JSON`),
      ),
    ]);
    expect(failed.out.tasks).toBe(3);
  });

  it('--families extended draws train tasks from the train-only families (checked); a bad set is named', async () => {
    const out = join(dir, 'extended.jsonl');
    const argv = ['generate', '--skill', 'editing', '--split', 'train', '--n', '6', '--seed', '4', '--level', '1'];
    const gen = await json(tasks, [...argv, '--families', 'extended', '--out', out, '--json']);
    expect(gen.code).toBe(0);
    expect(gen.out.families).toBe('extended');
    const extended = new Set(EXTENDED_FAMILIES.map((f) => f.name));
    expect(readPack(readFileSync(out, 'utf8'), out).some((t) => extended.has(t.meta.family))).toBe(true);
    const ok = await json(tasks, ['check', out, '--json']);
    expect(ok.out.ok).toBe(true);
    await expect(tasks(parseArgs([...argv, '--families', 'all', '--out', out]))).rejects.toThrow(
      /--families must be core or extended \(got "all"\)/,
    );
  });

  it('scores answers: oracle 1, wrong 0, missing → no-answer, unknown ids and bad lines reported', async () => {
    const tasksInPack = readPack(readFileSync(pack, 'utf8'), pack);
    const [a, b] = tasksInPack;
    const answers = join(dir, 'answers.jsonl');
    writeFileSync(
      answers,
      [
        JSON.stringify({ id: a.id, answer: SKILLS[a.skill]!.oracleAnswer(a) }),
        JSON.stringify({ id: b.id, answer: 'no idea' }),
        JSON.stringify({ id: 'not-a-task', answer: 'x' }),
        JSON.stringify({ id: 'x' }),
      ].join('\n'),
    );
    const r = await json(score, ['--pack', pack, '--answers', answers, '--json']);
    expect(r.code).toBe(1); // the answers file has a bad line
    const results = r.out.results as Array<{ id: string; reward: number; status: string }>;
    expect(results.find((x) => x.id === a.id)!.reward).toBe(1);
    expect(results.find((x) => x.id === b.id)!.reward).toBe(0);
    expect(results.filter((x) => x.status === 'no-answer')).toHaveLength(tasksInPack.length - 2);
    expect(r.out.unknownIds).toEqual(['not-a-task']);
    expect(r.out.badLines).toEqual([
      `${answers}:4: field 'answer': expected a string (the raw text the policy produced)`,
    ]);
  });
});
