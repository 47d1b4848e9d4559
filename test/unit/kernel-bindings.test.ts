// Bindings are declared once in TypeScript and checked against the WGSL when a kernel loads: a swapped,
// missing, extra or wrongly-accessed binding is a load-time GpuKernelError naming both sides, and bind
// groups are built by name (a missing or unknown name throws). Dawn's null backend: no Vulkan needed.
import { beforeAll, describe, expect, it } from 'vitest';
import { bindingMismatches, parseWgslBindings, usedBindings } from '../../src/gpu/bindings.ts';
import { createBuffer } from '../../src/gpu/buffers.ts';
import type { Gpu } from '../../src/gpu/device.ts';
import { createUniform } from '../../src/gpu/dispatch.ts';
import { GpuKernelError } from '../../src/gpu/errors.ts';
import { Kernel } from '../../src/gpu/kernel.ts';
import { Adamw } from '../../src/train/ops/adamw.ts';
import { Attention } from '../../src/train/ops/attention.ts';
import { Embedding } from '../../src/train/ops/embedding.ts';
import { GradNorm } from '../../src/train/ops/gradnorm.ts';
import { Logprob } from '../../src/train/ops/logprob.ts';
import { Matmul } from '../../src/train/ops/matmul.ts';
import { NonFinite } from '../../src/train/ops/nonfinite.ts';
import { Rmsnorm } from '../../src/train/ops/rmsnorm.ts';
import { Rope } from '../../src/train/ops/rope.ts';
import { Swiglu } from '../../src/train/ops/swiglu.ts';
import { nodeGpu, nodeGpuFailure } from './node-gpu.ts';

let gpu: Gpu;
beforeAll(async () => {
  const got = await nodeGpu({ backend: 'null' });
  expect(got, nodeGpuFailure).toBeDefined();
  gpu = got!;
});

const SWIGLU_FORWARD = { params: 'uniform', gate: 'read', up: 'read', h: 'write' } as const;

describe('binding declarations vs. WGSL', () => {
  it('a correct declaration loads; a swapped pair fails at load naming both names and the WGSL line', async () => {
    const good = { file: 'swiglu', entryPoint: 'swiglu_forward', bindings: SWIGLU_FORWARD };
    await expect(Kernel.create(gpu.device, good)).resolves.toBeDefined();
    const swapped = { params: 'uniform', up: 'read', gate: 'read', h: 'write' } as const;
    const load = Kernel.create(gpu.device, { file: 'swiglu', entryPoint: 'swiglu_forward', bindings: swapped });
    await expect(load).rejects.toThrow(GpuKernelError);
    await expect(load).rejects.toThrow(/^swiglu:swiglu_forward: binding error: TypeScript and WGSL disagree:/);
    await expect(load).rejects.toThrow(/binding 1 is 'up' in TypeScript but 'gate' in the WGSL \(line 14\)/);
    await expect(load).rejects.toThrow(/binding 2 is 'gate' in TypeScript but 'up' in the WGSL \(line 15\)/);
  });

  it('catches a wrong access mode, a missing and an extra binding', async () => {
    const create = (bindings: Record<string, 'uniform' | 'read' | 'write'>) =>
      Kernel.create(gpu.device, { file: 'swiglu', entryPoint: 'swiglu_forward', bindings });
    await expect(create({ ...SWIGLU_FORWARD, h: 'read' })).rejects.toThrow(
      /binding 3 'h' is 'read' in TypeScript but var<storage, read_write> in the WGSL \(line 16\)/,
    );
    await expect(create({ params: 'uniform', gate: 'read', up: 'read' })).rejects.toThrow(
      /@binding\(3\) 'h' \(WGSL line 16\) is used but TypeScript declares no binding 3/,
    );
    await expect(create({ ...SWIGLU_FORWARD, extra: 'read' })).rejects.toThrow(
      /TypeScript declares binding 4 'extra' but the entry point uses no @binding\(4\)/,
    );
  });

  it('bind groups are built by name: a missing or undeclared binding throws naming it', async () => {
    const options = { file: 'swiglu', entryPoint: 'swiglu_forward', bindings: SWIGLU_FORWARD };
    const k = await Kernel.create(gpu.device, options);
    const b = (label: string) => createBuffer(gpu.device, 64, label);
    const params = createUniform(gpu.device, 'params', [['u32', 16]]);
    const ok = { params: [params, 16], gate: [b('gate'), 64], up: [b('up'), 64], h: [b('h'), 64] } as const;
    expect(() => k.bindGroup(ok)).not.toThrow();
    expect(() => k.bindGroup({ ...ok, params: [b('storage'), 16] })).toThrow(
      /binding 0 'params' is declared uniform but buffer 'storage' lacks that usage/,
    );
    const { up: _up, ...missing } = ok;
    expect(() => k.bindGroup(missing as unknown as typeof ok)).toThrow(
      /swiglu:swiglu_forward: binding error: binding 2 'up' is not bound/,
    );
    expect(() => k.bindGroup({ ...ok, dh: [b('dh'), 64] } as typeof ok)).toThrow(
      /binding 'dh' is not declared \(declared: params, gate, up, h\)/,
    );
  });

  it('every family loads: each declaration agrees with its WGSL', async () => {
    const d = gpu.device;
    const families = await Promise.all([
      Swiglu.create(d, { n: 10 }),
      Rmsnorm.create(d, { rows: 3, C: 8, eps: 1e-5 }),
      Rope.create(d, { rows: 3, heads: 2, hd: 4, theta: 1e4, maxPositions: 8 }),
      Embedding.create(d, { N: 3, V: 5, C: 4 }),
      ...(['rowwise', 'tiled', 'tiled-recompute'] as const).map((v) =>
        Attention.create(d, { B: 1, T: 5, nH: 2, nKV: 1, hd: 8 }, v),
      ),
      Logprob.create(d, { B: 1, T: 3, V: 7 }),
      Adamw.create(d),
      NonFinite.create(d, [4]),
      GradNorm.create(d, [4]),
      ...(['registers', 'tiled'] as const).map((kernel) =>
        Matmul.create(d, { M: 2, N: 3, K: 4, variant: 'nn', kernel }),
      ),
    ]);
    expect(families).toHaveLength(13);
    for (const f of families) f.destroy();
  });

  it('static use follows called functions and ignores member names, locals and comments', () => {
    const wgsl = `
      @group(0) @binding(0) var<uniform> params: P;
      @binding(1) @group(0) var<storage, read> x: array<f32>;     // attribute order does not matter
      @group(0) @binding(1) var<storage, read> other: array<f32>;
      @group(0) @binding(2) var<storage, read_write> y: array<f32>;
      // @group(0) @binding(3) var<storage, read> commented: array<f32>;
      fn helper(i: u32) -> f32 { return x[i] * params.scale; }
      fn unused() { y[0] = other[0]; }
      @compute @workgroup_size(1) fn main(@builtin(global_invocation_id) id: vec3<u32>) {
        let other = id.x; // a local shadowing a global is not a use of it
        y[id.x] = helper(other);
      }`;
    const all = parseWgslBindings(wgsl).map((b) => `${b.binding}:${b.name}:${b.access}`);
    expect(all).toEqual(['0:params:uniform', '1:x:read', '1:other:read', '2:y:write']);
    expect(usedBindings(wgsl, 'main').map((b) => b.name)).toEqual(['params', 'x', 'y']);
    expect(bindingMismatches(wgsl, 'main', { params: 'uniform', x: 'read', y: 'write' })).toEqual([]);
    expect(() => usedBindings(wgsl, 'nope')).toThrow(/entry point 'nope' is not a function/);
  });
});
