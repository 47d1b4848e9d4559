// The WGSL Trainer on SwiftShader in headless Chromium, held to the float64 reference: whole-model
// gradients, zero allocations per step, NaN skip, save → load → identical continuation, an overfit run,
// and the same Trainer in a Worker. One page, few launches; sizes kept small for the 2-core budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { closeBrowser, harnessPage } from './page.ts';
import { TINY_LLAMA } from '../unit/tiny-llama.ts';

type TrainerMod = typeof import('../../src/train/trainer.ts');
type TrainerT = import('../../src/train/trainer.ts').Trainer;
type RefMod = typeof import('../../src/model/reference/model.ts');
type RngMod = typeof import('../../src/model/reference/rng.ts');
type GpuMod = typeof import('../../src/gpu/device.ts');
type CkMod = typeof import('../../src/model/checkpoint.ts');
type WorkerMod = typeof import('../../src/worker/trainer-worker.ts');

let page: Page;
beforeAll(async () => {
  page = await harnessPage();
});
afterAll(closeBrowser);

const tinyBase = TINY_LLAMA;

describe('Trainer (WGSL) vs the float64 reference', () => {
  it('whole-model gradients match the reference (tied/untied, left/right padding); backward accumulates', async () => {
    const r = await page.evaluate(async (base) => {
      const { Trainer } = (await window.__load('/src/train/trainer.ts')) as TrainerMod;
      const ref = (await window.__load('/src/model/reference/model.ts')) as RefMod;
      const rng = (await window.__load('/src/model/reference/rng.ts')) as RngMod;
      const { sharedGpu } = (await window.__load('/src/gpu/device.ts')) as GpuMod;
      const { device } = await sharedGpu();
      const B = 2,
        T = 7;
      const tokens = [
        [0, 0, 5, 9, 31, 2, 17],
        [4, 8, 15, 16, 23, 1, 3],
      ];
      const mask = [
        [0, 0, 1, 1, 1, 1, 1],
        [1, 1, 1, 1, 1, 0, 0],
      ];
      const w = Array.from(rng.randomNormal(B * T, 3));
      const out: Record<
        string,
        { maxRel: number; worst: string; checked: number; lpErr: number; accumulateErr: number; refused: string }
      > = {};
      for (const tied of [true, false]) {
        const cfg = { ...base, tie_word_embeddings: tied };
        // fp32-representable weights, std 0.3 so every gradient has a healthy magnitude; norm gains ≠ 1
        const params = ref.initParams(cfg, 11, 0.3);
        const gains = rng.randomNormal(cfg.hidden_size, 12, 0.2);
        for (const t of params.values()) {
          if (t.length === cfg.hidden_size) t.forEach((_, i) => (t[i] = 1 + gains[i]));
          t.set(Float32Array.from(t));
        }
        const { logprobs, cache } = ref.referenceForward(cfg, params, tokens, mask);
        const grads = ref.referenceBackward(cfg, params, cache, w);
        const trainer = await Trainer.create(device, { config: cfg, batch: B, seqLen: T }, { weights: params });
        const lp = await trainer.forward(tokens, mask);
        await trainer.backward(w);
        const got = await trainer.getGradients();
        await trainer.forward(tokens, mask);
        await trainer.backward(w); // a second forward + backward adds the same gradient again
        const twice = await trainer.getGradients();
        // Packed rows (src/model/packed-rows.ts) are the wasm backend's: this one says so instead of misreading them.
        const packedMask = [
          [1, 1, 2, 2, 3, 3, 3],
          [1, 1, 1, 1, 1, 0, 0],
        ];
        const refused = await trainer.forward(tokens, packedMask).then(
          () => 'accepted',
          (e: Error) => `${trainer.packsRows}: ${e.message}`,
        );
        trainer.destroy();
        let maxRel = 0,
          worst = '',
          checked = 0,
          accumulateErr = 0;
        for (const [name, g] of grads) {
          const gpu = got.get(name)!;
          const scale = g.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
          for (let i = 0; i < g.length; i++) {
            accumulateErr = Math.max(accumulateErr, Math.abs(twice.get(name)![i] - 2 * gpu[i]) / (scale || 1));
            if (Math.abs(g[i]) < 1e-3 * scale) continue; // "tiny": below 0.1% of the tensor's largest entry
            checked++;
            const rel = Math.abs(gpu[i] - g[i]) / Math.abs(g[i]);
            if (rel > maxRel) [maxRel, worst] = [rel, `${name}[${i}] gpu ${gpu[i]} ref ${g[i]}`];
          }
        }
        const lpErr = Math.max(...Array.from(logprobs, (x, i) => Math.abs(x - lp[i])));
        out[tied ? 'tied' : 'untied'] = { maxRel, worst, checked, lpErr, accumulateErr, refused };
      }
      return out;
    }, tinyBase);
    console.log('whole-model gradient parity (max relative error on non-tiny entries):', JSON.stringify(r));
    for (const v of Object.values(r)) {
      expect(v.checked).toBeGreaterThan(1000);
      expect(v.maxRel).toBeLessThanOrEqual(1e-3);
      expect(v.lpErr).toBeLessThan(1e-5);
      expect(v.accumulateErr).toBeLessThan(1e-5);
      expect(v.refused).toMatch(/^false: .*packed rows .* wasm backend only/);
    }
  });

  it('a step allocates nothing; a NaN gradient skips the step, weights and m/v bit-identical', async () => {
    const r = await page.evaluate(async (base) => {
      const { Trainer } = (await window.__load('/src/train/trainer.ts')) as TrainerMod;
      const { sharedGpu } = (await window.__load('/src/gpu/device.ts')) as GpuMod;
      const { device } = await sharedGpu();
      const cfg = { ...base, tie_word_embeddings: true };
      const B = 2,
        T = 8;
      const trainer = await Trainer.create(
        device,
        { config: cfg, batch: B, seqLen: T, optimizer: { weightDecay: 0.1, maxGradNorm: 0.5 } },
        { seed: 3 },
      );
      const tokens = Array.from({ length: B * T }, (_, i) => (i * 7) % 32);
      const mask = new Array(B * T).fill(1);
      const w = new Array(B * T).fill(-1 / (B * (T - 1)));
      const calls = { createBuffer: 0, createBindGroup: 0 };
      const origBuffer = device.createBuffer.bind(device);
      const origGroup = device.createBindGroup.bind(device);
      device.createBuffer = (d: GPUBufferDescriptor) => (calls.createBuffer++, origBuffer(d));
      device.createBindGroup = (d: GPUBindGroupDescriptor) => (calls.createBindGroup++, origGroup(d));
      const results = [];
      try {
        for (let s = 0; s < 3; s++) {
          await trainer.forward(tokens, mask);
          await trainer.backward(w);
          results.push(await trainer.step(1e-2));
          trainer.zeroGrad();
        }
      } finally {
        device.createBuffer = origBuffer;
        device.createBindGroup = origGroup;
      }
      const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
      const snapshot = async () => {
        const s = await trainer.state();
        return JSON.stringify([s.step, s.tensors.map((t) => [bits(t.param), bits(t.m), bits(t.v)])]);
      };
      // NaN injected into one gradient (and an Inf into another run): the step must be skipped.
      const skips = [];
      for (const bad of [NaN, Infinity]) {
        await trainer.forward(tokens, mask);
        await trainer.backward(w);
        const before = await snapshot();
        const g = trainer.params.get('model.layers.1.mlp.up_proj.weight').grad;
        device.queue.writeBuffer(g, 4 * 17, new Float32Array([bad]));
        const res = await trainer.step(3e-3);
        skips.push({
          res: { gradNorm: String(res.gradNorm), skipped: res.skipped },
          unchanged: before === (await snapshot()),
        });
        trainer.zeroGrad();
      }
      await trainer.forward(tokens, mask);
      await trainer.backward(w);
      const after = await trainer.step(3e-3);
      const steps = trainer.steps;
      trainer.destroy();
      return { calls, results, skips, after, steps };
    }, tinyBase);
    expect(r.calls).toEqual({ createBuffer: 0, createBindGroup: 0 });
    expect(r.results.every((x) => !x.skipped && x.gradNorm > 0 && Number.isFinite(x.gradNorm))).toBe(true);
    for (const s of r.skips) {
      expect(s.res.skipped).toBe(true);
      expect(s.unchanged).toBe(true);
    }
    expect(r.after.skipped).toBe(false);
    expect(r.steps).toBe(4); // 3 + 1: the two skipped steps did not count
  });

  it('save → bytes → load round-trips bit-exactly, continuations stay identical; wrong shapes named', async () => {
    const r = await page.evaluate(async (base) => {
      const { Trainer } = (await window.__load('/src/train/trainer.ts')) as TrainerMod;
      const ck = (await window.__load('/src/model/checkpoint.ts')) as CkMod;
      const { sharedGpu } = (await window.__load('/src/gpu/device.ts')) as GpuMod;
      const { device } = await sharedGpu();
      const cfg = { ...base, tie_word_embeddings: false };
      const B = 2,
        T = 6;
      const opts = { config: cfg, batch: B, seqLen: T, optimizer: { weightDecay: 0.01 } };
      const batch = (s: number) => Array.from({ length: B * T }, (_, i) => (i * 5 + s * 3) % 32);
      const mask = new Array(B * T).fill(1);
      const w = new Array(B * T).fill(-0.1);
      const train = async (t: TrainerT, from: number, n: number) => {
        for (let s = from; s < from + n; s++) {
          await t.forward(batch(s), mask);
          await t.backward(w);
          await t.step(5e-3);
          t.zeroGrad();
        }
      };
      const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
      const dump = async (t: TrainerT) => {
        const s = await t.state();
        return JSON.stringify([s.step, s.tensors.map((x) => [x.name, bits(x.param), bits(x.m), bits(x.v)])]);
      };
      const a = await Trainer.create(device, opts, { seed: 1 });
      await train(a, 0, 3);
      // through the real file bytes: encode → decode
      const files = ck.encodeCheckpoint(await a.save({ model: { type: 'BPE' } }));
      const loaded = ck.decodeCheckpoint(files).checkpoint;
      const b = await Trainer.create(device, opts, { seed: 99 });
      await b.load(loaded);
      const sameAfterLoad = (await dump(a)) === (await dump(b));
      await train(a, 3, 2);
      await train(b, 3, 2);
      const sameAfterResume = (await dump(a)) === (await dump(b));
      const steps = [a.steps, b.steps];
      // a checkpoint of another shape: the first mismatching tensor is named
      const other = await Trainer.create(device, { ...opts, config: { ...cfg, intermediate_size: 32 } }, { seed: 1 });
      const wrong = await b.load(await other.save()).then(
        () => 'loaded?!',
        (e: Error) => e.message,
      );
      const tokenizer = loaded.tokenizer;
      [a, b, other].forEach((t) => t.destroy());
      return { sameAfterLoad, sameAfterResume, steps, wrong, tokenizer, files: Object.keys(files).sort() };
    }, tinyBase);
    expect(r.sameAfterLoad).toBe(true);
    expect(r.sameAfterResume).toBe(true);
    expect(r.steps).toEqual([5, 5]);
    expect(r.wrong).toMatch(/model\.layers\.0\.mlp\.gate_proj\.weight/);
    expect(r.tokenizer).toEqual({ model: { type: 'BPE' } });
    expect(r.files).toEqual([
      'config.json',
      'model.safetensors',
      'optimizer.safetensors',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
  });

  it('overfits: a micro model memorises a few short sequences', async () => {
    const r = await page.evaluate(async () => {
      const { Trainer } = (await window.__load('/src/train/trainer.ts')) as TrainerMod;
      const { PRESETS } = (await window.__load('/src/model/config.ts')) as typeof import('../../src/model/config.ts');
      const rng = (await window.__load('/src/model/reference/rng.ts')) as RngMod;
      const { sharedGpu } = (await window.__load('/src/gpu/device.ts')) as GpuMod;
      const { device } = await sharedGpu();
      // micro's widths, vocabulary and heads with 2 of its 4 layers: half the dispatches per step (test budget)
      const cfg = { ...PRESETS.micro, num_hidden_layers: 2 };
      const B = 3,
        T = 12,
        targets = B * (T - 1);
      const u = rng.mulberry32(7);
      const tokens = Array.from({ length: B * T }, () => Math.floor(u() * cfg.vocab_size));
      const mask = new Array(B * T).fill(1);
      // mean next-token NLL: L = Σ w·logprob with w = −1/targets on every scored position
      const w = Array.from({ length: B * T }, (_, i) => (i % T === T - 1 ? 0 : -1 / targets));
      // the best a unigram model can do on these targets: the empirical entropy of the target tokens
      const counts = new Map<number, number>();
      tokens.forEach((t, i) => i % T !== 0 && counts.set(t, (counts.get(t) ?? 0) + 1));
      let unigram = 0;
      for (const c of counts.values()) unigram -= (c / targets) * Math.log(c / targets);
      const trainer = await Trainer.create(
        device,
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
      return {
        first: losses[0],
        last: losses[losses.length - 1],
        steps: losses.length,
        unigram,
        lnV: Math.log(cfg.vocab_size),
      };
    });
    console.log('overfit:', JSON.stringify(r));
    // Threshold 0.1 nats: ln V ≈ 6.93 is chance and the unigram entropy (≈ 3.5 here) is the best any
    // context-free model can do; 0.1 means ≈ 90% probability on every memorised next token.
    expect(r.first).toBeGreaterThan(r.lnV - 0.5);
    expect(r.unigram).toBeGreaterThan(3);
    expect(r.last).toBeLessThan(0.1);
  });

  it('runs in a Worker with the same results as on the page', async () => {
    const r = await page.evaluate(async (base) => {
      const { Trainer } = (await window.__load('/src/train/trainer.ts')) as TrainerMod;
      const { spawnTrainerWorker } = (await window.__load('/src/worker/trainer-worker.ts')) as WorkerMod;
      const { sharedGpu } = (await window.__load('/src/gpu/device.ts')) as GpuMod;
      const { device } = await sharedGpu();
      const cfg = { ...base, tie_word_embeddings: true };
      const opts = { config: cfg, batch: 2, seqLen: 5 };
      const tokens = [
        [1, 2, 3, 4, 5],
        [9, 8, 7, 6, 0],
      ];
      const mask = [
        [1, 1, 1, 1, 1],
        [0, 1, 1, 1, 1],
      ];
      const w = new Array(10).fill(-0.2);
      const { api, terminate } = spawnTrainerWorker();
      try {
        const info = await api.create(opts, { seed: 4 }, 'webgpu'); // auto would pick wasm on SwiftShader
        const page = await Trainer.create(device, opts, { seed: 4 });
        const run = async (t: {
          forward: typeof page.forward;
          backward: typeof page.backward;
          step: typeof page.step;
          zeroGrad(): unknown;
        }) => {
          const lps: number[][] = [];
          for (let s = 0; s < 3; s++) {
            lps.push(Array.from(await t.forward(tokens, mask)));
            await t.backward(w);
            await t.step(1e-2);
            await t.zeroGrad();
          }
          return lps;
        };
        const inWorker = await run(api as unknown as typeof page);
        const onPage = await run(page);
        const wW = await api.getWeights();
        const pW = await page.getWeights();
        let maxDiff = 0;
        for (const [n, x] of pW) x.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - wW.get(n)![i]))));
        page.destroy();
        return {
          info: { memoryBytes: info.memoryBytes, parameters: info.parameters },
          inWorker,
          onPage,
          maxDiff,
          steps: await api.steps(),
        };
      } finally {
        terminate();
      }
    }, tinyBase);
    expect(r.info.parameters).toBeGreaterThan(0);
    expect(r.steps).toBe(3);
    expect(r.inWorker).toEqual(r.onPage);
    expect(r.maxDiff).toBe(0);
  });
});
