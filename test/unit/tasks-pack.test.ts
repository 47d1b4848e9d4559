// Pack IO: malformed lines are reported with file, line and field, all of them, and nothing is dropped silently.
import { describe, expect, it } from 'vitest';
import { PackError, parsePack, readPack, writePack } from '../../src/tasks/pack.ts';
import { PACK_LIMITS } from '../../src/tasks/pack-fields.ts';
import type { TaskBase } from '../../src/tasks/types.ts';

const good: TaskBase = {
  id: 't1',
  skill: 'localization',
  level: 1,
  split: 'train',
  repo: { files: { 'src/a.js': 'export const a = 1;\n' } },
  hidden: { files: ['src/a.js'] },
  meta: { source: 'procedural', family: 'clamp', promptChars: 10 },
  issue: 'a() is wrong',
} as TaskBase;

describe('pack IO', () => {
  it('round-trips tasks', () => {
    const text = writePack([good, { ...good, id: 't2' }]);
    expect(readPack(text, 'p.jsonl').map((t) => t.id)).toEqual(['t1', 't2']);
  });

  it('reports every bad line with file, line and field', () => {
    const lines = [
      JSON.stringify(good),
      '{not json',
      JSON.stringify({ ...good, id: 't3', level: 9 }),
      JSON.stringify({ ...good, id: 't4', skill: 'juggling', repo: { files: { 'a.js': 3 } } }),
      '',
      JSON.stringify({ ...good }),
      JSON.stringify({ ...good, id: 't6', meta: { source: 'procedural', family: 'x' } }),
      JSON.stringify({ ...good, id: 't7', repo: { files: { '../escape.js': '' } } }),
    ];
    const { tasks, problems } = parsePack(lines.join('\n'), 'bad.jsonl');
    expect(tasks.map((t) => t.id)).toEqual(['t1']);
    const where = problems.map((p) => `${p.line}:${p.field}`);
    expect(where).toEqual([
      '2:(line)',
      '3:level',
      '4:skill',
      '4:repo.files.a.js',
      '6:id',
      '7:meta.promptChars',
      '8:repo.files.../escape.js',
    ]);
    expect(problems.every((p) => p.file === 'bad.jsonl')).toBe(true);
    expect(() => readPack(lines.join('\n'), 'bad.jsonl')).toThrow(PackError);
    try {
      readPack(lines.join('\n'), 'bad.jsonl');
    } catch (e) {
      expect((e as PackError).problems).toHaveLength(7);
      expect((e as Error).message).toContain("bad.jsonl:3: field 'level'");
    }
  });

  // Each kind's fields that set a limit (time, runs) or a size (files, strings) are bounded at load.
  const base = {
    level: 1,
    split: 'train',
    meta: { source: 'user', family: 'x', promptChars: 1 },
    repo: { files: { 'src/a.js': 'export const a = 1;\n' } },
  };
  const kinds: Record<string, Record<string, unknown>> = {
    editing: {
      skill: 'editing',
      file: 'src/a.js',
      instruction: 'fix',
      location: { fn: 'a', startLine: 1, endLine: 1 },
      hidden: { fixedSource: 'x', hiddenTests: {}, expectedTests: 3 },
    },
    'test-generation': {
      skill: 'test-generation',
      module: 'src/a.js',
      fn: 'a',
      testPath: 't.test.js',
      hidden: { oracleTest: 'x', variants: [{ source: 'y' }] },
    },
    reproduction: {
      skill: 'reproduction',
      issue: 'i',
      testPath: 't.test.js',
      hidden: { file: 'src/a.js', fixedSource: 'x', oracleTest: 'y', fn: 'a', module: 'src/a.js' },
    },
    review: {
      skill: 'review',
      diff: 'd',
      context: '',
      file: 'src/a.js',
      fn: 'a',
      hidden: { verdict: 'request-changes', line: 3, lineText: 'x' },
    },
    'bug-fixing': {
      skill: 'bug-fixing',
      statement: 's',
      hidden: { tests: { 't.test.js': 'x' }, testCount: 2, oracle: 'o', negatives: ['n'], changedFiles: ['src/a.js'] },
    },
  };
  // `any`: test data is patched field by field, shapes differ per kind.
  const line = (kind: string, patch: (t: Record<string, any>) => void, id = kind): string => {
    const t = structuredClone({ id, ...base, ...kinds[kind] }) as Record<string, any>;
    patch(t);
    return JSON.stringify(t);
  };

  it('accepts a valid task of each kind', () => {
    const { problems } = parsePack(
      Object.keys(kinds)
        .map((k) => line(k, () => undefined))
        .join('\n'),
      'ok.jsonl',
    );
    expect(problems).toEqual([]);
  });

  it('bounds every field that sets a limit or a size, naming file, line and field', () => {
    const cases: Array<[string, (t: Record<string, any>) => void, string]> = [
      ['editing', (t) => (t.hidden.expectedTests = 1e9), 'hidden.expectedTests'],
      ['editing', (t) => (t.hidden.expectedTests = -1), 'hidden.expectedTests'],
      ['editing', (t) => (t.hidden.expectedTests = '5'), 'hidden.expectedTests'],
      ['editing', (t) => (t.file = 'constructor'), 'file'],
      [
        'editing',
        (t) => (t.hidden.hiddenTests = { 'h.test.js': 'x'.repeat(PACK_LIMITS.fileChars + 1) }),
        'hidden.hiddenTests.h.test.js',
      ],
      [
        'test-generation',
        (t) => (t.hidden.variants = Array.from({ length: 1000 }, () => ({ source: 'y' }))),
        'hidden.variants',
      ],
      ['test-generation', (t) => (t.hidden.variants = []), 'hidden.variants'],
      ['test-generation', (t) => (t.hidden.variants = [{ source: 7 }]), 'hidden.variants[0].source'],
      ['reproduction', (t) => (t.hidden.file = '__proto__'), 'hidden.file'],
      ['review', (t) => (t.hidden.line = 1e12), 'hidden.line'],
      ['review', (t) => (t.hidden.verdict = 'maybe'), 'hidden.verdict'],
      ['bug-fixing', (t) => (t.hidden.testCount = 1e9), 'hidden.testCount'],
      ['bug-fixing', (t) => (t.hidden.negatives = Array(100).fill('n')), 'hidden.negatives'],
      ['bug-fixing', (t) => (t.statement = 's'.repeat(PACK_LIMITS.textChars + 1)), 'statement'],
      [
        'bug-fixing',
        (t) =>
          (t.repo.files = Object.fromEntries(
            Array.from({ length: PACK_LIMITS.files + 1 }, (_, i) => [`f${i}.js`, '']),
          )),
        'repo.files',
      ],
      [
        'bug-fixing',
        (t) => (t.repo.files = { ['p'.repeat(PACK_LIMITS.pathChars + 1)]: '' }),
        `repo.files.${'p'.repeat(80)}`,
      ],
    ];
    const text = cases.map(([k, patch], i) => line(k, patch, `c${i}`)).join('\n');
    const { tasks, problems } = parsePack(text, 'hostile.jsonl');
    expect(tasks).toEqual([]);
    for (const [i, [, , field]] of cases.entries()) {
      expect(
        problems.filter((p) => p.line === i + 1).map((p) => p.field),
        `case ${i}`,
      ).toContain(field);
    }
    expect(problems.every((p) => p.file === 'hostile.jsonl')).toBe(true);
  });

  it('refuses a task line past the size bound before parsing it', () => {
    const huge = line('editing', (t) => (t.instruction = 'x'.repeat(PACK_LIMITS.lineChars)));
    const { problems } = parsePack(huge, 'big.jsonl');
    expect(problems).toEqual([expect.objectContaining({ file: 'big.jsonl', line: 1, field: '(line)' })]);
  });
});
