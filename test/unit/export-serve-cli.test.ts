// `atomgym export` and `atomgym serve` as a user runs them: the export command's files and --json summary, and the
// serve command as a separate process (--port 0 --json), answering a scored request and exiting cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args.ts';
import { run as exportCmd } from '../../src/cli/commands/export.ts';
import { SKILLS } from '../../src/tasks/registry.ts';
import { readPack } from '../../src/tasks/pack.ts';

const dir = mkdtempSync(join(tmpdir(), 'atomgym-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function exportJson(argv: string[]): Promise<Record<string, unknown>> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((...xs: unknown[]) => void lines.push(xs.join(' ')));
  try {
    expect(await exportCmd(parseArgs(argv))).toBe(0);
    return JSON.parse(lines.join('\n')) as Record<string, unknown>;
  } finally {
    spy.mockRestore();
  }
}

describe('atomgym export / serve', () => {
  it('export writes the dataset, the pack and the manifest; bad flags are usage errors', async () => {
    const out = join(dir, 'o');
    const s = await exportJson([
      '--format',
      'openrlhf',
      '--skills',
      'review,localization',
      '--split',
      'val',
      '--n',
      '2',
      '--seed',
      '4',
      '--level',
      '1',
      '--out',
      out,
      '--json',
    ]);
    expect(s).toMatchObject({
      format: 'openrlhf',
      rows: 4,
      perSkill: { review: 2, localization: 2 },
      dataset: join(out, 'val.jsonl'),
    });
    expect(readFileSync(join(out, 'val.jsonl'), 'utf8').trim().split('\n')).toHaveLength(4);
    expect(readPack(readFileSync(join(out, 'tasks.jsonl'), 'utf8'), 'tasks.jsonl').map((t) => t.split)).toEqual([
      'val',
      'val',
      'val',
      'val',
    ]);
    // --pack re-exports a pack in another format without regenerating it
    const v = await exportJson([
      '--format',
      'verl',
      '--pack',
      join(out, 'tasks.jsonl'),
      '--out',
      join(dir, 'v'),
      '--json',
    ]);
    expect(v.rows).toBe(4);
    expect(existsSync(join(dir, 'v', 'val.parquet'))).toBe(true);
    await expect(exportCmd(parseArgs(['--format', 'csv', '--n', '1', '--out', dir]))).rejects.toThrow(UsageError);
    await expect(
      exportCmd(parseArgs(['--format', 'trl', '--skills', 'juggling', '--n', '1', '--out', dir])),
    ).rejects.toThrow(/unknown skill "juggling"/);
  });

  it('serve runs as its own process, scores, and stops on SIGTERM', async () => {
    const pack = join(dir, 'o', 'tasks.jsonl');
    const task = readPack(readFileSync(pack, 'utf8'), pack)[0];
    const child = spawn(
      process.execPath,
      ['bin/atomgym.mjs', 'serve', '--port', '0', '--workers', '1', '--pack', pack, '--json'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const info = await new Promise<{ url: string; tasks: number }>((resolve, reject) => {
        let buf = '';
        child.stdout.on('data', (c: Buffer) => {
          buf += c.toString();
          if (buf.includes('\n')) resolve(JSON.parse(buf.split('\n')[0]) as { url: string; tasks: number });
        });
        child.on('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
      });
      expect(info.tasks).toBe(4);
      const r = await fetch(`${info.url}/get_reward`, {
        method: 'POST',
        body: JSON.stringify({ query: [SKILLS[task.skill]!.oracleAnswer(task)], labels: [task.id] }),
      });
      expect((await r.json()).rewards).toEqual([1]);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
