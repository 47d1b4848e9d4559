// `atomgym eval` end to end on a tiny random-weights checkpoint: the real ORT sampler answers, the real QuickJS
// sandbox rewards, over a tiny pack with a composite task (end to end and composed through the scaffold); the
// report files (JSON, markdown, PNG) are written. Plus: the sampler policy is seeded, and bad input is named.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { run as evalCommand } from '../../src/cli/commands/eval.ts';
import type { EvalReport } from '../../src/eval/report.ts';
import { loadCheckpointPolicy } from '../../src/eval/node-io.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
import { tokenizerFromHfJson } from '../../src/model/tokenizer/index.ts';
import { chatTemplate } from '../../src/eval/template.ts';
import { readPack, writePack } from '../../src/tasks/pack.ts';
import type { TaskKind } from '../../src/tasks/types.ts';
import { TINY, writeTinyCheckpoint } from './eval-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'atomgym-eval-'));
const ckpt = join(dir, 'ckpt');
const pack = join(dir, 'pack.jsonl');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await writeTinyCheckpoint(ckpt);
  const sandbox = await createQuickJsSandbox();
  const kinds: TaskKind[] = ['localization', 'review', 'bug-fixing'];
  const tasks = [];
  for (const kind of kinds)
    tasks.push(...(await GENERATORS[kind]!({ split: 'test', n: 1, seed: 3, level: 1, sandbox })));
  writeFileSync(pack, writePack(tasks));
  sandbox.dispose?.();
}, 120_000);

async function quiet<T>(f: () => Promise<T>): Promise<{ value: T; out: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...xs: unknown[]) => void lines.push(xs.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    return { value: await f(), out: lines.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe('atomgym eval', () => {
  it('evaluates a pack: per kind, baselines, composite end to end and composed, report files', async () => {
    const out = join(dir, 'report');
    const argv = ['--checkpoint', ckpt, '--pack', pack, '--k', '2', '--max-new-tokens', '12', '--out', out, '--json'];
    const { value: code, out: stdout } = await quiet(() => evalCommand(parseArgs(argv)));
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as EvalReport;
    expect(report.summary.kinds.map((k) => k.kind)).toEqual(['localization', 'review', 'bug-fixing']);
    for (const r of report.results) {
      expect(r.sampled).toHaveLength(2);
      expect(typeof r.greedy.reward).toBe('number');
      // The policy's answers are kept (what the scores are made of); the baselines' fixed answers are not.
      for (const a of [...r.sampled, r.greedy]) expect(typeof a.answer).toBe('string');
      for (const b of Object.values(r.baselines)) expect(b.answer).toBeUndefined();
    }
    // The task suite's baselines are scored beside the policy; level 1 picks one of several modules, so naming
    // every file earns nothing.
    const loc = report.summary.kinds.find((k) => k.kind === 'localization')!;
    expect(Object.keys(loc.baselines)).toEqual(expect.arrayContaining(['every-file', 'first-file', 'random-file']));
    expect(loc.baselines['every-file'].mean).toBe(0);
    expect(loc.bestBaseline).toBeDefined();
    const review = report.summary.kinds.find((k) => k.kind === 'review')!;
    expect(review.baselines['always-approve'].mean + review.baselines['always-reject'].mean).toBeLessThanOrEqual(1);
    // A random policy earns nothing on the composite task; the composed run made the scaffold's model calls.
    const bug = report.results.find((r) => r.kind === 'bug-fixing')!;
    expect(bug.composed).toBeDefined();
    expect(bug.composed!.sampled).toHaveLength(2);
    expect(bug.composed!.modelCalls).toBeGreaterThanOrEqual(3 * 4); // ≥ reproduce, localize, edit, review per run
    expect(report.summary.kinds.find((k) => k.kind === 'bug-fixing')!.composed).toBeDefined();
    expect(report.summary.tenTask.kinds).toHaveLength(3);
    expect(report.policyStats.prompts).toBeGreaterThan(0);
    // A prompt longer than the context less the answer's room was rendered shorter, and marked; no other was.
    const tok = tokenizerFromHfJson(readFileSync('public/tokenizer/micro.json', 'utf8'), 'micro.json');
    const room = (p: string) => chatTemplate.encodePrompt(tok, p).length <= TINY.max_position_embeddings - 12;
    const tasks = readPack(readFileSync(pack, 'utf8'), pack);
    for (const [i, t] of tasks.entries()) {
      const full = SKILLS[t.skill]!.renderPrompt(t);
      expect(report.results[i].fitted ?? false, t.id).toBe(SKILLS[t.skill]!.renderPrompt(t, room) !== full);
      if (report.results[i].fitted) expect(room(full)).toBe(false);
      // Each task's reference answer is counted in the policy's tokens (the answer, then the end token).
      const oracle = SKILLS[t.skill]!.oracleAnswer(t);
      expect(report.results[i].oracleTokens, t.id).toBe(tok.encode(oracle).length + 1);
    }
    // Over the 12-token budget: the report names the kinds whose reference answers cannot be sampled whole.
    const over = report.results.filter((r) => r.oracleTokens! > 12);
    expect(over.length).toBeGreaterThan(0);
    const overKinds = [...new Set(over.map((r) => r.kind))];
    const overParts = overKinds.map((k) => `${k} 1/1`).join(', ');
    const budget = `Reference answers longer than the 12-token answer budget: ${overParts}.`;
    expect(existsSync(join(out, 'eval.json'))).toBe(true);
    const md = readFileSync(join(out, 'eval.md'), 'utf8');
    // The level-1 localization prompt (every module in full) is longer than the tiny context: it was fitted.
    expect(report.results.find((r) => r.kind === 'localization')!.fitted).toBe(true);
    expect(md).toMatch(/Prompts shortened to fit the context .*: localization 1\/1\./);
    expect(md).toContain(budget);
    expect(md).toMatch(/\| localization \| 1 \|/);
    expect(md).toMatch(/3-task average/);
    // The first localization task's greedy answer, verbatim in a fence.
    const firstLoc = report.results.find((r) => r.kind === 'localization')!;
    expect(md).toContain(`**localization** \`${firstLoc.id}\``);
    expect(md).toContain(firstLoc.greedy.answer!.slice(0, 40));
    const png = readFileSync(join(out, 'eval.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBeGreaterThan(500); // width from the IHDR chunk

    // Against itself as the base (its eval.json): zero change everywhere, both formulas 0.
    const again = join(dir, 'again');
    const { value: code2, out: out2 } = await quiet(() =>
      evalCommand(
        parseArgs([...argv.slice(0, -3), '--out', again, '--base', join(out, 'eval.json'), '--no-png', '--json']),
      ),
    );
    expect(code2).toBe(0);
    const cmp = (JSON.parse(out2) as EvalReport).comparison!;
    expect(cmp.change.localization!.mean).toBe(0);
    expect([0, null]).toContain(cmp.relative.ratioOfMeans); // null when the base scores 0 everywhere
    expect(readFileSync(join(again, 'eval.md'), 'utf8')).toMatch(/ratio of means/);
  }, 240_000);

  it('the sampler policy is seeded: the same seed gives the same answers, another seed others', async () => {
    const policy = await loadCheckpointPolicy(ckpt, { backend: 'wasm' });
    try {
      const opts = { temperature: 1, k: 2, seed: 11, maxNewTokens: 8 };
      const a = await policy.answer(['write a test', 'fix the bug'], opts);
      const b = await policy.answer(['write a test', 'fix the bug'], opts);
      const c = await policy.answer(['write a test', 'fix the bug'], { ...opts, seed: 12 });
      expect(b).toEqual(a);
      expect(c).not.toEqual(a);
      expect(a[0]).toHaveLength(2);
      await expect(policy.answer(['x'], { ...opts, temperature: 0 })).rejects.toThrow(/k = 1/);
    } finally {
      await policy.release();
    }
  });

  it('names a missing checkpoint file and an unknown kind', async () => {
    const { value: code } = await quiet(() =>
      evalCommand(
        parseArgs(['--checkpoint', join(dir, 'nope'), '--pack', pack, '--out', join(dir, 'x'), '--no-png']),
      ).catch((e: Error) => e.message),
    );
    expect(String(code)).toMatch(/nope\/config\.json: missing file/);
    await expect(
      evalCommand(parseArgs(['--checkpoint', ckpt, '--pack', pack, '--skills', 'cooking', '--out', join(dir, 'x')])),
    ).rejects.toThrow(/unknown skill or kind 'cooking'/);
  });
});
