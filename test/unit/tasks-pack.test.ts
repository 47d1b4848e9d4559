// Pack IO: malformed lines are reported with file, line and field, all of them, and nothing is dropped silently.
import { describe, expect, it } from 'vitest';
import { PackError, parsePack, readPack, writePack } from '../../src/tasks/pack.ts';
import type { TaskBase } from '../../src/tasks/types.ts';

const good: TaskBase = {
  id: 't1',
  skill: 'localization',
  level: 1,
  split: 'train',
  repo: { files: { 'src/a.js': 'export const a = 1;\n' } },
  hidden: { files: ['src/a.js'] },
  meta: { source: 'procedural', family: 'clamp', promptChars: 10 },
};

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
    expect(where).toEqual(['2:(line)', '3:level', '4:skill', '4:repo.files.a.js', '6:id', '7:meta.promptChars', '8:repo.files.../escape.js']);
    expect(problems.every((p) => p.file === 'bad.jsonl')).toBe(true);
    expect(() => readPack(lines.join('\n'), 'bad.jsonl')).toThrow(PackError);
    try {
      readPack(lines.join('\n'), 'bad.jsonl');
    } catch (e) {
      expect((e as PackError).problems).toHaveLength(7);
      expect((e as Error).message).toContain("bad.jsonl:3: field 'level'");
    }
  });
});
