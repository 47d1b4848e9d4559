// `atomgym replay`: the headless page replays a saved log end to end, driven from Node as the demo and
// `atomgym train` will drive a real run: progress lines with reward and ETA, the before/after table, PNG charts.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/replay-run.jsonl', import.meta.url));

describe('atomgym replay', () => {
  it('replays a log in the headless page and writes the table and the charts', async () => {
    const out = mkdtempSync(join(tmpdir(), 'atomgym-replay-'));
    const stdout: string[] = [];
    const stderr: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...xs: unknown[]) => void stdout.push(xs.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...xs: unknown[]) => void stderr.push(xs.join(' ')));
    let code: number;
    try {
      code = await main(['replay', FIXTURE, '--max-steps', '6', '--step-ms', '300', '--out', out, '--json']);
    } finally {
      vi.restoreAllMocks();
    }
    expect(code, stderr.join('\n')).toBe(0);
    type Row = { kind: string; before: { n: number } };
    type Out = { status: string; step: number; driver: string; charts: string[]; rows: Row[] };
    const r = JSON.parse(stdout.join('\n')) as Out;
    expect(r.status).toBe('done');
    expect(r.step).toBe(6);
    expect(r.driver).toContain('replay of replay-run.jsonl');
    const kinds = ['localization', 'editing', 'test-generation', 'reproduction', 'review', 'all'];
    expect(r.rows.map((x) => x.kind)).toEqual(kinds);
    expect(r.rows.at(-1)!.before.n).toBe(20); // a quarter of 6 steps: the first step's 20 rollouts
    // Only charts the log has data for: reward, completion length, sandbox runs/s.
    const names = r.charts.map((p) => p.split('/').pop()).sort();
    expect(names).toEqual(['chart-length.png', 'chart-reward.png', 'chart-sandbox.png']);
    for (const p of r.charts) expect(readFileSync(p).subarray(1, 4).toString()).toBe('PNG');
    expect(stderr.some((l) => /^step 6\/6 · reward \d\.\d{3} · [\d.]+ s\/step · ETA/.test(l))).toBe(true);
  });
});
