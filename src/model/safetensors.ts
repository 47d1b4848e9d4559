// The safetensors format (Hugging Face): 8-byte little-endian header length N, N bytes of JSON
// {name: {dtype, shape, data_offsets: [begin, end]}, __metadata__?: {string: string}}, then the data
// region; offsets are relative to the data region's start. Floats (F32/F16/BF16) load as Float32Array;
// I32 loads as Int32Array and I64 as BigInt64Array. Every malformed input throws naming the tensor.
import { bf16BitsToF32, f16BitsToF32, f32ToBf16Bits, f32ToF16Bits } from './safetensors-dtypes.ts';

export type FloatDType = 'F32' | 'F16' | 'BF16';
export type DType = FloatDType | 'I32' | 'I64';

const ELEMENT_BYTES: Record<DType, number> = { F32: 4, F16: 2, BF16: 2, I32: 4, I64: 8 };

export interface SafeTensor {
  name: string;
  /** The dtype on disk (the data is already converted: floats → Float32Array). */
  dtype: DType;
  shape: number[];
  data: Float32Array | Int32Array | BigInt64Array;
}

export interface SafetensorsFile {
  tensors: Map<string, SafeTensor>;
  metadata: Record<string, string>;
}

export class SafetensorsError extends Error {
  override name = 'SafetensorsError';
}

/**
 * Header bounds, checked before the header is parsed or any tensor decoded. The reference implementation allows
 * 100 MB of JSON; real headers are far smaller (~150 KB for a 70B Llama), and parsing 100 MB of hostile JSON
 * costs gigabytes of memory.
 */
export const MAX_HEADER_BYTES = 16 * 2 ** 20;
export const MAX_TENSORS = 100_000;
export const MAX_RANK = 8;

/** A tensor's header entry, checked, before its data is decoded. */
export interface TensorInfo {
  name: string;
  dtype: DType;
  shape: number[];
}
const clipJson = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 120 ? `${s.slice(0, 120)}…` : s;
};

const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Parses a whole safetensors file. `source` (a file name or URL) prefixes every error message. */
export function parseSafetensors(
  bytes: Uint8Array,
  source = 'safetensors',
  opts: { check?: (infos: readonly TensorInfo[]) => void } = {},
): SafetensorsFile {
  const fail = (msg: string): never => {
    throw new SafetensorsError(`${source}: ${msg}`);
  };
  if (bytes.byteLength < 8) fail(`truncated: ${bytes.byteLength} bytes, too short for the 8-byte header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen > MAX_HEADER_BYTES) fail(`header length ${headerLen} is implausible (not a safetensors file?)`);
  if (8 + headerLen > bytes.byteLength) {
    const rest = bytes.byteLength - 8;
    fail(`truncated: header says ${headerLen} bytes of JSON but the file has only ${rest} after the length`);
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLen)));
  } catch (e) {
    fail(`header is not valid UTF-8 JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('header is not a JSON object');
  const entries = Object.keys(header as object).length;
  if (entries > MAX_TENSORS + 1) fail(`header lists ${entries} entries; at most ${MAX_TENSORS} tensors are supported`);
  const dataStart = 8 + headerLen;
  const dataLen = bytes.byteLength - dataStart;
  const metadata: Record<string, string> = {};
  const spans: { name: string; begin: number; end: number }[] = [];
  const infos: { name: string; dtype: DType; shape: number[]; begin: number; end: number }[] = [];
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof raw !== 'object' || raw === null) fail('__metadata__ must be an object of strings');
      for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
        if (typeof v !== 'string') fail(`__metadata__.${k} must be a string, got ${clipJson(v)}`);
        metadata[k] = v as string;
      }
      continue;
    }
    const info = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof info !== 'object' || info === null) fail(`tensor '${name}': entry is not an object`);
    if (typeof info.dtype !== 'string' || !(info.dtype in ELEMENT_BYTES)) {
      fail(
        `tensor '${name}': unknown or unsupported dtype ${clipJson(info.dtype)} (supported: ${Object.keys(ELEMENT_BYTES).join(', ')})`,
      );
    }
    const dtype = info.dtype as DType;
    const shape = info.shape;
    if (!Array.isArray(shape) || shape.length > MAX_RANK || !shape.every((d) => Number.isInteger(d) && d >= 0))
      fail(`tensor '${name}': shape ${clipJson(shape)} is not a list of at most ${MAX_RANK} non-negative integers`);
    const offsets = info.data_offsets;
    if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o) && o >= 0)) {
      fail(`tensor '${name}': data_offsets ${clipJson(offsets)} must be two non-negative integers`);
    }
    const [begin, end] = offsets as [number, number];
    if (end < begin) fail(`tensor '${name}': data_offsets [${begin}, ${end}] end before they begin`);
    if (end > dataLen)
      fail(
        `tensor '${name}': data_offsets [${begin}, ${end}] out of range: the data region has ${dataLen} bytes (file truncated?)`,
      );
    const want = numel(shape as number[]) * ELEMENT_BYTES[dtype];
    if (end - begin !== want) {
      fail(
        `tensor '${name}': misaligned: data_offsets span ${end - begin} bytes but ${dtype}${JSON.stringify(shape)} needs ${want}`,
      );
    }
    spans.push({ name, begin, end });
    infos.push({ name, dtype, shape: shape as number[], begin, end });
  }
  spans.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    if (s.begin < covered && s.end > s.begin) {
      const prev = spans
        .slice(0, i)
        .reverse()
        .find((p) => p.end > s.begin && p.end > p.begin);
      fail(`tensor '${s.name}': data_offsets [${s.begin}, ${s.end}] overlap tensor '${prev?.name ?? '?'}'`);
    }
    if (s.begin > covered)
      fail(`tensor '${s.name}': misaligned: bytes ${covered}..${s.begin} of the data region belong to no tensor`);
    covered = Math.max(covered, s.end);
  }
  if (covered !== dataLen)
    fail(`data region has ${dataLen} bytes but the tensors cover ${covered} (trailing bytes or a wrong header)`);

  // The caller's check (e.g. against a model config) runs on the header alone, before any data is decoded.
  opts.check?.(infos.map(({ name, dtype, shape }) => ({ name, dtype, shape })));
  const tensors = new Map<string, SafeTensor>();
  for (const t of infos) {
    tensors.set(t.name, {
      name: t.name,
      dtype: t.dtype,
      shape: t.shape,
      data: decode(view, dataStart + t.begin, numel(t.shape), t.dtype),
    });
  }
  return { tensors, metadata };
}

function decode(view: DataView, at: number, n: number, dtype: DType): SafeTensor['data'] {
  switch (dtype) {
    case 'F32':
      // Copy raw bytes (works at any alignment, keeps NaN payloads bit-exact; hosts are little-endian).
      return new Float32Array(new Uint8Array(view.buffer, view.byteOffset + at, 4 * n).slice().buffer);
    case 'F16': {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = f16BitsToF32(view.getUint16(at + 2 * i, true));
      return out;
    }
    case 'BF16': {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = bf16BitsToF32(view.getUint16(at + 2 * i, true));
      return out;
    }
    case 'I32': {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getInt32(at + 4 * i, true);
      return out;
    }
    case 'I64': {
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) out[i] = view.getBigInt64(at + 8 * i, true);
      return out;
    }
  }
}

export interface TensorToWrite {
  name: string;
  shape: readonly number[];
  data: Float32Array | Int32Array;
  /** On-disk dtype for float data (default F32); Int32Array data is written as I32. */
  dtype?: FloatDType;
}

/**
 * Serialises tensors (in the given order) into one safetensors file. The header is padded with spaces to
 * a multiple of 8 bytes and tensors are laid out back to back, 4-byte types before 2-byte ones, so every
 * F32/I32 tensor starts 4-byte aligned (zero-copy views possible for readers that want them).
 */
export function serializeSafetensors(tensors: readonly TensorToWrite[], metadata?: Record<string, string>): Uint8Array {
  const seen = new Set<string>();
  const entries = tensors.map((t) => {
    if (t.name === '__metadata__' || seen.has(t.name))
      throw new SafetensorsError(`tensor '${t.name}': duplicate or reserved name`);
    seen.add(t.name);
    const dtype: DType = t.data instanceof Int32Array ? 'I32' : (t.dtype ?? 'F32');
    const n = numel(t.shape);
    if (n !== t.data.length)
      throw new SafetensorsError(
        `tensor '${t.name}': shape ${JSON.stringify(t.shape)} has ${n} elements but the data has ${t.data.length}`,
      );
    return { t, dtype, bytes: n * ELEMENT_BYTES[dtype] };
  });
  const order = [...entries].sort((a, b) => ELEMENT_BYTES[b.dtype] - ELEMENT_BYTES[a.dtype]);
  const header: Record<string, unknown> = {};
  if (metadata && Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  const placed = new Map<string, number>();
  for (const e of order) {
    placed.set(e.t.name, offset);
    offset += e.bytes;
  }
  // Header keys in caller order (readers do not care; humans diffing headers do).
  for (const e of entries) {
    const begin = placed.get(e.t.name) as number;
    header[e.t.name] = { dtype: e.dtype, shape: [...e.t.shape], data_offsets: [begin, begin + e.bytes] };
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.byteLength / 8) * 8;
  if (padded !== json.byteLength) {
    const p = new Uint8Array(padded).fill(0x20);
    p.set(json);
    json = p;
  }
  const out = new Uint8Array(8 + json.byteLength + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.byteLength), true);
  out.set(json, 8);
  const base = 8 + json.byteLength;
  for (const e of entries) encode(view, base + (placed.get(e.t.name) as number), e.t.data, e.dtype);
  return out;
}

function encode(view: DataView, at: number, data: Float32Array | Int32Array, dtype: DType): void {
  const n = data.length;
  if (dtype === 'I32') for (let i = 0; i < n; i++) view.setInt32(at + 4 * i, data[i], true);
  else if (dtype === 'F32') {
    // Copy raw bytes so NaN payloads survive bit-exactly (DataView.setFloat32 may canonicalise NaNs).
    const src = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    new Uint8Array(view.buffer, view.byteOffset + at, data.byteLength).set(src);
  } else if (dtype === 'F16') for (let i = 0; i < n; i++) view.setUint16(at + 2 * i, f32ToF16Bits(data[i]), true);
  else for (let i = 0; i < n; i++) view.setUint16(at + 2 * i, f32ToBf16Bits(data[i]), true);
}
