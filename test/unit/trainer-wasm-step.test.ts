// The wasm Trainer's step, checkpoints and memory: a finite-difference check of the float32 graph's gradients,
// NaN/Inf → step skipped with weights and moments bit-identical, save → bytes → load bit-exact with identical
// continuations, an overfit run, the float64 reference's AdamW step, and no memory growth over many steps.
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint } from '../../src/model/checkpoint.ts';
import { PRESETS, type LlamaConfig } from '../../src/model/config.ts';
import { initParams, referenceBackward, referenceForward } from '../../src/model/reference/model.ts';
import { mulberry32, randomNormal } from '../../src/model/reference/rng.ts';
import { newAdamwState, referenceOptimizerStep } from '../../src/model/reference/train-step.ts';
import { WasmTrainer } from '../../src/train/wasm/trainer.ts';
import { TINY_LLAMA } from './tiny-llama.ts';

// ORT's wasm memory (its threaded build creates it in JS) is recorded as it is made, so the memory test can
// read its size: it only ever grows, so a leak inside ORT shows there.
const wasmMemories: WebAssembly.Memory[] = [];
WebAssembly.Memory = new Proxy(WebAssembly.Memory, {
  construct(target, args: [WebAssembly.MemoryDescriptor]) {
    const m = new target(...args);
    wasmMemories.push(m);
    return m;
  },
});

const tiny: LlamaConfig = { ...TINY_LLAMA, tie_word_embeddings: true };
const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
const dump = async (t: WasmTrainer) => {
  const s = await t.state();
  return JSON.stringify([s.step, s.tensors.map((x) => [x.name, bits(x.param), bits(x.m), bits(x.v)])]);
};

describe('wasm Trainer: gradients, step, checkpoints, memory', () => {
  it('gradients agree with finite differences of its own float32 forward, tensor by tensor', async () => {
    const cfg = { ...tiny, tie_word_embeddings: false };
    const B = 2,
      T = 6;
    const tokens = [
      [0, 3, 5, 9, 31, 2],
      [4, 8, 15, 16, 23, 1],
    ];
    const mask = [
      [0, 1, 1, 1, 1, 1],
      [1, 1, 1, 1, 1, 1],
    ];
    const w = Array.from(randomNormal(B * T, 5));
    const trainer = await WasmTrainer.create(
      { config: cfg, batch: B, seqLen: T },
      { weights: initParams(cfg, 2, 0.3) },
    );
    const theta = await trainer.getWeights();
    await trainer.forward(tokens, mask);
    await trainer.backward(w);
    const grads = await trainer.getGradients();
    const loss = async (weights: Map<string, Float32Array>) => {
      await trainer.setWeights(weights);
      const lp = await trainer.forward(tokens, mask);
      return lp.reduce((a, x, i) => a + x * w[i], 0);
    };
    // One random direction per tensor, scaled to the tensor's RMS (a 0.3% relative step keeps the O(h²) curvature
    // error near 1e-5): ± h·u rounded to float32, and the applied steps used exactly.
    const rms = (a: Float32Array) => Math.sqrt(a.reduce((s, x) => s + x * x, 0) / a.length);
    let worst = 0;
    for (const [name, g] of grads) {
      const h = 3e-3 * rms(theta.get(name)!);
      const u = randomNormal(g.length, name.length * 31 + g.length);
      const plus = new Map(theta),
        minus = new Map(theta);
      const p = theta.get(name)!.map((x, i) => x + h * u[i]);
      const m = theta.get(name)!.map((x, i) => x - h * u[i]);
      plus.set(name, p);
      minus.set(name, m);
      let analytic = 0;
      for (let i = 0; i < g.length; i++) analytic += g[i] * (p[i] - m[i]);
      const numeric = (await loss(plus)) - (await loss(minus));
      const err = Math.abs(numeric - analytic) / Math.max(Math.abs(analytic), 1e-3);
      worst = Math.max(worst, err);
    }
    trainer.destroy();
    console.log('finite differences, worst relative error over tensors:', worst);
    // fp32 noise in the loss is ~1e-6 against directional differences of ~1e-2; curvature adds O(h²).
    expect(worst).toBeLessThan(1e-2);
  });

  it('steps like the float64 reference (clip + AdamW + weight decay on 2-D weights only)', async () => {
    const B = 2,
      T = 6;
    const tokens = Array.from({ length: B * T }, (_, i) => (i * 7) % 32);
    const mask = new Array(B * T).fill(1);
    const w = new Array(B * T).fill(-0.3);
    const params = initParams(tiny, 4, 0.3);
    for (const t of params.values()) t.set(Float32Array.from(t));
    const hp = { lr: 1e-2, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0.1, maxNorm: 0.5 };
    const trainer = await WasmTrainer.create(
      { config: tiny, batch: B, seqLen: T, optimizer: { beta1: 0.9, beta2: 0.99, weightDecay: 0.1, maxGradNorm: 0.5 } },
      { weights: params },
    );
    const state = newAdamwState(params);
    let maxErr = 0;
    for (let s = 0; s < 3; s++) {
      // the reference steps from the trainer's own float32 weights and gradients, so only the step is compared
      const weights = await trainer.getWeights();
      await trainer.forward(tokens, mask);
      await trainer.backward(w);
      const g64 = new Map([...(await trainer.getGradients())].map(([n, g]) => [n, Float64Array.from(g)]));
      const p64 = new Map([...weights].map(([n, p]) => [n, Float64Array.from(p)]));
      const ref = referenceOptimizerStep(p64, g64, state, hp);
      const got = await trainer.step(hp.lr);
      trainer.zeroGrad();
      expect(got.skipped).toBe(false);
      expect(Math.abs(got.gradNorm - ref.gradNorm) / ref.gradNorm).toBeLessThan(1e-12);
      expect(ref.gradNorm).toBeGreaterThan(hp.maxNorm); // the clip is exercised
      for (const [n, p] of await trainer.getWeights()) {
        const r = p64.get(n)!;
        for (let i = 0; i < p.length; i++) maxErr = Math.max(maxErr, Math.abs(p[i] - r[i]));
      }
      // continue the reference from the trainer's float32 moments, so each step is compared on its own
      for (const t of trainer.tensors)
        [state.m.set(t.name, Float64Array.from(t.m)), state.v.set(t.name, Float64Array.from(t.v))];
    }
    trainer.destroy();
    // float32 storage of p (|p| ≲ 1.5): half an ulp is ~6e-8
    expect(maxErr).toBeLessThan(2e-7);
  });

  it('a NaN/Inf gradient skips the step, weights and m/v bit-identical; skips do not count', async () => {
    const B = 2,
      T = 8;
    const trainer = await WasmTrainer.create(
      { config: tiny, batch: B, seqLen: T, optimizer: { weightDecay: 0.1, maxGradNorm: 0.5 } },
      { seed: 3 },
    );
    const tokens = Array.from({ length: B * T }, (_, i) => (i * 7) % 32);
    const mask = new Array(B * T).fill(1);
    const w = new Array(B * T).fill(-1 / (B * (T - 1)));
    for (let s = 0; s < 3; s++) {
      await trainer.forward(tokens, mask);
      await trainer.backward(w);
      const r = await trainer.step(1e-2);
      expect(r.skipped).toBe(false);
      expect(r.gradNorm).toBeGreaterThan(0);
      trainer.zeroGrad();
    }
    for (const bad of [NaN, Infinity, -Infinity]) {
      await trainer.forward(tokens, mask);
      await trainer.backward(w);
      const before = await dump(trainer);
      trainer.gradient('model.layers.1.mlp.up_proj.weight')[17] = bad;
      const r = await trainer.step(3e-3);
      expect(r.skipped).toBe(true);
      expect(Number.isFinite(r.gradNorm)).toBe(false);
      expect(await dump(trainer)).toBe(before);
      trainer.zeroGrad();
    }
    await trainer.forward(tokens, mask);
    await trainer.backward(w);
    expect((await trainer.step(3e-3)).skipped).toBe(false);
    expect(trainer.steps).toBe(4);
    trainer.destroy();
  });

  it('save → bytes → load round-trips bit-exactly, continuations stay identical; wrong shapes named', async () => {
    const cfg = { ...tiny, tie_word_embeddings: false };
    const B = 2,
      T = 6;
    const opts = { config: cfg, batch: B, seqLen: T, optimizer: { weightDecay: 0.01 } };
    const batch = (s: number) => Array.from({ length: B * T }, (_, i) => (i * 5 + s * 3) % 32);
    const mask = new Array(B * T).fill(1);
    const w = new Array(B * T).fill(-0.1);
    const train = async (t: WasmTrainer, from: number, n: number) => {
      for (let s = from; s < from + n; s++) {
        await t.forward(batch(s), mask);
        await t.backward(w);
        await t.step(5e-3);
        t.zeroGrad();
      }
    };
    const a = await WasmTrainer.create(opts, { seed: 1 });
    await train(a, 0, 3);
    const files = encodeCheckpoint(await a.save({ model: { type: 'BPE' } }));
    const loaded = decodeCheckpoint(files).checkpoint;
    const b = await WasmTrainer.create(opts, { seed: 99 });
    await b.load(loaded);
    expect(await dump(b)).toBe(await dump(a));
    await train(a, 3, 2);
    await train(b, 3, 2);
    expect(await dump(b)).toBe(await dump(a));
    expect([a.steps, b.steps]).toEqual([5, 5]);
    const other = await WasmTrainer.create({ ...opts, config: { ...cfg, intermediate_size: 32 } }, { seed: 1 });
    await expect(b.load(await other.save())).rejects.toThrow(/model\.layers\.0\.mlp\.gate_proj\.weight/);
    expect(await dump(b)).not.toBe(''); // b still usable after the rejected load
    expect(loaded.tokenizer).toEqual({ model: { type: 'BPE' } });
    expect(Object.keys(files).sort()).toEqual([
      'config.json',
      'model.safetensors',
      'optimizer.safetensors',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    [a, b, other].forEach((t) => t.destroy());
  });

  it('overfits: a micro model memorises a few short sequences', async () => {
    const cfg = { ...PRESETS.micro, num_hidden_layers: 2 };
    const B = 3,
      T = 12,
      targets = B * (T - 1);
    const u = mulberry32(7);
    const tokens = Array.from({ length: B * T }, () => Math.floor(u() * cfg.vocab_size));
    const mask = new Array(B * T).fill(1);
    const w = Array.from({ length: B * T }, (_, i) => (i % T === T - 1 ? 0 : -1 / targets));
    const trainer = await WasmTrainer.create(
      { config: cfg, batch: B, seqLen: T, optimizer: { maxGradNorm: 1 } },
      { seed: 0 },
    );
    const losses: number[] = [];
    for (let s = 0; s < 100; s++) {
      const lp = await trainer.forward(tokens, mask);
      losses.push(-lp.reduce((a, x, i) => a + x * -w[i], 0));
      if (losses[losses.length - 1] < 0.1) break;
      await trainer.backward(w);
      await trainer.step(3e-3);
      trainer.zeroGrad();
    }
    trainer.destroy();
    console.log(
      'overfit:',
      JSON.stringify({ first: losses[0], last: losses[losses.length - 1], steps: losses.length }),
    );
    expect(losses[0]).toBeGreaterThan(Math.log(cfg.vocab_size) - 0.5);
    expect(losses[losses.length - 1]).toBeLessThan(0.1); // ≈ 90% probability on every memorised next token
  });

  it('memory stays flat over many steps (JS heap, array buffers and the wasm memory of ORT)', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const cfg = { ...PRESETS.micro, num_hidden_layers: 2 };
    const B = 2,
      T = 64;
    const trainer = await WasmTrainer.create({ config: cfg, batch: B, seqLen: T }, { seed: 0 });
    const tokens = Array.from({ length: B * T }, (_, i) => (i * 13) % cfg.vocab_size);
    const mask = new Array(B * T).fill(1);
    const w = new Array(B * T).fill(-0.01);
    const run = async (n: number) => {
      for (let s = 0; s < n; s++) {
        await trainer.forward(tokens, mask);
        await trainer.backward(w);
        await trainer.step(1e-3);
        trainer.zeroGrad();
      }
    };
    // One gc() leaves array buffers whose backing stores are freed later (it swung the reading by ±29 MB and failed
    // CI once): collect until the reading stops falling, yielding so the freeing runs, and keep the lowest.
    const sample = async () => {
      let js = Infinity;
      for (let i = 0; i < 5; i++) {
        gc();
        await new Promise((resolve) => setImmediate(resolve));
        const m = process.memoryUsage();
        js = Math.min(js, m.heapUsed + m.arrayBuffers);
      }
      return { js, wasm: wasmMemories.reduce((a, x) => a + x.buffer.byteLength, 0) };
    };
    await run(5); // warm-up: ORT's arena and the JIT reach their working size
    const before = await sample();
    await run(40);
    const after = await sample();
    trainer.destroy();
    // One step's transient outputs (saved activations + gradients) are ~1.5 MB here; a leak of one of them per
    // step would add ~60 MB over 40 steps.
    const perStep = trainer.memoryBytes;
    console.log('memory growth over 40 steps (bytes):', {
      js: after.js - before.js,
      wasm: after.wasm - before.wasm,
      planned: perStep,
    });
    expect(after.js - before.js).toBeLessThan(perStep);
    expect(before.wasm).toBeGreaterThan(perStep); // ORT's memory was found (it holds the weights and more)
    expect(after.wasm - before.wasm).toBeLessThan(perStep);
  });
});
