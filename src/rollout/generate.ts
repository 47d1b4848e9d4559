// Batched generation: B prompts × G samples, KV-cache decoding (or full recompute each step, for the bench), with
// temperature / top-k / top-p, EOS, stop strings and a seeded per-sequence RNG.
//
// Contract of a Completion:
// - tokens: every sampled token, including the EOS or the token that completed a stop string; logprobs[i] and
//   modelLogprobs[i] belong to tokens[i] (under the sampling distribution actually used, and under the raw model).
// - text: decoded tokens without the EOS, cut just before the first stop string; finish says why it ended.
// - The prompt is prefilled once per prompt and its cache copied to the G samples.
// - cache 'static' (the default on WebGPU): the copies have a fixed capacity (prompt + maxNewTokens, rounded up to
//   STATIC_CACHE_STEP columns) and every decoding step has the same shapes; 'dynamic' (the default on wasm) grows
//   the cache by a column per step, which costs less arithmetic and nothing extra on an EP that does not compile per
//   shape.
// - Sequences that have ended leave the batch (their cache rows dropped) once enough have, so a batch whose longest
//   completion runs to the limit does not decode every finished row to the end; the tokens are the same either way.
import type { Tokenizer } from '../model/tokenizer/tokenizer.ts';
import { fitPrompts, layoutPrompts, type PaddingSide } from './batch.ts';
import type { KvCache, PolicySession } from './policy.ts';
import { replicateCache, selectCacheRows } from './cache.ts';
import { sequenceRng } from './rng.ts';
import { sampleRow, validateSampling, type SamplingParams } from './sampling.ts';

export interface GenerateOptions extends SamplingParams {
  maxNewTokens: number;
  seed: number;
  samplesPerPrompt?: number;
  stop?: readonly string[];
  /** Token ids that end a sequence; default: the tokenizer's <|end|> when it has one. */
  eos?: readonly number[];
  padding?: PaddingSide;
  truncate?: 'error' | 'left';
  /** 'kv' (default) or 'recompute' (the whole sequence each step; only for measuring). */
  mode?: 'kv' | 'recompute';
  /** KV cache layout with mode 'kv'; default: 'static' on WebGPU, 'dynamic' on wasm. */
  cache?: 'dynamic' | 'static';
  /** Sample only ids below this; default: the tokenizer's vocabulary size, or the model's without a tokenizer. */
  vocabLimit?: number;
  /** false: finished sequences stay in the batch to the end (to check and measure compaction); default true. */
  compact?: boolean;
}

/** Static caches are sized in steps of this many columns, so generations of similar length share shapes. */
export const STATIC_CACHE_STEP = 64;
/**
 * Finished sequences leave the batch when the running ones are at most this share of it: often on the wasm EP,
 * where a shape costs nothing; at halvings with a static cache, so a WebGPU decode sees few batch sizes.
 */
const COMPACT_DYNAMIC = 0.75;
const COMPACT_STATIC = 0.5;

export interface Completion {
  prompt: number;
  sample: number;
  tokens: number[];
  logprobs: number[];
  modelLogprobs: number[];
  text: string;
  finish: 'eos' | 'stop' | 'length';
}

export interface GenerateStats {
  runMs: number;
  sampleMs: number;
  tokenizerMs: number;
  totalMs: number;
  steps: number;
  generatedTokens: number;
  /** Batch rows run over all decoding steps (finished rows still in the batch included): the decoding work. */
  rowSteps: number;
}

export async function generate(
  policy: PolicySession,
  tok: Tokenizer | null,
  prompts: readonly (readonly number[])[],
  opts: GenerateOptions,
): Promise<{ completions: Completion[]; stats: GenerateStats }> {
  const t0 = performance.now();
  const cfg = policy.cfg;
  const V = cfg.vocab_size;
  const G = opts.samplesPerPrompt ?? 1;
  if (!Number.isInteger(opts.maxNewTokens) || opts.maxNewTokens < 1)
    throw new RangeError(`generate: maxNewTokens must be a positive integer, got ${opts.maxNewTokens}`);
  if (!Number.isInteger(G) || G < 1)
    throw new RangeError(`generate: samplesPerPrompt must be a positive integer, got ${G}`);
  if (prompts.length === 0) throw new RangeError('generate: no prompts');
  const params = validateSampling(opts);
  const stops = (opts.stop ?? []).filter((s) => s.length > 0);
  if (stops.length && !tok) throw new Error('generate: stop strings need a tokenizer');
  const eos = new Set(opts.eos ?? (tok?.hasToken('<|end|>') ? [tok.tokenId('<|end|>')] : []));
  const padId = tok?.hasToken('<|pad|>') ? tok.tokenId('<|pad|>') : 0;
  if (policy.logitsMode !== 'selected')
    throw new Error('generate: the policy session must be built with logits "selected"');
  const fitted = fitPrompts(prompts, cfg.max_position_embeddings, opts.maxNewTokens, opts.truncate ?? 'error');
  const side = opts.padding ?? 'left';
  const stopWindow = Math.max(0, ...stops.map((s) => new TextEncoder().encode(s).length)) + 4;
  const pb = layoutPrompts(fitted, padId, side);
  const R = pb.B * G;
  const rowPrompt = (r: number) => Math.floor(r / G);
  const rngs = Array.from({ length: R }, (_, r) => sequenceRng(opts.seed, fitted[rowPrompt(r)], r % G));
  const out: Completion[] = Array.from({ length: R }, (_, r) => ({
    prompt: rowPrompt(r),
    sample: r % G,
    tokens: [],
    logprobs: [],
    modelLogprobs: [],
    text: '',
    finish: 'length',
  }));
  const done = new Uint8Array(R);
  const stats: GenerateStats = {
    runMs: 0,
    sampleMs: 0,
    tokenizerMs: 0,
    totalMs: 0,
    steps: 0,
    generatedTokens: 0,
    rowSteps: 0,
  };
  const scratch = new Float64Array(V);
  const nextPos = Array.from({ length: R }, (_, r) => pb.lengths[rowPrompt(r)]);
  const recompute = opts.mode === 'recompute';
  const fixed = !recompute && (opts.cache ?? (policy.backend === 'webgpu' ? 'static' : 'dynamic')) === 'static';
  const capacity = Math.ceil((pb.L + opts.maxNewTokens) / STATIC_CACHE_STEP) * STATIC_CACHE_STEP;
  // Row-major [R, W] mask and ids of everything so far (prompt layout + generated): W grows by one column per step,
  // or is the static capacity from the start (the mask then marks the filled columns).
  let T = pb.L;
  let W = fixed ? capacity : T;
  let mask = new BigInt64Array(R * W);
  let ids = new BigInt64Array(R * W);
  for (let r = 0; r < R; r++) {
    mask.set(pb.mask.subarray(rowPrompt(r) * T, (rowPrompt(r) + 1) * T), r * W);
    ids.set(pb.ids.subarray(rowPrompt(r) * T, (rowPrompt(r) + 1) * T), r * W);
  }

  // A model may have more output rows than its tokenizer has tokens (a preset's vocab_size rounds up): those ids
  // decode to nothing, so they are never sampled. Their probability under a trained model is ~0, so renormalising
  // over the tokenizer's ids moves the returned log-probs by about that much.
  const sampled = Math.min(V, opts.vocabLimit ?? tok?.vocabSize ?? V);
  // Batch position i decodes sequence live[i]; finished sequences leave the batch (see compact below).
  let live = Array.from({ length: R }, (_, r) => r);
  const pick = (logits: Float32Array) => {
    const s0 = performance.now();
    const chosen = new BigInt64Array(live.length).fill(BigInt(padId));
    for (const [i, r] of live.entries()) {
      if (done[r]) continue;
      const p = sampleRow(logits, i * V, sampled, params, rngs[r](), scratch);
      const c = out[r];
      c.tokens.push(p.token);
      c.logprobs.push(p.logprob);
      c.modelLogprobs.push(p.modelLogprob);
      chosen[i] = BigInt(p.token);
      stats.generatedTokens++;
    }
    stats.sampleMs += performance.now() - s0;
    const d0 = performance.now();
    for (let r = 0; r < R; r++) {
      if (done[r]) continue;
      const c = out[r];
      const last = c.tokens[c.tokens.length - 1];
      if (eos.has(last)) {
        done[r] = 1;
        c.finish = 'eos';
      } else if (stops.length) {
        // Only the tail can hold a new match (an earlier one would have ended the row already); every token has ≥ 1
        // byte.
        const tail = tok!.decode(c.tokens.slice(Math.max(0, c.tokens.length - stopWindow)));
        if (firstStop(tail, stops) >= 0) {
          done[r] = 1;
          c.finish = 'stop';
        }
      }
      if (!done[r] && c.tokens.length >= opts.maxNewTokens) done[r] = 1;
    }
    stats.tokenizerMs += performance.now() - d0;
    return chosen;
  };

  // Prefill: one row per prompt, then the cache is copied to the G samples of each prompt.
  const first = await policy.step({
    ids: pb.ids,
    mask: pb.mask,
    positions: pb.positions,
    B: pb.B,
    S: pb.L,
    past: null,
    logitsIndex: pb.lastIndex,
  });
  stats.runMs += first.runMs;
  stats.steps++;
  const copied = G > 1 || fixed;
  let cache: KvCache | null = copied
    ? await replicateCache(policy, first.present, G, fixed ? capacity : undefined)
    : first.present;
  if (copied) policy.releaseCache(first.present);
  let chosen = pick(G > 1 ? repeatRows(first.logits, V, G) : first.logits);

  while (!done.every(Boolean)) {
    // Sequences that finished leave the batch once enough have (a shorter batch is cheaper; each leaving costs a
    // copy of the cache): without this a batch decodes at full size until its longest completion ends.
    const running = live.flatMap((r, i) => (done[r] ? [] : [i]));
    const share = fixed ? COMPACT_STATIC : COMPACT_DYNAMIC;
    if (!recompute && opts.compact !== false && running.length <= live.length * share) {
      const kept = await selectCacheRows(policy, cache!, running);
      policy.releaseCache(cache);
      cache = kept;
      mask = gatherRows(mask, W, running);
      ids = gatherRows(ids, W, running);
      chosen = BigInt64Array.from(running, (i) => chosen[i]);
      live = running.map((i) => live[i]);
    }
    const n = live.length;
    // Append the chosen tokens as a new column (finished rows still in the batch get a masked pad).
    const positions = new BigInt64Array(n);
    if (!fixed) {
      const mask1 = new BigInt64Array(n * (W + 1));
      const ids1 = new BigInt64Array(n * (W + 1));
      for (let i = 0; i < n; i++) {
        mask1.set(mask.subarray(i * W, (i + 1) * W), i * (W + 1));
        ids1.set(ids.subarray(i * W, (i + 1) * W), i * (W + 1));
      }
      W++;
      mask = mask1;
      ids = ids1;
    }
    for (const [i, r] of live.entries()) {
      mask[i * W + T] = 1n; // finished rows keep running on pads; their outputs are ignored and rows never interact
      ids[i * W + T] = chosen[i];
      positions[i] = BigInt(nextPos[r]++);
    }
    T++;
    let res;
    if (recompute) {
      const allPos = new BigInt64Array(n * T);
      for (let i = 0; i < n; i++) {
        let seen = 0;
        for (let t = 0; t < T; t++) {
          if (mask[i * T + t] === 1n) seen++;
          allPos[i * T + t] = BigInt(Math.max(seen - 1, 0));
        }
      }
      res = await policy.step({
        ids,
        mask,
        positions: allPos,
        B: n,
        S: T,
        past: null,
        logitsIndex: new BigInt64Array(n).fill(BigInt(T - 1)),
      });
      policy.releaseCache(res.present);
    } else {
      // A static step reads the whole mask (capacity columns) and writes its token at column cache.length = T - 1.
      res = await policy.step({
        ids: chosen,
        mask,
        positions,
        B: n,
        S: 1,
        past: cache,
        logitsIndex: new BigInt64Array(n),
      });
      policy.releaseCache(cache);
      cache = res.present;
    }
    stats.runMs += res.runMs;
    stats.steps++;
    stats.rowSteps += n;
    chosen = pick(res.logits);
  }
  policy.releaseCache(cache);

  const d0 = performance.now();
  if (tok) {
    for (const c of out) {
      const body = c.finish === 'eos' ? c.tokens.slice(0, -1) : c.tokens;
      const text = tok.decode(body);
      const cut = c.finish === 'stop' ? firstStop(text, stops) : -1;
      c.text = cut >= 0 ? text.slice(0, cut) : text;
    }
  }
  stats.tokenizerMs += performance.now() - d0;
  stats.totalMs = performance.now() - t0;
  return { completions: out, stats };
}

function firstStop(text: string, stops: readonly string[]): number {
  let best = -1;
  for (const s of stops) {
    const i = text.indexOf(s);
    if (i >= 0 && (best < 0 || i < best)) best = i;
  }
  return best;
}

function repeatRows(logits: Float32Array, V: number, G: number): Float32Array {
  const B = logits.length / V;
  const out = new Float32Array(B * G * V);
  for (let b = 0; b < B; b++) for (let g = 0; g < G; g++) out.set(logits.subarray(b * V, (b + 1) * V), (b * G + g) * V);
  return out;
}

/** Rows `keep` (in that order) of a row-major [rows, W] array. */
function gatherRows(a: BigInt64Array, W: number, keep: readonly number[]): BigInt64Array<ArrayBuffer> {
  const out = new BigInt64Array(keep.length * W);
  keep.forEach((row, i) => out.set(a.subarray(row * W, (row + 1) * W), i * W));
  return out;
}
