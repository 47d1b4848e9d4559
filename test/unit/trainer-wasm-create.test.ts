// createTrainer's automatic choice (and its reason), and the two backends side by side in Node: the WGSL Trainer
// on SwiftShader (Dawn) and the wasm Trainer give the same log-probs and gradients, and a checkpoint saved by the
// wasm one loads bit-exactly into the WGSL one (same files: weights, AdamW moments, step).
import { describe, expect, it } from 'vitest';
import type { LlamaConfig } from '../../src/model/config.ts';
import { decodeCheckpoint, encodeCheckpoint } from '../../src/model/checkpoint.ts';
import { chooseTrainerBackend, createTrainer } from '../../src/train/create.ts';
import { nodeGpu } from './node-gpu.ts';
import { TINY_LLAMA } from './tiny-llama.ts';

const tiny: LlamaConfig = { ...TINY_LLAMA, tie_word_embeddings: true };
const swiftshader = {
  vendor: 'google',
  architecture: 'swiftshader',
  description: 'SwiftShader Device (Subzero)',
  isFallback: true,
};
const nvidia = { vendor: 'nvidia', architecture: 'ampere', description: 'NVIDIA RTX 3060', isFallback: false };
const fakeDevice = {} as GPUDevice; // chooseTrainerBackend only checks that a device exists

describe('createTrainer: backend choice', () => {
  it('auto: wasm without an adapter or on a CPU fallback, webgpu on a real GPU; overrides and bad requests', () => {
    expect(chooseTrainerBackend({})).toEqual({ backend: 'wasm', reason: expect.stringMatching(/no WebGPU adapter/) });
    expect(chooseTrainerBackend({ device: fakeDevice, adapter: swiftshader })).toEqual({
      backend: 'wasm',
      reason: expect.stringMatching(/CPU fallback.*swiftshader/),
    });
    expect(chooseTrainerBackend({ device: fakeDevice, adapter: nvidia })).toEqual({
      backend: 'webgpu',
      reason: expect.stringMatching(/real GPU.*nvidia/),
    });
    expect(chooseTrainerBackend({ backend: 'wasm', device: fakeDevice, adapter: nvidia }).backend).toBe('wasm');
    expect(chooseTrainerBackend({ backend: 'webgpu', device: fakeDevice, adapter: swiftshader }).backend).toBe(
      'webgpu',
    );
    expect(() => chooseTrainerBackend({ backend: 'webgpu' })).toThrow(/needs a GPUDevice/);
    expect(() => chooseTrainerBackend({ backend: 'cuda' as 'wasm' })).toThrow(/auto, wasm or webgpu/);
    expect(() => chooseTrainerBackend({ device: fakeDevice })).toThrow(/adapter report/);
  });

  it('both backends agree on log-probs and gradients, and checkpoints cross between them', async () => {
    const gpu = await nodeGpu();
    if (!gpu) {
      console.warn(
        'no WebGPU adapter in Node (Dawn + SwiftShader): cross-backend check not run here; the browser suite covers the WGSL side',
      );
      return;
    }
    const auto = await createTrainer({
      config: tiny,
      batch: 2,
      seqLen: 7,
      device: gpu.device,
      adapter: gpu.report,
      init: { seed: 5 },
    });
    expect(auto.choice.backend).toBe(gpu.report.isFallback ? 'wasm' : 'webgpu');
    auto.trainer.destroy();
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
    const w = [
      [0, 0, -0.5, -0.5, 0.3, -1, 0],
      [-0.2, -0.2, -0.2, -0.2, 0, 0, 0],
    ];
    const opts = { config: tiny, batch: B, seqLen: T, device: gpu.device, init: { seed: 5 } };
    const { trainer: wg } = await createTrainer({ ...opts, backend: 'webgpu' });
    const { trainer: wa } = await createTrainer({ ...opts, backend: 'wasm' });
    expect([wg.kind, wa.kind]).toEqual(['webgpu', 'wasm']);
    const lpG = await wg.forward(tokens, mask),
      lpA = await wa.forward(tokens, mask);
    expect(Math.max(...lpG.map((x, i) => Math.abs(x - lpA[i])))).toBeLessThan(1e-5);
    await wg.backward(w);
    await wa.backward(w);
    const gG = await wg.getGradients(),
      gA = await wa.getGradients();
    let maxRel = 0;
    for (const [name, g] of gG) {
      const a = gA.get(name)!;
      const scale = g.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      for (let i = 0; i < g.length; i++)
        if (Math.abs(g[i]) >= 1e-3 * scale) maxRel = Math.max(maxRel, Math.abs(a[i] - g[i]) / Math.abs(g[i]));
    }
    expect(maxRel).toBeLessThan(2e-3);
    // forwardBackward (SFT's path) on the WGSL backend: its forward then its backward, the same gradients again.
    wg.zeroGrad();
    expect(Array.from(await wg.forwardBackward(tokens, mask, w))).toEqual(Array.from(lpG));
    const again = await wg.getGradients();
    for (const [name, g] of gG) expect(Array.from(again.get(name)!), name).toEqual(Array.from(g));
    await wa.step(1e-2);
    // wasm → checkpoint bytes → webgpu: weights, moments and step arrive bit-exact
    const files = encodeCheckpoint(await wa.save());
    await wg.load(decodeCheckpoint(files).checkpoint);
    const [sA, sG] = [await wa.state(), await wg.state()];
    expect(sG.step).toBe(1);
    for (let i = 0; i < sA.tensors.length; i++) {
      for (const k of ['param', 'm', 'v'] as const)
        expect(Buffer.from(sG.tensors[i][k].buffer).equals(Buffer.from(sA.tensors[i][k].buffer))).toBe(true);
    }
    wg.destroy();
    wa.destroy();
  });
});
