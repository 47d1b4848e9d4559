// The run folder's task pool (src/rl/node/setup.ts taskPool): the family set joins its options only when extended,
// so core pools keep the metadata older runs wrote (and --pool-from and resuming keep matching them).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { taskPool } from '../../src/rl/node/setup.ts';
import { EXTENDED_FAMILIES } from '../../src/tasks/world/families/extended/index.ts';

const quiet = () => {};

describe('taskPool and the family set', () => {
  it('writes the old metadata for core pools and names the family set for extended ones', async () => {
    const core = mkdtempSync(join(tmpdir(), 'atomgym-pool-core-'));
    const options = { kinds: ['editing' as const], levels: [1], perKind: 4, seed: 1 };
    await taskPool(core, { ...options, families: 'core' }, quiet);
    expect(readFileSync(join(core, 'tasks.meta.json'), 'utf8')).toBe(
      '{"kinds":["editing"],"levels":[1],"perKind":4,"seed":1}',
    );

    const extended = mkdtempSync(join(tmpdir(), 'atomgym-pool-ext-'));
    const tasks = await taskPool(extended, { ...options, perKind: 8, families: 'extended' }, quiet);
    expect(JSON.parse(readFileSync(join(extended, 'tasks.meta.json'), 'utf8')).families).toBe('extended');
    const names = new Set(EXTENDED_FAMILIES.map((f) => f.name));
    expect(tasks.some((t) => names.has(t.meta.family))).toBe(true);
    // The same folder asked for the core pool is refused, naming both option sets.
    await expect(taskPool(extended, { ...options, perKind: 8 }, quiet)).rejects.toThrow(/"families":"extended"/);
  });

  it('generates per-skill counts where given and records them; a pool without them keeps its metadata', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomgym-pool-mix-'));
    const kinds = ['editing' as const, 'review' as const];
    const options = { kinds, levels: [1], perKind: 2, seed: 1 };
    const tasks = await taskPool(dir, { ...options, perKindOf: { editing: 5 } }, quiet);
    expect(tasks.filter((t) => t.skill === 'editing')).toHaveLength(5);
    expect(tasks.filter((t) => t.skill === 'review')).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(dir, 'tasks.meta.json'), 'utf8')).perKindOf).toEqual({ editing: 5 });
    await expect(taskPool(dir, options, quiet)).rejects.toThrow(/"perKindOf":\{"editing":5\}/);
    const plain = mkdtempSync(join(tmpdir(), 'atomgym-pool-plain-'));
    await taskPool(plain, { ...options, perKindOf: {} }, quiet);
    expect(readFileSync(join(plain, 'tasks.meta.json'), 'utf8')).toBe(
      '{"kinds":["editing","review"],"levels":[1],"perKind":2,"seed":1}',
    );
  });

  it('a run killed between the metadata and the pool makes the same pool again; no temp file left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomgym-pool-killed-'));
    const options = { kinds: ['review' as const], levels: [1], perKind: 3, seed: 2 };
    const first = await taskPool(dir, options, quiet);
    expect(readdirSync(dir).sort()).toEqual(['tasks.jsonl', 'tasks.meta.json']);
    rmSync(join(dir, 'tasks.jsonl')); // what a kill between the two writes leaves
    const again = await taskPool(dir, options, quiet);
    expect(again.map((t) => t.id)).toEqual(first.map((t) => t.id));
    expect(readdirSync(dir).sort()).toEqual(['tasks.jsonl', 'tasks.meta.json']);
  });
});
