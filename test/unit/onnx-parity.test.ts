// ONNX graph on ORT's wasm EP (Node) vs the float64 CPU reference, and the KV-cache path vs full recompute.
//
// Tolerance: ORT computes in fp32 (unit roundoff u ≈ 6e-8). Each logit is the end of L blocks of dot products of length
// ≤ max(C, I) = 256 plus softmax/RMSNorm; forward error grows roughly like √K·u per matmul and adds over the ~7 matmuls
// of each block, i.e. O(1e-5) relative here. We allow 1e-4 · max(1, max|logit|) — ~10× headroom over the measured
// ~1e-5, and still ~100× below the logit differences a wrong mask, RoPE or GQA mapping produces.
import { describe, expect, it } from 'vitest';
import { PRESETS, type LlamaConfig } from '../../src/model/config.ts';
import onnxPkg from 'onnx-proto';
import { buildLlamaGraph, exportOnnx, weightShapes } from '../../src/model/onnx/index.ts';
import { initParams, referenceForward, positionsFromMask } from '../../src/model/reference/model.ts';
import { PolicySession } from '../../src/rollout/policy.ts';
import { loadOrt } from '../../src/rollout/ort.ts';

const big = (xs: number[]) => BigInt64Array.from(xs.map(BigInt));

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): { diff: number; scale: number } {
  let diff = 0,
    scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return { diff, scale };
}

/** Random, non-trivial weights: std 0.15 and norm weights away from 1, so every op matters. */
function params(cfg: LlamaConfig, seed: number) {
  const p = initParams(cfg, seed, 0.15);
  for (const [name, t] of p)
    if (name.endsWith('norm.weight')) t.forEach((_, i) => (t[i] = 0.5 + ((i * 37 + seed) % 11) / 10));
  return p;
}

// Left padding (row 1), right padding (row 2) and a full row, in one batch.
const TOKENS = [
  [5, 17, 3, 9, 44, 2, 61, 8, 30],
  [0, 0, 0, 12, 7, 7, 50, 1, 33],
  [40, 41, 42, 43, 44, 45, 0, 0, 0],
];
const MASK = [
  [1, 1, 1, 1, 1, 1, 1, 1, 1],
  [0, 0, 0, 1, 1, 1, 1, 1, 1],
  [1, 1, 1, 1, 1, 1, 0, 0, 0],
];

const CONFIGS: [string, LlamaConfig][] = [
  ['micro shape, GQA 4:2, tied', { ...PRESETS.micro, vocab_size: 64, max_position_embeddings: 64 }],
  [
    'MHA, untied head, 2 layers, theta 500000',
    {
      ...PRESETS.micro,
      num_hidden_layers: 2,
      num_key_value_heads: 4,
      tie_word_embeddings: false,
      rope_theta: 500_000,
      vocab_size: 80,
      max_position_embeddings: 32,
      rms_norm_eps: 1e-6,
    },
  ],
];

describe('ONNX Llama graph on the wasm EP vs the float64 reference', () => {
  for (const [label, cfg] of CONFIGS) {
    it(`${label}: logits of a left/right padded batch agree`, async () => {
      const w = params(cfg, 3);
      const ref = referenceForward(cfg, w, TOKENS, MASK);
      const sess = await PolicySession.create(cfg, { backend: 'wasm', weights: w, logits: 'all' });
      const out = await sess.step({
        ids: big(TOKENS.flat()),
        mask: big(MASK.flat()),
        positions: big(positionsFromMask(MASK).flat()),
        B: 3,
        S: 9,
        past: null,
      });
      const { diff, scale } = maxAbsDiff(out.logits, ref.cache.logits);
      expect(scale).toBeGreaterThan(1); // the check is not vacuous
      expect(diff).toBeLessThanOrEqual(1e-4 * Math.max(1, scale));
      // present.* holds the rotated keys and the values of every position.
      expect(out.present.tensors[0].dims).toEqual([
        3,
        cfg.num_key_value_heads,
        9,
        cfg.hidden_size / cfg.num_attention_heads,
      ]);
      await sess.release();
    });
  }

  it('KV-cache decoding (prefill 4, then 1 token at a time) reproduces the full pass and its logits', async () => {
    const cfg = CONFIGS[0][1];
    const w = params(cfg, 5);
    const full = await PolicySession.create(cfg, { backend: 'wasm', weights: w, logits: 'all' });
    const sel = await PolicySession.create(cfg, { backend: 'wasm', weights: w, logits: 'selected' });
    const B = 3,
      T = 9,
      V = cfg.vocab_size;
    const pos = positionsFromMask(MASK);
    const whole = await full.step({
      ids: big(TOKENS.flat()),
      mask: big(MASK.flat()),
      positions: big(pos.flat()),
      B,
      S: T,
      past: null,
    });
    const cols = (rows: number[][], a: number, b: number) => big(rows.flatMap((r) => r.slice(a, b)));
    let past = (
      await full.step({
        ids: cols(TOKENS, 0, 4),
        mask: cols(MASK, 0, 4),
        positions: cols(pos, 0, 4),
        B,
        S: 4,
        past: null,
      })
    ).present;
    let worst = 0;
    for (let t = 4; t < T; t++) {
      const step = await sel.step({
        ids: cols(TOKENS, t, t + 1),
        mask: cols(MASK, 0, t + 1),
        positions: cols(pos, t, t + 1),
        B,
        S: 1,
        past,
        logitsIndex: new BigInt64Array(B),
      });
      for (let b = 0; b < B; b++) {
        if (MASK[b][t] === 0) continue; // a padding query's logits are meaningless
        const expected = whole.logits.subarray((b * T + t) * V, (b * T + t + 1) * V);
        worst = Math.max(worst, maxAbsDiff(step.logits.subarray(b * V, (b + 1) * V), expected).diff);
      }
      past = step.present;
    }
    expect(worst).toBeLessThanOrEqual(1e-5);
    await full.release();
    await sel.release();
  });

  it('weights as graph inputs give the same logits as a standalone exported file', async () => {
    const cfg = CONFIGS[1][1];
    const w = params(cfg, 9);
    const ort = await loadOrt();
    const file = exportOnnx(cfg, w);
    const standalone = await ort.InferenceSession.create(file, { executionProviders: ['wasm'] });
    const inputs = await ort.InferenceSession.create(buildLlamaGraph(cfg, { weights: 'inputs' }), {
      executionProviders: ['wasm'],
    });
    const hd = cfg.hidden_size / cfg.num_attention_heads;
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {
      input_ids: new ort.Tensor('int64', big(TOKENS.flat()), [3, 9]),
      attention_mask: new ort.Tensor('int64', big(MASK.flat()), [3, 9]),
      position_ids: new ort.Tensor('int64', big(positionsFromMask(MASK).flat()), [3, 9]),
    };
    for (let i = 0; i < cfg.num_hidden_layers; i++) {
      for (const kv of ['key', 'value'])
        feeds[`past_key_values.${i}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [
          3,
          cfg.num_key_value_heads,
          0,
          hd,
        ]);
    }
    const a = (await standalone.run(feeds)).logits.data as Float32Array;
    const weightFeeds = Object.fromEntries(
      weightShapes(cfg).map(([name, dims]) => [name, new ort.Tensor('float32', Float32Array.from(w.get(name)!), dims)]),
    );
    const b = (await inputs.run({ ...feeds, ...weightFeeds })).logits.data as Float32Array;
    // Not bit-identical: with initializers ORT pre-packs the Gemm weights (different summation order).
    const { diff, scale } = maxAbsDiff(a, b);
    expect(diff).toBeLessThanOrEqual(1e-5 * Math.max(1, scale));
    // The file is a well-formed ModelProto: opset 17, HF-named weights as initializers, the KV-cache interface.
    const model = onnxPkg.onnx.ModelProto.decode(file);
    expect(Number(model.opsetImport[0].version)).toBe(17);
    expect(model.graph?.initializer?.some((t) => t.name === 'model.layers.1.mlp.down_proj.weight')).toBe(true);
    expect(model.graph?.input?.map((i) => i.name).slice(0, 4)).toEqual([
      'input_ids',
      'attention_mask',
      'position_ids',
      'past_key_values.0.key',
    ]);
    expect(model.graph?.output?.map((o) => o.name)).toContain(`present.${cfg.num_hidden_layers - 1}.value`);
  });

  it('rejects a missing weight by name', () => {
    const cfg = CONFIGS[0][1];
    const w = params(cfg, 1);
    w.delete('model.layers.2.mlp.up_proj.weight');
    expect(() => exportOnnx(cfg, w)).toThrow(/model\.layers\.2\.mlp\.up_proj\.weight/);
  });
});
