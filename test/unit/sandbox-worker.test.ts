// The worker-hosted QuickJS sandbox in Node: same results as in-thread, and the watchdog ends a guest stuck
// inside one long built-in call (which QuickJS's interrupt handler cannot reach), then recovers.
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeWorkerSandbox } from '../../src/sandbox/worker/node.ts';

// No grace: the watchdog fires at the limit itself, while the guest is still inside one long sort() call.
const sb = createNodeWorkerSandbox({ graceMs: 0 });
afterAll(() => sb.dispose());

describe('QuickJS in a Node worker thread', () => {
  it('runs tests, kills a stuck guest after its limit plus grace, and serves the next run', async () => {
    const repo = {
      'lib.js': 'export const twice = (x) => 2 * x;',
      'a.test.js':
        "import { twice } from './lib.js';\nit('ok', () => { expect(twice(2)).toBe(4); });\nit('bad', () => { expect(twice(2)).toBe(5); });",
    };
    const first = await sb.run(repo, { kind: 'tests' });
    expect(first.tests.map((t) => [t.name, t.status])).toEqual([
      ['ok', 'passed'],
      ['bad', 'failed'],
    ]);
    const t0 = performance.now();
    // Default sort of 4e6 numbers compares their string forms in C: seconds inside one call, no interrupt polls.
    const stuck = await sb.run(
      { 'a.test.js': "it('stuck', () => { const a = new Array(4e6).fill(7); a.sort(); a.sort(); });" },
      { kind: 'tests' },
      { timeMs: 50 },
    );
    const elapsed = performance.now() - t0;
    expect(stuck.status).toBe('timeout');
    expect(stuck.limitHit).toBe('time');
    expect(stuck.message).toContain('terminated');
    expect(elapsed).toBeLessThan(30_000); // a generous bound: without the watchdog the two sorts run to the end
    expect(sb.restarts).toBe(1);
    const after = await sb.run(repo, { kind: 'tests' });
    expect(after.totals).toEqual({ passed: 1, failed: 1, error: 0, timeout: 0 });
  });

  it('reports malformed input without involving the worker', async () => {
    const r = await sb.run({ 'a.js': null } as unknown as Record<string, string>, { kind: 'tests' });
    expect(r.status).toBe('load-error');
    expect(r.message).toContain('"a.js"');
  });
});
