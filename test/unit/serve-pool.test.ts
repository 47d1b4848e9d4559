// The reward pool's failure paths that the HTTP tests cannot reach: workers that never start.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_START_FAILURES, RewardPool } from '../../src/serve/pool.ts';
import type { TaskBase } from '../../src/tasks/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'atomgym-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('RewardPool', () => {
  it('workers that die on start fail the waiting jobs with a status instead of hanging them', async () => {
    const broken = join(dir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('cannot load the sandbox');\n");
    const pool = new RewardPool({ workers: 1, entry: pathToFileURL(broken) });
    try {
      const task = { id: 't', skill: 'review' } as TaskBase;
      const r = await pool.score(task, 'x');
      expect([r.reward, r.status]).toEqual([0, 'crash']);
      expect(r.detail).toMatch(/keep failing to start: the reward worker failed: cannot load the sandbox/);
      expect(pool.restarts).toBeGreaterThanOrEqual(MAX_START_FAILURES);
      // later jobs are answered at once while no worker is up
      const again = await pool.score(task, 'y');
      expect(again.status).toBe('crash');
    } finally {
      await pool.close();
    }
  });
});
