// The reward service under bad input and load: every request gets reward 0 with a status or a 4xx with a message,
// nothing is lost, a runaway reward is cut off by the pool's watchdog, and the service keeps answering.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasksFromSpec } from '../../src/export/spec.ts';
import { startService, TaskStore, type RunningService } from '../../src/serve/index.ts';
import { SKILLS } from '../../src/tasks/registry.ts';
import type { TaskBase } from '../../src/tasks/types.ts';

let tasks: TaskBase[] = [];
let svc: RunningService;
const store = new TaskStore();
const byKind = (k: string) => tasks.find((t) => t.skill === k)!;

beforeAll(async () => {
  tasks = await tasksFromSpec({
    skills: 'localization,editing,test-generation,review',
    split: 'train',
    n: 1,
    seed: 11,
    level: 1,
  });
  store.add(tasks, 'test');
  svc = await startService({ workers: 2, store, limits: { maxBodyBytes: 2 ** 20, maxItems: 300 } });
  await svc.pool.ready();
}, 120_000);
afterAll(async () => svc?.close());

async function post(
  path: string,
  body: unknown,
  url = svc.url,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/** A chunked upload with no content-length, so only the streaming limit can stop it. */
function chunkedPost(url: string, chunks: number, chunkBytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/score`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(chunkBytes, 'a');
    for (let i = 0; i < chunks; i++) req.write(chunk);
    req.end();
  });
}

const oracle = (t: TaskBase) => SKILLS[t.skill]!.oracleAnswer(t);
const fence = (code: string) => '```js\n' + code + '\n```';
const LOOP = fence('expect(1).toBe(1);\nwhile (true) {}');
const BOMB = fence('expect(1).toBe(1);\nconst a = [];\nfor (;;) a.push(new Array(1e5).fill(7));');

describe('bad input', () => {
  it('malformed or mis-shaped requests get a 4xx naming the problem', async () => {
    const cases: Array<[string, unknown, number, RegExp]> = [
      ['/get_reward', '{"query": [', 400, /malformed JSON/],
      ['/get_reward', '[1,2]', 400, /must be a JSON object/],
      ['/get_reward', { query: ['a'] }, 400, /--label_key/],
      ['/get_reward', { query: ['a', 'b'], labels: ['x'] }, 400, /'labels' has 1 entries but 'query' has 2/],
      ['/get_reward', { query: ['a'], labels: [7] }, 400, /'labels\[0\]' must be a string/],
      ['/get_reward', { query: [], labels: [] }, 400, /no completions/],
      ['/score', { items: 'x' }, 400, /'items' must be a list/],
      ['/score', { items: [null] }, 400, /items\[0\] must be an object/],
      [
        '/score',
        { items: Array.from({ length: 301 }, () => ({ task_id: 'x', answer: '' })) },
        413,
        /301 completions.*limit is 300/,
      ],
      ['/nope', {}, 404, /no route \/nope/],
    ];
    for (const [path, body, code, message] of cases) {
      const r = await post(path, body);
      expect([path, r.status]).toEqual([path, code]);
      expect(String(r.json.error)).toMatch(message);
    }
    const get = await fetch(`${svc.url}/score`);
    expect(get.status).toBe(405);
  });

  it('huge bodies get 413, whether declared or streamed', async () => {
    const declared = await post('/score', { items: [{ task_id: tasks[0].id, answer: 'x'.repeat(2 ** 21) }] });
    expect(declared.status).toBe(413);
    expect(String(declared.json.error)).toMatch(/exceeds the limit of 1048576 bytes/);
    const streamed = await chunkedPost(svc.url, 40, 64 * 1024);
    expect(streamed.status).toBe(413);
    expect(streamed.body).toMatch(/exceeds the limit/);
  });

  it('unknown ids, bad inline tasks, non-string and oversized answers score 0 with a status', async () => {
    const t = byKind('localization');
    const r = await post('/score', {
      items: [
        { task_id: 'no-such-task', answer: 'x' },
        { task: { id: 'x', skill: 'editing' }, answer: 'x' },
        { task_id: t.id, answer: 42 },
        { task_id: t.id, answer: 'y'.repeat(200_001) },
        { task_id: t.id, answer: oracle(t) },
      ],
    });
    expect(r.status).toBe(200);
    const got = (r.json.results as Array<{ reward: number; status: string; detail: string }>).map((x) => [
      x.reward,
      x.status,
    ]);
    expect(got).toEqual([
      [0, 'unknown-task'],
      [0, 'bad-label'],
      [0, 'malformed-answer'],
      [0, 'answer-too-large'],
      [1, 'ok'],
    ]);
  });

  it('answers that loop or bomb memory score 0 inside their limits', async () => {
    const t = byKind('test-generation');
    const r = await post('/score', {
      items: [
        { task_id: t.id, answer: LOOP },
        { task_id: t.id, answer: BOMB },
        { task_id: t.id, answer: oracle(t) },
      ],
    });
    const res = r.json.results as Array<{ reward: number; status: string; detail: string }>;
    expect(res.map((x) => x.reward)).toEqual([0, 0, 1]);
    expect(res[0].detail).toMatch(/timeout/);
    expect(res[1].detail).toMatch(/memory/);
  });

  it('a reward that overruns the job budget is cut off by the watchdog; the pool replaces the worker', async () => {
    const tight = await startService({ workers: 1, store, jobTimeoutMs: 400 });
    try {
      await tight.pool.ready();
      const t = byKind('test-generation');
      const r = await post('/score', { items: [{ task_id: t.id, answer: LOOP }] }, tight.url);
      const res = (r.json.results as Array<{ reward: number; status: string; detail: string }>)[0];
      expect([res.reward, res.status]).toEqual([0, 'timeout']);
      expect(res.detail).toMatch(/longer than 400 ms; its worker was terminated/);
      expect(tight.pool.restarts).toBe(1);
      const after = await post(
        '/score',
        { items: [{ task_id: byKind('review').id, answer: oracle(byKind('review')) }] },
        tight.url,
      );
      expect((after.json.results as Array<{ reward: number }>)[0].reward).toBe(1);
      const m = await (await fetch(`${tight.url}/metrics`)).json();
      expect(m.timeouts).toBe(1);
    } finally {
      await tight.close();
    }
  });
});

describe('load', () => {
  it('1,000 concurrent requests on 127.0.0.1 are all answered; the service stays up', async () => {
    const kinds = ['localization', 'editing', 'review', 'test-generation'];
    const rssBefore = process.memoryUsage().rss;
    const jobs = Array.from({ length: 1000 }, async (_, i) => {
      const t = byKind(kinds[i % kinds.length]);
      switch (i % 5) {
        case 0:
          return {
            i,
            ...(await post('/get_reward', { query: ['P' + oracle(t)], prompts: ['P'], labels: [t.id] })),
            want: 1,
          };
        case 1:
          return { i, ...(await post('/score', { items: [{ task_id: `missing-${i}`, answer: 'x' }] })), want: 0 };
        case 2:
          return { i, ...(await post('/score', '{"items": [')), want: 400 };
        case 3:
          return {
            i,
            ...(await post('/score', { items: [{ task_id: t.id, answer: SKILLS[t.skill]!.negativeControls(t)[0] }] })),
            want: 0,
          };
        default:
          return { i, ...(await post('/score', { items: [{ task_id: t.id, answer: oracle(t) }] })), want: 1 };
      }
    });
    const settled = await Promise.allSettled(jobs);
    const lost = settled.filter((s) => s.status === 'rejected');
    const why = (e: Error) => `${e.message} (${(e.cause as { code?: string } | undefined)?.code ?? 'no cause'})`;
    expect(lost.map((s) => why((s as PromiseRejectedResult).reason as Error))).toEqual([]);
    let wrong = 0;
    for (const s of settled) {
      const r = (s as PromiseFulfilledResult<{ status: number; json: Record<string, unknown>; want: number }>).value;
      if (r.want === 400) wrong += r.status === 400 && typeof r.json.error === 'string' ? 0 : 1;
      else {
        const reward = r.json.rewards
          ? (r.json.rewards as number[])[0]
          : (r.json.results as Array<{ reward: number }>)[0].reward;
        wrong += r.status === 200 && reward === r.want ? 0 : 1;
      }
    }
    expect(wrong).toBe(0);
    const health = await (await fetch(`${svc.url}/health`)).json();
    expect(health.ok).toBe(true);
    expect(health.pool.queued).toBe(0);
    const m = await (await fetch(`${svc.url}/metrics`)).json();
    expect(m.errors).toBeGreaterThanOrEqual(200); // the 200 malformed bodies, counted as rejected
    expect(m.statuses.crash ?? 0).toBe(0);
    // Bounded: 1,000 small requests must not grow the process by more than a few hundred MB.
    expect((process.memoryUsage().rss - rssBefore) / 2 ** 20).toBeLessThan(400);
  });

  it('past the queue bound new requests get 429 with a message, and every request is still answered', async () => {
    const small = await startService({ workers: 1, store, limits: { maxQueued: 20 } });
    try {
      await small.pool.ready();
      const t = byKind('editing');
      const items = Array.from({ length: 8 }, () => ({ task_id: t.id, answer: oracle(t) }));
      const res = await Promise.all(Array.from({ length: 30 }, () => post('/score', { items }, small.url)));
      const codes = res.map((r) => r.status);
      expect(codes.every((c) => c === 200 || c === 429)).toBe(true);
      expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
      expect(codes.filter((c) => c === 200).length).toBeGreaterThan(0);
      for (const r of res.filter((x) => x.status === 429)) expect(String(r.json.error)).toMatch(/busy.*retry later/);
      for (const r of res.filter((x) => x.status === 200))
        expect((r.json.results as Array<{ reward: number }>).every((x) => x.reward === 1)).toBe(true);
    } finally {
      await small.close();
    }
  });

  it('past the in-flight body budget new requests get 429; held bytes are released', async () => {
    const tight = await startService({ workers: 1, store, limits: { maxInFlightBytes: 250_000 } });
    try {
      await tight.pool.ready();
      const t = byKind('editing');
      const items = Array.from({ length: 16 }, () => ({ task_id: t.id, answer: oracle(t) }));
      const body = { items, pad: 'x'.repeat(100_000) }; // unknown fields are ignored; they only make the body big
      const res = await Promise.all(Array.from({ length: 8 }, () => post('/score', body, tight.url)));
      const codes = res.map((r) => r.status);
      expect(codes.every((c) => c === 200 || c === 429)).toBe(true);
      expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
      expect(codes.filter((c) => c === 200).length).toBeGreaterThan(0);
      for (const r of res.filter((x) => x.status === 429)) expect(String(r.json.error)).toMatch(/bodies in flight/);
      for (const r of res.filter((x) => x.status === 200)) {
        expect((r.json.results as Array<{ reward: number }>).every((x) => x.reward === 1)).toBe(true);
      }
      const m = await (await fetch(`${tight.url}/metrics`)).json();
      expect(m.body_bytes_in_flight).toBe(0);
    } finally {
      await tight.close();
    }
  });
});
