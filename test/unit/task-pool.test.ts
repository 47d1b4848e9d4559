// The run folder's task pool (src/rl/node/setup.ts taskPool): the family set joins its options only when extended,
// so core pools keep the metadata older runs wrote (and --pool-from and resuming keep matching them).
import { mkdtempSync, readFileSync } from 'node:fs';
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
});
