// The wasm Trainer's AdamW kernel (src/train/wasm/adamw.wat): its committed bytes are what the .wat compiles to, and
// on lengths with and without a SIMD tail, with and without weight decay and clipping, it matches the update
// computed in float64 to float32 rounding; arrays it did not allocate are refused.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/model/reference/rng.ts';
import { ADAMW_WASM_BASE64 } from '../../src/train/wasm/adamw-wasm.ts';
import { watToBase64 } from '../../src/train/wasm/build/wat-compile.ts';
import { HostMemory, type AdamwScalars } from '../../src/train/wasm/host-memory.ts';

describe('wasm AdamW kernel', () => {
  it('the committed bytes are the compiled adamw.wat', async () => {
    expect(await watToBase64('src/train/wasm/adamw.wat')).toBe(ADAMW_WASM_BASE64);
  });

  it('matches the float64 update to float32 rounding, SIMD body and scalar tail alike', async () => {
    const rng = mulberry32(7);
    const sizes = [1, 3, 4, 5, 17, 1000];
    const mem = await HostMemory.create(4 * sizes.reduce((a, b) => a + b, 0), 4 * sizes.length);
    const s: AdamwScalars = {
      scale: 0.37,
      b1: 0.9,
      b2: 0.95,
      lrBc1: 3e-3 / (1 - 0.9 ** 3),
      rBc2: 1 / (1 - 0.95 ** 3),
      eps: 1e-8,
    };
    let checked = 0;
    for (const [k, n] of sizes.entries()) {
      const t = { param: mem.alloc(n), grad: mem.alloc(n), m: mem.alloc(n), v: mem.alloc(n) };
      for (const a of [t.param, t.grad, t.m]) for (let i = 0; i < n; i++) a[i] = rng() * 2 - 1;
      for (let i = 0; i < n; i++) t.v[i] = rng() * 1e-2;
      const before = {
        p: Float64Array.from(t.param),
        g: Float64Array.from(t.grad),
        m: Float64Array.from(t.m),
        v: Float64Array.from(t.v),
      };
      const lrWd = k % 2 ? 3e-3 * 0.1 : 0;
      mem.adamw(t, s, lrWd);
      for (let i = 0; i < n; i++) {
        const g = before.g[i] * s.scale;
        const m = s.b1 * before.m[i] + (1 - s.b1) * g;
        const v = s.b2 * before.v[i] + (1 - s.b2) * g * g;
        const step = (s.lrBc1 * m) / (Math.sqrt(v * s.rBc2) + s.eps);
        const p = before.p[i] - step - lrWd * before.p[i];
        expect(Math.abs(t.m[i] - m)).toBeLessThanOrEqual(1e-6 * Math.abs(m) + 1e-12);
        expect(Math.abs(t.v[i] - v)).toBeLessThanOrEqual(1e-6 * Math.abs(v) + 1e-15);
        // The update is what float32 rounds: compare it to its own size, not to the weight's.
        expect(Math.abs(before.p[i] - t.param[i] - (before.p[i] - p))).toBeLessThanOrEqual(
          1e-6 * Math.abs(step) + 1e-7 * Math.abs(p),
        );
        checked++;
      }
      expect(Array.from(t.grad)).toEqual(Array.from(before.g, Math.fround)); // gradients are read, not written
    }
    expect(checked).toBe(1030);
  });

  it('hands out 16-byte-aligned arrays, refuses arrays it did not allocate and plans that do not fit', async () => {
    const mem = await HostMemory.create(12, 3);
    const a = mem.alloc(3);
    const b = mem.alloc(5);
    expect(b.byteOffset % 16).toBe(0);
    expect(() =>
      mem.adamw(
        { param: a, grad: new Float32Array(3), m: a, v: a },
        { scale: 1, b1: 0.9, b2: 0.99, lrBc1: 1, rBc2: 1, eps: 1e-8 },
        0,
      ),
    ).toThrow(/allocated by this HostMemory/);
    expect(() => mem.alloc(1e6)).toThrow(/do not fit/);
    await expect(HostMemory.create(2 ** 31, 1)).rejects.toThrow(/exceed wasm32's 4 GiB/);
    expect(a.length + b.length).toBe(8);
  });
});
