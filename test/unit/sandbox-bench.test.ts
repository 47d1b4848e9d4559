// The sandbox bench's fixtures are valid: the representative repo passes all 20 tests in the QuickJS sandbox
// and the measurement helper reports what it ran (no timing assertions: those belong to the bench output).
import { describe, expect, it } from 'vitest';
import { BENCH_REPO } from '../../src/bench/sandbox-repo.ts';
import { measureRunsPerSecond } from '../../src/bench/sandbox-measure.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';

describe('sandbox bench fixtures', () => {
  it('the representative repo has 3 modules and 20 passing tests', async () => {
    const sb = await createQuickJsSandbox();
    const r = await sb.run(BENCH_REPO, { kind: 'tests' }, { timeMs: 20_000 });
    expect(r.status).toBe('ok');
    expect(r.totals).toEqual({ passed: 20, failed: 0, error: 0, timeout: 0 });
    expect(['src/strings.js', 'src/stats.js', 'src/validate.cjs'].every((p) => p in BENCH_REPO)).toBe(true);
    const m = await measureRunsPerSecond(sb, 5, 1);
    expect(m.passed).toBe(20);
    expect(m.samples).toBe(5);
    expect(m.runsPerSec).toBeGreaterThan(0);
  });
});
