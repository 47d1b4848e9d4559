// Issue 13 end to end: tasks → the three frameworks' datasets (veRL parquet read back with hyparquet), the reward
// service on worker threads, and the Python adapters called by python3 as veRL, OpenRLHF and TRL call them.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { readParquet as arrowReadParquet } from 'parquet-wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDataset } from '../../src/export/write.ts';
import { tasksFromSpec } from '../../src/export/spec.ts';
import { startService, TaskStore, type RunningService } from '../../src/serve/index.ts';
import { SKILLS } from '../../src/tasks/registry.ts';
import type { TaskBase } from '../../src/tasks/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'atomgym-export-'));
let tasks: TaskBase[] = [];
let svc: RunningService;

beforeAll(async () => {
  tasks = await tasksFromSpec({ skills: 'all', split: 'train', n: 1, seed: 5, level: 1 });
  for (const format of ['verl', 'openrlhf', 'trl'] as const)
    await exportDataset(tasks, { format, out: join(dir, format), groundTruth: 'id', source: {} });
  const store = new TaskStore();
  await store.addPack(join(dir, 'verl', 'tasks.jsonl'));
  svc = await startService({ workers: 2, store });
  await svc.pool.ready();
}, 120_000);
afterAll(async () => {
  await svc?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function readParquet(file: string): Promise<{ rows: Record<string, unknown>[]; schema: string[] }> {
  const buf = readFileSync(file);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  const schema = parquetMetadata(ab).schema.map(
    (s) => `${s.name}:${s.repetition_type ?? ''}:${s.converted_type ?? s.type ?? 'group'}`,
  );
  return { rows: (await parquetReadObjects({ file: ab })) as Record<string, unknown>[], schema };
}

/** Strings the policy must never see: hidden tests, reference files, ground-truth sets, serialized. */
function hiddenStrings(task: TaskBase): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && v.length >= 40) out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  walk(task.hidden);
  return out.filter((s) => !Object.values(task.repo.files).some((f) => f.includes(s)));
}

describe('export', () => {
  it('veRL parquet round-trips: nested prompt, reward_model, extra_info; no hidden data in prompts', async () => {
    const { rows, schema } = await readParquet(join(dir, 'verl', 'train.parquet'));
    expect(schema).toEqual([
      'schema::group',
      'data_source:OPTIONAL:UTF8',
      'prompt:OPTIONAL:LIST',
      'list:REPEATED:group',
      'element:OPTIONAL:group',
      'role:OPTIONAL:UTF8',
      'content:OPTIONAL:UTF8',
      'ability:OPTIONAL:UTF8',
      'reward_model:OPTIONAL:group',
      'style:OPTIONAL:UTF8',
      'ground_truth:OPTIONAL:UTF8',
      'extra_info:OPTIONAL:group',
      'split:OPTIONAL:UTF8',
      'index:OPTIONAL:INT64',
      'task_id:OPTIONAL:UTF8',
      'skill:OPTIONAL:UTF8',
      'level:OPTIONAL:INT64',
    ]);
    expect(rows.length).toBe(tasks.length);
    rows.forEach((row, i) => {
      const t = tasks[i];
      expect(row.data_source).toBe(`atomgym/${t.skill}`);
      expect(row.ability).toBe('code');
      expect(row.reward_model).toEqual({ style: 'rule', ground_truth: t.id });
      expect(row.extra_info).toEqual({
        split: 'train',
        index: BigInt(i),
        task_id: t.id,
        skill: t.skill,
        level: BigInt(t.level),
      });
      const prompt = row.prompt as Array<{ role: string; content: string }>;
      expect(prompt.map((m) => m.role)).toEqual(['system', 'user']);
      expect(prompt[1].content).toBe(SKILLS[t.skill]!.renderPrompt(t));
      for (const secret of hiddenStrings(t)) expect(prompt[1].content.includes(secret)).toBe(false);
    });
  });

  it("an Arrow reader (arrow-rs via parquet-wasm, as pyarrow/datasets would) sees veRL's nested types", async () => {
    const bytes = new Uint8Array(readFileSync(join(dir, 'verl', 'train.parquet')));
    const table = tableFromIPC(arrowReadParquet(bytes).intoIPCStream());
    expect(table.schema.fields.map((f) => `${f.name}: ${String(f.type)}`)).toEqual([
      'data_source: Utf8',
      'prompt: List<Struct<{role:Utf8, content:Utf8}>>',
      'ability: Utf8',
      'reward_model: Struct<{style:Utf8, ground_truth:Utf8}>',
      'extra_info: Struct<{split:Utf8, index:Int64, task_id:Utf8, skill:Utf8, level:Int64}>',
    ]);
    const { rows } = await readParquet(join(dir, 'verl', 'train.parquet'));
    expect(table.numRows).toBe(rows.length);
    for (let i = 0; i < table.numRows; i++) {
      const r = table.get(i)!.toJSON() as Record<
        string,
        { toJSON(): unknown; toArray(): Array<{ toJSON(): unknown }> }
      >;
      expect(r.prompt.toArray().map((m) => m.toJSON())).toEqual(rows[i].prompt);
      expect(r.reward_model.toJSON()).toEqual(rows[i].reward_model);
      expect(r.extra_info.toJSON()).toEqual(rows[i].extra_info);
    }
  });

  it('OpenRLHF and TRL JSONL carry the same prompts with a label / ground_truth column; the pack is the tasks', () => {
    const lines = (f: string) =>
      readFileSync(f, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const o = lines(join(dir, 'openrlhf', 'train.jsonl'));
    const t = lines(join(dir, 'trl', 'train.jsonl'));
    expect(o.map((r) => r.label)).toEqual(tasks.map((x) => x.id));
    expect(t.map((r) => r.ground_truth)).toEqual(tasks.map((x) => x.id));
    expect(Object.keys(o[0]).sort()).toEqual(['label', 'prompt', 'skill', 'task_id']);
    expect(Object.keys(t[0]).sort()).toEqual(['ground_truth', 'prompt', 'skill', 'task_id']);
    expect(t[2].prompt).toEqual(o[2].prompt);
    expect(lines(join(dir, 'trl', 'tasks.jsonl'))).toEqual(JSON.parse(JSON.stringify(tasks)));
    const manifest = JSON.parse(readFileSync(join(dir, 'verl', 'export.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.serve).toBe(`atomgym serve --pack ${join(dir, 'verl', 'tasks.jsonl')}`);
  });

  it('--ground-truth task carries the whole task, which the service scores without a pack', async () => {
    await exportDataset(tasks.slice(0, 2), {
      format: 'trl',
      out: join(dir, 'inline'),
      groundTruth: 'task',
      source: {},
    });
    const row = JSON.parse(readFileSync(join(dir, 'inline', 'train.jsonl'), 'utf8').split('\n')[1]) as {
      ground_truth: string;
    };
    const empty = await startService({ workers: 1, store: new TaskStore() });
    try {
      const task = tasks[1];
      const r = await (
        await fetch(`${empty.url}/score`, {
          method: 'POST',
          body: JSON.stringify({
            items: [
              { label: row.ground_truth, answer: SKILLS[task.skill]!.oracleAnswer(task) },
              { task_id: task.id, answer: 'x' },
            ],
          }),
        })
      ).json();
      expect(r.results.map((x: { reward: number; status: string }) => [x.reward, x.status])).toEqual([
        [1, 'ok'],
        [0, 'unknown-task'],
      ]);
    } finally {
      await empty.close();
    }
  });
});

describe('Python adapters through the service', () => {
  it('veRL compute_score(_batch), OpenRLHF reward_func and TRL score oracle and negative answers', async () => {
    const { rows } = await readParquet(join(dir, 'verl', 'train.parquet'));
    const cases: Record<string, unknown>[] = [];
    const expected: number[] = [];
    rows.forEach((row, i) => {
      const t = tasks[i];
      const extra = row.extra_info as Record<string, unknown>;
      const base = {
        data_source: row.data_source,
        ground_truth: (row.reward_model as { ground_truth: string }).ground_truth,
        extra_info: { ...extra, index: Number(extra.index), level: Number(extra.level) },
      };
      cases.push({ ...base, answer: SKILLS[t.skill]!.oracleAnswer(t) });
      expected.push(1);
      cases.push({ ...base, answer: SKILLS[t.skill]!.negativeControls(t)[0] });
      expected.push(0);
    });
    const casesFile = join(dir, 'cases.json');
    writeFileSync(casesFile, JSON.stringify(cases));
    // async: the service answers from this very process, so a blocking spawn would deadlock it.
    const { stdout: out } = await promisify(execFile)(
      'python3',
      [
        resolve('test/python/adapters_check.py'),
        resolve('python'),
        casesFile,
        join(dir, 'openrlhf', 'train.jsonl'),
        join(dir, 'trl', 'train.jsonl'),
      ],
      {
        env: { ...process.env, ATOMGYM_REWARD_URL: svc.url },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const got = JSON.parse(out) as Record<string, unknown>;
    for (const key of ['verl', 'verl_positional', 'verl_batch', 'openrlhf', 'trl', 'trl_strings'])
      expect([key, got[key]]).toEqual([key, expected]);
    expect(got.openrlhf_extra_logs).toEqual(['partial', 'prompt_not_found', 'timeout']);
    const metrics = await (await fetch(`${svc.url}/metrics`)).json();
    expect(metrics.rewards_total).toBeGreaterThanOrEqual(5 * expected.length);
    expect(metrics.errors).toBe(0);
  });
});
