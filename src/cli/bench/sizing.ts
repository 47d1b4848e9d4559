// `atomgym bench sizing [--json] [--contexts 256,512,1024] [--reps N]`: forward tokens/s of candidate model sizes on
// ORT's wasm EP in Node (the engine a CPU-only machine trains and samples with), against context length, so a preset's
// size can be chosen from measurements (public/tokenizer/README.md, "The demo preset"). The micro preset is the anchor
// in the same process: ratios to it are what carries over between machines. Weights are random (speed does not depend
// on them).
import { boolFlag, numberFlag, type ParsedArgs } from '../args.ts';
import { PRESETS, parameterCount, type LlamaConfig } from '../../model/config.ts';
import { initParams } from '../../model/reference/model.ts';
import { PolicySession } from '../../rollout/policy.ts';
import { median } from '../../util/stats.ts';

/** The candidates: the micro anchor, the demo preset, and one size either side of it (same vocabulary). */
function candidates(): Record<string, LlamaConfig> {
  const demo = PRESETS.demo;
  return {
    micro: PRESETS.micro,
    'demo-narrow': { ...demo, hidden_size: 96, intermediate_size: 256, num_attention_heads: 3, num_key_value_heads: 1 },
    demo,
    'demo-wide': { ...demo, hidden_size: 192, intermediate_size: 512, num_attention_heads: 6, num_key_value_heads: 2 },
  };
}

interface Row {
  name: string;
  params: number;
  context: number;
  batch: number;
  /** Full forward (prefill) of batch × context tokens: what training's forward and a recompute cost. */
  forwardTokPerSec: number;
  /** One decoding step at this context with the KV cache, per row: what sampling a completion costs at its end. */
  decodeTokPerSec: number;
  ratioToMicro?: number;
}

async function measure(name: string, cfg: LlamaConfig, context: number, batch: number, reps: number): Promise<Row> {
  const session = await PolicySession.create(cfg, {
    backend: 'wasm',
    weights: initParams(cfg, 1, 0.02),
    logits: 'selected',
  });
  const ids = new BigInt64Array(batch * context).map((_, i) => BigInt((i * 7919) % cfg.vocab_size));
  const positions = new BigInt64Array(batch * context).map((_, i) => BigInt(i % context));
  const mask = new BigInt64Array(batch * context).fill(1n);
  const logitsIndex = new BigInt64Array(batch).fill(BigInt(context - 1));
  const prefill = () => session.step({ ids, mask, positions, B: batch, S: context, past: null, logitsIndex });
  await prefill(); // warm-up
  const fwd: number[] = [];
  for (let r = 0; r < reps; r++) fwd.push((await prefill()).runMs);
  // Decoding the last position of the context (max_position_embeddings bounds it): a cache of context − 1 tokens.
  const P = context - 1;
  const head = (a: BigInt64Array) =>
    new BigInt64Array(batch * P).map((_, i) => a[Math.floor(i / P) * context + (i % P)]);
  const { present: past } = await session.step({
    ids: head(ids),
    mask: head(mask),
    positions: head(positions),
    B: batch,
    S: P,
    past: null,
    logitsIndex: new BigInt64Array(batch).fill(BigInt(P - 1)),
  });
  const one = {
    ids: new BigInt64Array(batch).fill(5n),
    mask: new BigInt64Array(batch * context).fill(1n),
    positions: new BigInt64Array(batch).fill(BigInt(P)),
    B: batch,
    S: 1,
    past,
    logitsIndex: new BigInt64Array(batch),
  };
  await session.step(one);
  const dec: number[] = [];
  for (let r = 0; r < reps * 4; r++) dec.push((await session.step(one)).runMs);
  await session.release();
  const round = (x: number) => Math.round(x);
  return {
    name,
    params: parameterCount(cfg),
    context,
    batch,
    forwardTokPerSec: round((batch * context * 1000) / median(fwd)),
    decodeTokPerSec: round((batch * 1000) / median(dec)),
  };
}

export async function run(args: ParsedArgs): Promise<number> {
  const contexts = String(args.flags.get('contexts') ?? '256,512,1024')
    .split(',')
    .map(Number);
  const reps = numberFlag(args, 'reps', 3);
  const batch = numberFlag(args, 'batch', 4);
  const rows: Row[] = [];
  for (const context of contexts) {
    for (const [name, cfg] of Object.entries(candidates())) {
      const r = await measure(name, cfg, context, batch, reps);
      rows.push(r);
      console.error(
        `${name.padEnd(12)} ${String(r.params).padStart(8)} params  ctx ${context}: forward ${r.forwardTokPerSec} tok/s, decode ${r.decodeTokPerSec} tok/s`,
      );
    }
  }
  for (const r of rows) {
    const anchor = rows.find((a) => a.name === 'micro' && a.context === r.context)!;
    r.ratioToMicro = Number((r.forwardTokPerSec / anchor.forwardTokPerSec).toFixed(3));
  }
  const { loadavg, cpus } = await import('node:os');
  const out = {
    bench: 'sizing',
    backend: 'ort-wasm (node)',
    batch,
    reps,
    cpus: cpus().length,
    loadavg: loadavg().map((x) => Number(x.toFixed(2))),
    rows,
  };
  if (boolFlag(args, 'json')) console.log(JSON.stringify(out, null, 1));
  else
    for (const r of rows)
      console.log(
        `${r.name.padEnd(12)} ctx ${String(r.context).padEnd(5)} forward ${r.forwardTokPerSec} tok/s (×${r.ratioToMicro} micro), decode ${r.decodeTokPerSec} tok/s`,
      );
  return 0;
}
