// Rollout measurements shared by the Node bench and the page (loaded there through window.__load).
// Generated tokens/s with the KV cache (whole 256-token runs) and with full recompute each step, where recompute is
// either run in full or extrapolated from timed forward passes at a few sequence lengths (stated in the output).
import { PRESETS, type PresetName } from '../model/config.ts';
import { initParams } from '../model/reference/model.ts';
import { Tokenizer } from '../model/tokenizer/tokenizer.ts';
import { generate, STATIC_CACHE_STEP } from '../rollout/generate.ts';
import type { Backend } from '../rollout/ort.ts';
import { PolicySession } from '../rollout/policy.ts';
import { median } from '../util/stats.ts';

export const PROMPT = '<|user|>Write a function that returns the sum of an array of numbers.<|end|><|assistant|>';

export interface CaseSpec {
  preset: PresetName;
  batch: number;
  newTokens: number;
  /** Cap on timed runs; fewer are done when one run exceeds budgetMs (reported). */
  runs: number;
  budgetMs: number;
  /**
   * 'full': time recompute generation end to end; 'sampled': time single forwards at these many lengths and integrate.
   */
  recompute: 'full' | 'sampled' | 'both';
  recomputeSamples: number;
  /** Timed repetitions per sampled length (median), after one untimed warm-up forward at that length. */
  recomputeReps: number;
  /** Cap on end-to-end recompute runs (they are the slow ones). */
  recomputeRuns?: number;
  /**
   * KV cache layouts to measure (default: the backend's default only). Each gets a cold run first — before any
   * warm-up, so it pays whatever the EP compiles for new shapes — then the warm runs.
   */
  caches?: readonly KvCacheLayout[];
}

type KvCacheLayout = 'dynamic' | 'static';

export interface CacheResult {
  cache: KvCacheLayout;
  /** A generation at a prompt length not seen before (sessions already built): what new shapes cost. */
  coldMs: number;
  coldTokensPerSec: number;
  tokensPerSec: number;
  medianMs: number;
  runs: number;
}

export interface CaseResult {
  preset: PresetName;
  backend: Backend;
  batch: number;
  promptTokens: number;
  newTokens: number;
  kv: {
    cache: KvCacheLayout;
    tokensPerSec: number;
    medianMs: number;
    runs: number;
    breakdownMs: { ortRun: number; sampling: number; tokenizer: number; other: number };
  };
  /** Per cache layout, with spec.caches: cold (first) and warm runs. */
  caches?: CacheResult[];
  recompute: {
    tokensPerSec: number;
    medianMs: number;
    runs: number;
    method: string;
    extrapolatedTokensPerSec?: number;
  };
  kvOverRecompute: number;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

export async function measureCase(
  spec: CaseSpec,
  backend: Backend,
  tok: Tokenizer,
  log: (s: string) => void = () => {},
  warmupTokens = Math.min(8, spec.newTokens),
): Promise<CaseResult> {
  const cfg = PRESETS[spec.preset];
  const weights = initParams(cfg, 1, 0.02);
  const kvSession = await PolicySession.create(cfg, { backend, weights, logits: 'selected' });
  const prompt = tok.encode(PROMPT, { allowSpecial: true });
  const prompts = Array.from({ length: spec.batch }, () => prompt);
  // eos: [] so every row generates exactly newTokens tokens (a random model would stop at random places).
  const opts = { maxNewTokens: spec.newTokens, seed: 1, temperature: 1, eos: [] as number[] };

  const defaultCache: KvCacheLayout = backend === 'webgpu' ? 'static' : 'dynamic';
  const timed = async (mode: 'kv' | 'recompute', maxRuns = spec.runs, cache = defaultCache) => {
    const times: number[] = [];
    const parts: { run: number; sample: number; tok: number; total: number }[] = [];
    await generate(kvSession, tok, prompts, { ...opts, mode, cache, maxNewTokens: warmupTokens }); // warm-up
    const t0 = performance.now();
    while (times.length < maxRuns && (times.length === 0 || performance.now() - t0 < spec.budgetMs)) {
      const { stats } = await generate(kvSession, tok, prompts, { ...opts, mode, cache, seed: times.length + 1 });
      times.push(stats.totalMs);
      parts.push({ run: stats.runMs, sample: stats.sampleMs, tok: stats.tokenizerMs, total: stats.totalMs });
      log(`  ${spec.preset} B=${spec.batch} ${backend} ${mode} run ${times.length}: ${round(stats.totalMs, 0)} ms`);
    }
    return { times, parts };
  };

  const generated = spec.batch * spec.newTokens;
  const caches: CacheResult[] = [];
  // Build each layout's sessions first (a static cache has its own decoding session), so a cold run pays only what
  // new shapes cost. Cold: a prompt STATIC_CACHE_STEP + i tokens longer than the warm runs' — a new prefill length,
  // new decoding lengths for the growing cache, a new capacity bucket for the static one — so nothing is compiled for
  // it yet, and the layouts' prompts differ by one token.
  for (const cache of spec.caches ?? []) await generate(kvSession, tok, prompts, { ...opts, cache, maxNewTokens: 2 });
  for (const cache of spec.caches ?? []) {
    const longer = [...prompt, ...Array(STATIC_CACHE_STEP + caches.length).fill(prompt[0])];
    const c0 = performance.now();
    await generate(kvSession, tok, Array(spec.batch).fill(longer), { ...opts, cache });
    const coldMs = performance.now() - c0;
    log(`  ${spec.preset} B=${spec.batch} ${backend} kv ${cache} cold run: ${round(coldMs, 0)} ms`);
    const warm = await timed('kv', spec.runs, cache);
    const ms = median(warm.times);
    caches.push({
      cache,
      coldMs: round(coldMs, 1),
      coldTokensPerSec: round(generated / (coldMs / 1000)),
      tokensPerSec: round(generated / (ms / 1000)),
      medianMs: round(ms, 1),
      runs: warm.times.length,
    });
  }
  const kv = await timed('kv');
  const kvMs = median(kv.times);
  const med = (f: (p: (typeof kv.parts)[number]) => number) => round(median(kv.parts.map(f)), 1);
  const samplingPerStep = median(kv.parts.map((p) => p.sample + p.tok)) / spec.newTokens;

  let recompute: CaseResult['recompute'];
  let fullTps: number | undefined;
  if (spec.recompute !== 'sampled') {
    const r = await timed('recompute', spec.recomputeRuns ?? spec.runs);
    const ms = median(r.times);
    fullTps = round(generated / (ms / 1000));
    recompute = { tokensPerSec: fullTps, medianMs: round(ms, 1), runs: r.times.length, method: 'measured end to end' };
  }
  if (spec.recompute !== 'full') {
    // Step k (k = 1 … newTokens-1) recomputes P + k tokens; the prefill is the same as with the cache. Time single
    // forwards at a few lengths (median of 3 each), interpolate linearly and sum, then add the prefill and sampling.
    const P = prompt.length;
    const lengths = Array.from(
      { length: spec.recomputeSamples },
      (_, i) => P + 1 + Math.round((i * (spec.newTokens - 2)) / Math.max(1, spec.recomputeSamples - 1)),
    );
    const stepMs: number[] = [];
    for (const L of lengths) {
      const ids = new BigInt64Array(spec.batch * L).fill(5n);
      const mask = new BigInt64Array(spec.batch * L).fill(1n);
      const positions = BigInt64Array.from({ length: spec.batch * L }, (_, i) => BigInt(i % L));
      const logitsIndex = new BigInt64Array(spec.batch).fill(BigInt(L - 1));
      const one = async () => {
        const r = await kvSession.step({ ids, mask, positions, B: spec.batch, S: L, past: null, logitsIndex });
        kvSession.releaseCache(r.present);
        return r.runMs;
      };
      await one();
      const reps: number[] = [];
      for (let i = 0; i < spec.recomputeReps; i++) reps.push(await one());
      stepMs.push(median(reps));
      log(
        `  ${spec.preset} B=${spec.batch} ${backend} recompute forward at length ${L}: ` +
          `${round(stepMs[stepMs.length - 1], 1)} ms`,
      );
    }
    const at = (L: number) => {
      for (let i = 1; i < lengths.length; i++)
        if (L <= lengths[i])
          return stepMs[i - 1] + ((stepMs[i] - stepMs[i - 1]) * (L - lengths[i - 1])) / (lengths[i] - lengths[i - 1]);
      return stepMs[stepMs.length - 1];
    };
    let total = 0;
    for (let k = 1; k < spec.newTokens; k++) total += at(P + k);
    const prefillMs = at(P); // prefill ≈ a forward at the prompt length
    const ms = total + prefillMs + samplingPerStep * spec.newTokens;
    const extrapolated = round(generated / (ms / 1000));
    const method = `extrapolated: forwards timed at lengths ${lengths.join(', ')} (median of ${spec.recomputeReps}), linearly interpolated over the ${spec.newTokens - 1} decode steps, plus the KV run's sampling time`;
    // With both, the end-to-end measurement is the figure; the extrapolation is kept to show how far off the method is.
    recompute =
      fullTps !== undefined
        ? { ...recompute!, extrapolatedTokensPerSec: extrapolated }
        : { tokensPerSec: extrapolated, medianMs: round(ms, 1), runs: spec.recomputeReps, method };
  }
  await kvSession.release();
  const kvTps = round(generated / (kvMs / 1000));
  return {
    preset: spec.preset,
    backend,
    batch: spec.batch,
    promptTokens: prompt.length,
    newTokens: spec.newTokens,
    ...(caches.length > 0 ? { caches } : {}),
    kv: {
      cache: defaultCache,
      tokensPerSec: kvTps,
      medianMs: round(kvMs, 1),
      runs: kv.times.length,
      breakdownMs: {
        ortRun: med((p) => p.run),
        sampling: med((p) => p.sample),
        tokenizer: med((p) => p.tok),
        other: med((p) => p.total - p.run - p.sample - p.tok),
      },
    },
    recompute: recompute!,
    kvOverRecompute: round(kvTps / recompute!.tokensPerSec),
  };
}

export interface TokenizerThroughput {
  bytes: number;
  coldMBps: number;
  warmMBps: number;
  decodeMBps: number;
  /** Node only: warm encode MB/s per CPU-second of this process (wall time is inflated when cores are shared). */
  warmMBpsCpu?: number;
}

/** Encode throughput on a text: cold = fresh word cache, warm = cache filled by a previous pass; medians of 5. */
export function tokenizerThroughput(tok: Tokenizer, text: string): TokenizerThroughput {
  const bytes = new TextEncoder().encode(text).length;
  const mbps = (ms: number) => round(bytes / 1e6 / (ms / 1000));
  const cold: number[] = [],
    warm: number[] = [],
    dec: number[] = [],
    warmCpu: number[] = [];
  const cpuMs = () => (typeof process !== 'undefined' && process.cpuUsage ? process.cpuUsage().user / 1000 : NaN);
  let ids: number[] = [];
  for (let i = 0; i < 6; i++) {
    const fresh = new Tokenizer(tok.spec);
    let t0 = performance.now();
    ids = fresh.encode(text);
    const c = performance.now() - t0;
    t0 = performance.now();
    const c0 = cpuMs();
    fresh.encode(text);
    const w = performance.now() - t0;
    warmCpu.push(cpuMs() - c0);
    t0 = performance.now();
    fresh.decode(ids);
    const d = performance.now() - t0;
    if (i > 0) {
      cold.push(c);
      warm.push(w);
      dec.push(d);
    }
  }
  const cpu = median(warmCpu.slice(1));
  return {
    bytes,
    coldMBps: mbps(median(cold)),
    warmMBps: mbps(median(warm)),
    decodeMBps: mbps(median(dec)),
    ...(Number.isFinite(cpu) && cpu > 0 ? { warmMBpsCpu: mbps(cpu) } : {}),
  };
}
