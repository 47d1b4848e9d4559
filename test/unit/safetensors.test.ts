import { describe, expect, it } from 'vitest';
import { parseSafetensors, serializeSafetensors, SafetensorsError } from '../../src/model/safetensors.ts';
import { bf16BitsToF32, f16BitsToF32, f32ToBf16Bits, f32ToF16Bits } from '../../src/model/safetensors-dtypes.ts';

/** Hand-builds a file from a header object and a data region (to produce malformed files). */
function rawFile(header: unknown, data: Uint8Array, headerLenOverride?: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLenOverride ?? json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const bitsOf = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('safetensors F32', () => {
  it('round-trips bit-exactly, NaN payloads, -0 and Inf included, with metadata', () => {
    const weird = new Uint32Array([0x7fc00001, 0xffa00000, 0x80000000, 0x7f800000, 0xff800000, 0x00000001, 0x3f800000]);
    const a = new Float32Array(weird.buffer);
    const b = Float32Array.from({ length: 35 }, (_, i) => Math.sin(i) * 1e-3);
    const file = serializeSafetensors(
      [
        { name: 'a', shape: [7], data: a },
        { name: 'half', shape: [5, 7], data: b, dtype: 'F16' },
        { name: 'b', shape: [5, 7], data: b },
        { name: 'ids', shape: [2], data: new Int32Array([-5, 2 ** 31 - 1]) },
      ],
      { format: 'pt', note: 'x' },
    );
    const headerLen = Number(new DataView(file.buffer).getBigUint64(0, true));
    expect(headerLen % 8).toBe(0);
    const back = parseSafetensors(file);
    expect(back.metadata).toEqual({ format: 'pt', note: 'x' });
    expect(bitsOf(back.tensors.get('a')!.data as Float32Array)).toEqual(Array.from(weird));
    expect(bitsOf(back.tensors.get('b')!.data as Float32Array)).toEqual(bitsOf(b));
    expect(back.tensors.get('b')!.shape).toEqual([5, 7]);
    expect(Array.from(back.tensors.get('ids')!.data as Int32Array)).toEqual([-5, 2 ** 31 - 1]);
    expect(back.tensors.get('half')!.dtype).toBe('F16');
  });

  it('reads I64 and zero-sized tensors', () => {
    const data = new Uint8Array(16);
    new DataView(data.buffer).setBigInt64(0, -3n, true);
    new DataView(data.buffer).setBigInt64(8, 2n ** 40n, true);
    const f = rawFile(
      {
        big: { dtype: 'I64', shape: [2], data_offsets: [0, 16] },
        empty: { dtype: 'F32', shape: [0, 3], data_offsets: [16, 16] },
      },
      data,
    );
    const t = parseSafetensors(f).tensors;
    expect(Array.from(t.get('big')!.data as BigInt64Array)).toEqual([-3n, 2n ** 40n]);
    expect(t.get('empty')!.data.length).toBe(0);
  });
});

describe('fp16 / bf16 conversion', () => {
  it('f16: exact values, rounding to nearest even, overflow, subnormals, NaN', () => {
    expect(f32ToF16Bits(1)).toBe(0x3c00);
    expect(f32ToF16Bits(-2)).toBe(0xc000);
    expect(f32ToF16Bits(65504)).toBe(0x7bff); // max finite
    expect(f32ToF16Bits(65520)).toBe(0x7c00); // halfway to the next step rounds (to even) to Inf
    expect(f32ToF16Bits(65519)).toBe(0x7bff);
    expect(f32ToF16Bits(1e6)).toBe(0x7c00);
    expect(f32ToF16Bits(-Infinity)).toBe(0xfc00);
    expect(f32ToF16Bits(-0)).toBe(0x8000);
    expect(f16BitsToF32(f32ToF16Bits(NaN))).toBeNaN();
    // ties: 1 + 2^-11 is halfway between 1 and 1+2^-10 → even (1); 1 + 3·2^-11 → 1 + 2·2^-10
    expect(f32ToF16Bits(1 + 2 ** -11)).toBe(0x3c00);
    expect(f32ToF16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(f32ToF16Bits(1 + 2 ** -11 + 2 ** -20)).toBe(0x3c01); // just above halfway rounds up
    // subnormals: smallest 2^-24, largest (1023)·2^-24, smallest normal 2^-14
    expect(f32ToF16Bits(2 ** -24)).toBe(0x0001);
    expect(f32ToF16Bits(2 ** -25)).toBe(0x0000); // tie → even (0)
    expect(f32ToF16Bits(3 * 2 ** -25)).toBe(0x0002); // tie between 1 and 2 → 2
    expect(f32ToF16Bits(2 ** -25 * 1.0001)).toBe(0x0001);
    expect(f32ToF16Bits(1023 * 2 ** -24)).toBe(0x03ff);
    expect(f32ToF16Bits(1023.5 * 2 ** -24)).toBe(0x0400); // rounds up into the smallest normal
    expect(f32ToF16Bits(2 ** -14)).toBe(0x0400);
    expect(f32ToF16Bits(1e-10)).toBe(0);
    expect(f16BitsToF32(0x0001)).toBe(2 ** -24);
    expect(f16BitsToF32(0x7bff)).toBe(65504);
    expect(f16BitsToF32(0xfc00)).toBe(-Infinity);
  });

  it('f16: every half value survives f16 → f32 → f16, and rounding picks the nearest', () => {
    for (let h = 0; h < 0x10000; h++) {
      const v = f16BitsToF32(h);
      if (Number.isNaN(v)) expect(Number.isNaN(f16BitsToF32(f32ToF16Bits(v)))).toBe(true);
      else expect(f32ToF16Bits(v)).toBe(h);
    }
    // Random floats: the chosen half is at least as close as its neighbours.
    let seed = 12345;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 2000; i++) {
      const x = Math.fround((rnd() - 0.5) * 2 ** (rnd() * 40 - 26));
      const h = f32ToF16Bits(x);
      const err = Math.abs(f16BitsToF32(h) - x);
      for (const n of [h - 1, h + 1])
        if ((n & 0x7c00) !== 0x7c00 && (n & 0x7fff) !== 0x7fff)
          expect(err).toBeLessThanOrEqual(Math.abs(f16BitsToF32(n & 0xffff) - x));
    }
  });

  it('bf16: truncation with round to nearest even, Inf on overflow, NaN stays NaN', () => {
    expect(f32ToBf16Bits(1)).toBe(0x3f80);
    expect(f32ToBf16Bits(-1)).toBe(0xbf80);
    // 1 + 2^-8 is halfway between 1 and 1 + 2^-7 → even (1); 1 + 3·2^-8 → 1 + 2^-6
    expect(f32ToBf16Bits(1 + 2 ** -8)).toBe(0x3f80);
    expect(f32ToBf16Bits(1 + 3 * 2 ** -8)).toBe(0x3f82);
    expect(f32ToBf16Bits(1 + 2 ** -8 + 2 ** -20)).toBe(0x3f81);
    expect(f32ToBf16Bits(3.4028234663852886e38)).toBe(0x7f80); // max float rounds to Inf
    expect(f32ToBf16Bits(Infinity)).toBe(0x7f80);
    expect(f32ToBf16Bits(2 ** -130)).toBe(0x0008); // subnormal floats keep their top bits
    expect(bf16BitsToF32(f32ToBf16Bits(NaN))).toBeNaN();
    expect(bf16BitsToF32(0x3f80)).toBe(1);
    for (let b = 0; b < 0x10000; b += 7) {
      const v = bf16BitsToF32(b);
      if (!Number.isNaN(v)) expect(f32ToBf16Bits(v)).toBe(b);
    }
  });

  it('F16 and BF16 tensors load as the rounded float32 values', () => {
    const x = new Float32Array([1, 1 + 3 * 2 ** -11, -65520, 2 ** -25 * 3, NaN, 0.1]);
    const file = serializeSafetensors([
      { name: 'h', shape: [6], data: x, dtype: 'F16' },
      { name: 'b', shape: [2, 3], data: x, dtype: 'BF16' },
    ]);
    const t = parseSafetensors(file).tensors;
    const h = Array.from(t.get('h')!.data as Float32Array);
    expect(h.slice(0, 4)).toEqual([1, 1 + 2 * 2 ** -10, -Infinity, 2 * 2 ** -24]);
    expect(h[4]).toBeNaN();
    expect(h[5]).toBe(f16BitsToF32(0x2e66)); // 0.1 in half precision
    const b = Array.from(t.get('b')!.data as Float32Array);
    expect(b[0]).toBe(1);
    expect(b[5]).toBe(bf16BitsToF32(0x3dcd)); // 0.1 in bfloat16
    expect(t.get('b')!.dtype).toBe('BF16');
  });
});

describe('safetensors errors name the problem and the tensor', () => {
  const four = new Uint8Array(16);
  const ok = { w: { dtype: 'F32', shape: [2, 2], data_offsets: [0, 16] } };
  const err = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(SafetensorsError);
      return (e as Error).message;
    }
    throw new Error('expected an error');
  };
  it('truncated files', () => {
    expect(err(() => parseSafetensors(new Uint8Array(5), 'm.safetensors'))).toMatch(
      /m\.safetensors: truncated.*8-byte/,
    );
    const full = rawFile(ok, four);
    expect(err(() => parseSafetensors(full.subarray(0, 20)))).toMatch(/truncated: header says/);
    expect(err(() => parseSafetensors(full.subarray(0, full.length - 4)))).toMatch(
      /tensor 'w'.*out of range.*truncated/,
    );
  });
  it('offsets out of range, overlap, gaps, size mismatch, unknown dtype, bad header', () => {
    expect(
      err(() => parseSafetensors(rawFile({ w: { dtype: 'F32', shape: [2, 2], data_offsets: [0, 32] } }, four))),
    ).toMatch(/tensor 'w'.*out of range/);
    expect(
      err(() => parseSafetensors(rawFile({ w: { dtype: 'F32', shape: [2, 2], data_offsets: [8, 4] } }, four))),
    ).toMatch(/tensor 'w'.*end before/);
    const overlap = {
      a: { dtype: 'F32', shape: [3], data_offsets: [0, 12] },
      b: { dtype: 'F32', shape: [2], data_offsets: [8, 16] },
    };
    expect(err(() => parseSafetensors(rawFile(overlap, four)))).toMatch(/tensor 'b'.*overlap tensor 'a'/);
    const gap = {
      a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
      b: { dtype: 'F32', shape: [2], data_offsets: [8, 16] },
    };
    expect(err(() => parseSafetensors(rawFile(gap, four)))).toMatch(/tensor 'b'.*misaligned.*belong to no tensor/);
    expect(
      err(() => parseSafetensors(rawFile({ w: { dtype: 'F32', shape: [3], data_offsets: [0, 16] } }, four))),
    ).toMatch(/tensor 'w'.*misaligned.*needs 12/);
    expect(
      err(() => parseSafetensors(rawFile({ w: { dtype: 'F8_E4M3', shape: [16], data_offsets: [0, 16] } }, four))),
    ).toMatch(/tensor 'w'.*unknown or unsupported dtype "F8_E4M3"/);
    expect(
      err(() => parseSafetensors(rawFile({ w: { dtype: 'F32', shape: [-1], data_offsets: [0, 16] } }, four))),
    ).toMatch(/tensor 'w'.*shape/);
    expect(
      err(() => parseSafetensors(rawFile({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] } }, four))),
    ).toMatch(/trailing bytes/);
    expect(err(() => parseSafetensors(rawFile([1, 2], four)))).toMatch(/not a JSON object/);
    const bad = rawFile(ok, four);
    bad[8] = 0x7b + 1; // corrupt the opening brace
    expect(err(() => parseSafetensors(bad))).toMatch(/not valid UTF-8 JSON/);
    expect(err(() => parseSafetensors(rawFile(ok, four, 2 ** 40)))).toMatch(/implausible/);
  });
  it('writer refuses inconsistent tensors', () => {
    expect(err(() => serializeSafetensors([{ name: 'x', shape: [3], data: new Float32Array(2) }]))).toMatch(
      /tensor 'x'.*3 elements.*2/,
    );
    expect(
      err(() =>
        serializeSafetensors([
          { name: 'x', shape: [1], data: new Float32Array(1) },
          { name: 'x', shape: [1], data: new Float32Array(1) },
        ]),
      ),
    ).toMatch(/duplicate/);
  });
});
