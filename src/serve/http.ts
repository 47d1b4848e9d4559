// The reward service's HTTP layer (node:http): routes, body limits, request shapes, and answers.
//   POST /get_reward  OpenRLHF's remote reward protocol: {query, prompts, labels} → {rewards, scores, extra_logs}
//   POST /score       plain batch: {items: [{task_id | task | label, answer}]} → {results: [...]}
//   GET  /health      liveness and pool state;  GET /metrics  counters (metrics.ts)
// Every completion ends in a number: a bad item (unknown task, bad label, oversized answer) gets reward 0 with a
// status; a bad request as a whole (malformed JSON, wrong shape, too large, overload) gets a 4xx with a message.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { MAX_ANSWER_CHARS } from '../tasks/skills/answer.ts';
import type { RewardResult, TaskBase } from '../tasks/types.ts';
import { Metrics } from './metrics.ts';
import type { RewardPool } from './pool.ts';
import type { TaskStore } from './tasks.ts';

export interface ServiceLimits {
  /** Largest request body; larger ones get 413 (default 32 MiB). */
  maxBodyBytes: number;
  /** Most completions in one request (default 4096). */
  maxItems: number;
  /** Most completions waiting for a worker across all requests; past it new requests get 429 (default 65,536). */
  maxQueued: number;
  /**
   * Request-body bytes held at once across all requests, from the first byte read until the answer is sent; past it
   * a request gets 429. With the per-request limit this bounds the memory requests can pin (default 512 MiB).
   */
  maxInFlightBytes: number;
}

export const DEFAULT_LIMITS: ServiceLimits = {
  maxBodyBytes: 32 * 2 ** 20,
  maxItems: 4096,
  maxQueued: 65_536,
  maxInFlightBytes: 512 * 2 ** 20,
};

/** Body bytes held by requests in progress, shared by all of them. */
interface Budget {
  used: number;
  readonly max: number;
}

class HttpError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface ScoredItem extends RewardResult {
  task_id: string | null;
  skill: string | null;
}

export interface Service {
  server: Server;
  metrics: Metrics;
  /** Scores one completion against a label (task id or inline task); never rejects. */
  scoreOne(label: unknown, answer: unknown): Promise<ScoredItem>;
}

function send(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** Reads the body up to the limit; past it the rest is discarded and the request ends in 413. */
/**
 * Reads the body up to the limit, holding its bytes against the shared budget (`hold.bytes`, released by the caller
 * when the answer is sent). Past the limit the rest is discarded and the request ends in 413; past the budget, 429.
 */
function readBody(req: IncomingMessage, limit: number, budget: Budget, hold: { bytes: number }): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(
      new HttpError(413, `request body of ${declared} bytes exceeds the limit of ${limit} bytes`, {
        connection: 'close',
      }),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overBudget = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 8 * limit) return req.destroy(); // a client that never stops sending is cut off
      if (size > limit || overBudget) return;
      if (budget.used + c.length > budget.max) {
        overBudget = true;
        return;
      }
      chunks.push(c);
      budget.used += c.length;
      hold.bytes += c.length;
    });
    req.on('end', () => {
      if (size > limit) {
        reject(new HttpError(413, `request body exceeds the limit of ${limit} bytes`, { connection: 'close' }));
      } else if (overBudget) {
        const mib = Math.round(budget.max / 2 ** 20);
        reject(
          new HttpError(429, `the service is busy (request bodies in flight exceed ${mib} MiB); retry later`, {
            'retry-after': '1',
          }),
        );
      } else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function parseJson(buf: Buffer): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw new HttpError(400, `malformed JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new HttpError(400, 'the body must be a JSON object');
  return v as Record<string, unknown>;
}

const zero = (status: string, detail: string): RewardResult => ({ reward: 0, partial: 0, status, detail });

/** A field that is a list of strings (a single string is taken as a list of one, as OpenRLHF clients may send). */
function stringList(body: Record<string, unknown>, field: string, required: boolean): string[] | undefined {
  const v = body[field];
  if (v === undefined || v === null) {
    if (required) throw new HttpError(400, `missing field '${field}' (a list of strings)`);
    return undefined;
  }
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list)) throw new HttpError(400, `field '${field}' must be a list of strings`);
  const bad = list.findIndex((x) => typeof x !== 'string');
  if (bad >= 0) {
    const got = list[bad] === null ? 'null' : typeof list[bad];
    throw new HttpError(400, `field '${field}[${bad}]' must be a string, got ${got}`);
  }
  return list as string[];
}

/** The response part of an OpenRLHF query: the text after the prompt (the whole query when the prompt is not in it). */
export function responseOf(query: string, prompt: string | undefined): { text: string; promptFound: boolean } {
  if (!prompt) return { text: query, promptFound: false };
  if (query.startsWith(prompt)) return { text: query.slice(prompt.length), promptFound: true };
  const at = query.lastIndexOf(prompt);
  return at >= 0 ? { text: query.slice(at + prompt.length), promptFound: true } : { text: query, promptFound: false };
}

export function createService(pool: RewardPool, store: TaskStore, limits: ServiceLimits = DEFAULT_LIMITS): Service {
  const metrics = new Metrics();
  const budget: Budget = { used: 0, max: limits.maxInFlightBytes };

  async function scoreOne(label: unknown, answer: unknown): Promise<ScoredItem> {
    const r = store.resolve(label);
    const task: TaskBase | null = r.ok ? r.task : null;
    let result: RewardResult;
    if (!r.ok) result = zero(r.status, r.detail);
    else if (typeof answer !== 'string') {
      result = zero('malformed-answer', `answer must be a string, got ${answer === null ? 'null' : typeof answer}`);
    } else if (answer.length > MAX_ANSWER_CHARS) {
      // Screened here too, so an oversized answer is never copied to a worker.
      result = zero('answer-too-large', `answer has ${answer.length} characters; the limit is ${MAX_ANSWER_CHARS}`);
    } else result = await pool.score(r.task, answer);
    metrics.score(result);
    return { task_id: task?.id ?? null, skill: task?.skill ?? null, ...result };
  }

  function admit(n: number): void {
    if (n === 0) throw new HttpError(400, 'no completions to score');
    if (n > limits.maxItems) {
      throw new HttpError(413, `${n} completions in one request; the limit is ${limits.maxItems}`);
    }
    const queued = pool.stats().queued;
    if (queued + n > limits.maxQueued) {
      const busy = `the service is busy (${queued} completions queued); retry later`;
      throw new HttpError(429, busy, { 'retry-after': '1' });
    }
  }

  async function getReward(body: Record<string, unknown>): Promise<unknown> {
    const queries = stringList(body, 'query', true)!;
    const labels = stringList(body, 'labels', false);
    if (!labels) {
      const hint = 'start OpenRLHF with --label_key label so each query carries its task';
      throw new HttpError(400, `missing field 'labels': ${hint}`);
    }
    const prompts = stringList(body, 'prompts', false);
    for (const [name, list] of [
      ['labels', labels],
      ['prompts', prompts],
    ] as const) {
      if (list && list.length !== queries.length) {
        throw new HttpError(400, `'${name}' has ${list.length} entries but 'query' has ${queries.length}`);
      }
    }
    admit(queries.length);
    const parts = queries.map((q, i) => responseOf(q, prompts?.[i]));
    const results = await Promise.all(parts.map((p, i) => scoreOne(labels[i], p.text)));
    const rewards = results.map((r) => r.reward);
    return {
      rewards,
      scores: rewards,
      // OpenRLHF logs each extra_logs entry as a per-sample tensor, so only numbers go here.
      extra_logs: {
        partial: results.map((r) => r.partial),
        timeout: results.map((r) => (r.status === 'timeout' ? 1 : 0)),
        prompt_not_found: parts.map((p) => (prompts && !p.promptFound ? 1 : 0)),
      },
      statuses: results.map((r) => r.status),
    };
  }

  async function scoreBatch(body: Record<string, unknown>): Promise<unknown> {
    const items = body.items;
    if (!Array.isArray(items))
      throw new HttpError(400, "field 'items' must be a list of {task_id | task | label, answer}");
    admit(items.length);
    const labels = items.map((it: unknown, i) => {
      if (typeof it !== 'object' || it === null) throw new HttpError(400, `items[${i}] must be an object`);
      const o = it as Record<string, unknown>;
      if (o.task !== undefined) return typeof o.task === 'string' ? o.task : JSON.stringify(o.task);
      return o.task_id ?? o.label;
    });
    const results = await Promise.all(items.map((it: Record<string, unknown>, i) => scoreOne(labels[i], it.answer)));
    return { results };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const route = `${req.method} ${path}`;
    metrics.request(route);
    if (req.method === 'GET' && path === '/health')
      return send(res, 200, { ok: true, tasks: store.size, pool: pool.stats() });
    if (req.method === 'GET' && path === '/metrics')
      return send(
        res,
        200,
        metrics.snapshot({ pool: pool.stats(), tasks: store.size, body_bytes_in_flight: budget.used }),
      );
    const handler = path === '/get_reward' ? getReward : path === '/score' ? scoreBatch : null;
    if (!handler)
      throw new HttpError(404, `no route ${path}; try POST /get_reward, POST /score, GET /health, GET /metrics`);
    if (req.method !== 'POST') throw new HttpError(405, `${path} takes POST`, { allow: 'POST' });
    const hold = { bytes: 0 };
    try {
      const body = parseJson(await readBody(req, limits.maxBodyBytes, budget, hold));
      send(res, 200, await handler(body));
    } finally {
      budget.used -= hold.bytes;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const err =
        e instanceof HttpError
          ? e
          : new HttpError(500, `internal error: ${e instanceof Error ? e.message : String(e)}`);
      metrics.reject(err.code);
      if (!res.headersSent) send(res, err.code, { error: err.message }, err.headers);
      else res.destroy();
    });
  });
  // Clients keep connections alive and reuse them: a server that closes an idle socket just as a busy client (its
  // timers late under load) sends on it loses that request. Idle sockets therefore live longer than any client's
  // usual keep-alive (undici 4 s, Python requests/urllib3 pools), so the client is the one to close them.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return { server, metrics, scoreOne };
}
