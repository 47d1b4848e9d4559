import { describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRESETS, type LlamaConfig } from '../../src/model/config.ts';
import { parameterCount } from '../../src/model/config.ts';
import {
  CheckpointError,
  decodeCheckpoint,
  encodeCheckpoint,
  expectedTensors,
  readCheckpoint,
  writeCheckpoint,
  type Checkpoint,
} from '../../src/model/checkpoint.ts';
import { directoryReader, directoryWriter } from '../../src/model/checkpoint-node.ts';
import { parseSafetensors, serializeSafetensors } from '../../src/model/safetensors.ts';

const tiny: LlamaConfig = {
  ...PRESETS.micro,
  hidden_size: 16,
  intermediate_size: 24,
  num_hidden_layers: 2,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  vocab_size: 40,
  tie_word_embeddings: false,
};

function randomCheckpoint(cfg: LlamaConfig, seed = 1): Checkpoint {
  let s = seed;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 0.2;
  const weights = new Map<string, Float32Array>();
  for (const t of expectedTensors(cfg))
    weights.set(t.name, Float32Array.from({ length: t.shape.reduce((a, b) => a * b, 1) }, rnd));
  return { config: cfg, weights, tokenizer: { version: '1.0', model: { type: 'BPE', vocab: { a: 0 }, merges: [] } } };
}

const bits = (a: Float32Array) => new Uint32Array(a.buffer, a.byteOffset, a.length);

describe('expectedTensors', () => {
  it('lists HF names and shapes; the count matches parameterCount; tied drops lm_head', () => {
    for (const cfg of [tiny, PRESETS.micro, PRESETS.mini]) {
      const specs = expectedTensors(cfg);
      expect(specs.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0)).toBe(parameterCount(cfg));
      expect(specs.some((t) => t.name === 'lm_head.weight')).toBe(!cfg.tie_word_embeddings);
    }
    const names = expectedTensors(tiny).map((t) => t.name);
    expect(names).toContain('model.layers.1.self_attn.k_proj.weight');
    expect(expectedTensors(tiny).find((t) => t.name === 'model.layers.0.self_attn.k_proj.weight')!.shape).toEqual([
      8, 16,
    ]);
    expect(expectedTensors(tiny).find((t) => t.name === 'model.layers.0.mlp.down_proj.weight')!.shape).toEqual([
      16, 24,
    ]);
  });
});

describe('checkpoint encode/decode', () => {
  it('fp32 round-trips bit-exactly with config and tokenizer; extra files are carried', () => {
    const ck = randomCheckpoint(tiny);
    ck.extraFiles = { 'optimizer.safetensors': new Uint8Array([1, 2, 3]) };
    const { checkpoint, unexpected } = decodeCheckpoint(encodeCheckpoint(ck));
    expect(unexpected).toEqual([]);
    expect(checkpoint.config).toEqual(tiny);
    expect(checkpoint.tokenizer).toEqual(ck.tokenizer);
    expect(Array.from(checkpoint.extraFiles!['optimizer.safetensors'])).toEqual([1, 2, 3]);
    for (const [name, w] of ck.weights) expect(bits(checkpoint.weights.get(name)!)).toEqual(bits(w));
  });

  it('fp16 and bf16 on disk load back within their precision', () => {
    const ck = randomCheckpoint(tiny, 7);
    for (const [dtype, rel] of [
      ['F16', 2 ** -11],
      ['BF16', 2 ** -8],
    ] as const) {
      const files = encodeCheckpoint(ck, { dtype });
      expect(files['model.safetensors'].length).toBeLessThan(encodeCheckpoint(ck)['model.safetensors'].length * 0.6);
      const back = decodeCheckpoint(files).checkpoint;
      for (const [name, w] of ck.weights) {
        const b = back.weights.get(name)!;
        for (let i = 0; i < w.length; i++)
          expect(Math.abs(b[i] - w[i])).toBeLessThanOrEqual(Math.abs(w[i]) * rel + 2 ** -24);
      }
    }
  });

  const err = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected an error');
  };

  it('missing file, missing tensor, wrong shape, wrong dtype, bad config, extra tensors', () => {
    const files = encodeCheckpoint(randomCheckpoint(tiny));
    expect(err(() => decodeCheckpoint({ 'config.json': files['config.json'] }, { source: 'ck' }))).toMatch(
      /ck\/model\.safetensors: missing file/,
    );
    expect(err(() => decodeCheckpoint({ 'model.safetensors': files['model.safetensors'] }))).toMatch(
      /config\.json: missing file/,
    );
    expect(
      err(() =>
        decodeCheckpoint(
          { ...files, 'tokenizer.json': undefined as unknown as Uint8Array },
          { requireTokenizer: true },
        ),
      ),
    ).toMatch(/tokenizer\.json: missing/);

    const tensors = parseSafetensors(files['model.safetensors']).tensors;
    const rebuild = (edit: (list: { name: string; shape: number[]; data: Float32Array | Int32Array }[]) => void) => {
      const list = [...tensors.values()].map((t) => ({
        name: t.name,
        shape: t.shape,
        data: t.data as Float32Array | Int32Array,
      }));
      edit(list);
      return { ...files, 'model.safetensors': serializeSafetensors(list) };
    };
    const noK = rebuild((l) =>
      l.splice(
        l.findIndex((t) => t.name === 'model.layers.1.self_attn.k_proj.weight'),
        1,
      ),
    );
    expect(err(() => decodeCheckpoint(noK))).toMatch(
      /missing tensor 'model\.layers\.1\.self_attn\.k_proj\.weight' \(expected shape \[8, 16\]\)/,
    );
    const wrongShape = rebuild((l) => {
      const t = l.find((x) => x.name === 'model.layers.0.mlp.up_proj.weight')!;
      t.shape = [t.shape[1], t.shape[0]];
    });
    expect(err(() => decodeCheckpoint(wrongShape))).toMatch(
      /tensor 'model\.layers\.0\.mlp\.up_proj\.weight' has shape \[16, 24\], expected \[24, 16\]/,
    );
    const intNorm = rebuild((l) => {
      const t = l.find((x) => x.name === 'model.norm.weight')!;
      t.data = new Int32Array(t.data.length);
    });
    expect(err(() => decodeCheckpoint(intNorm))).toMatch(/tensor 'model\.norm\.weight' has dtype I32/);
    const extra = rebuild((l) => {
      l.push({ name: 'model.layers.0.self_attn.rotary_emb.inv_freq', shape: [2], data: new Float32Array(2) });
      l.push({ name: 'model.layers.9.mlp.gate_proj.weight', shape: [1], data: new Float32Array(1) });
    });
    expect(decodeCheckpoint(extra).unexpected).toEqual(['model.layers.9.mlp.gate_proj.weight']);
    expect(err(() => decodeCheckpoint(extra, { strict: true }))).toMatch(/unexpected tensors.*layers\.9/);

    const badCfg = {
      ...files,
      'config.json': new TextEncoder().encode(JSON.stringify({ ...tiny, num_key_value_heads: 3 })),
    };
    expect(err(() => decodeCheckpoint(badCfg))).toMatch(/config\.json.*num_key_value_heads/);
    expect(err(() => decodeCheckpoint({ ...files, 'config.json': new TextEncoder().encode('{oops') }))).toMatch(
      /config\.json: not valid JSON/,
    );
    const truncated = {
      ...files,
      'model.safetensors': files['model.safetensors'].subarray(0, files['model.safetensors'].length - 10),
    };
    expect(err(() => decodeCheckpoint(truncated))).toMatch(/model\.safetensors.*(out of range|truncated)/);
    // a checkpoint for another config: the first mismatching tensor is named with both shapes
    const other = encodeCheckpoint(randomCheckpoint({ ...tiny, intermediate_size: 32 }));
    expect(err(() => decodeCheckpoint({ ...other, 'config.json': files['config.json'] }))).toMatch(
      /mlp\.gate_proj\.weight' has shape \[32, 16\], expected \[24, 16\]/,
    );
  });

  it('encode refuses weights that do not fit the config', () => {
    const ck = randomCheckpoint(tiny);
    ck.weights.set('model.norm.weight', new Float32Array(3));
    expect(() => encodeCheckpoint(ck)).toThrow(CheckpointError);
    expect(() => encodeCheckpoint(ck)).toThrow(/model\.norm\.weight' has 3 values/);
  });
});

describe('Node directory IO', () => {
  it('writes atomically (no temp files left) and reads back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-'));
    const ck = randomCheckpoint(tiny, 3);
    await writeCheckpoint(directoryWriter(join(dir, 'a')), ck);
    expect((await readdir(join(dir, 'a'))).sort()).toEqual([
      'config.json',
      'model.safetensors',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    const { checkpoint } = await readCheckpoint(directoryReader(join(dir, 'a')));
    for (const [name, w] of ck.weights) expect(bits(checkpoint.weights.get(name)!)).toEqual(bits(w));
    await expect(readCheckpoint(directoryReader(join(dir, 'nope')))).rejects.toThrow(
      /nope\/config\.json: missing file/,
    );
  });

  it('a failed write leaves the previous checkpoint intact and no temp files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-'));
    const first = randomCheckpoint(tiny, 4);
    await writeCheckpoint(directoryWriter(dir), first);
    const before = await readFile(join(dir, 'model.safetensors'));
    // A file name that cannot be created (a path inside a non-directory) fails after model bytes were written to a
    // temp.
    await writeFile(join(dir, 'blocker'), 'x');
    await chmod(join(dir, 'blocker'), 0o444);
    const files = encodeCheckpoint(randomCheckpoint(tiny, 5));
    await expect(directoryWriter(dir).writeAll({ ...files, 'blocker/sub': new Uint8Array(1) })).rejects.toThrow();
    expect(Buffer.compare(await readFile(join(dir, 'model.safetensors')), before)).toBe(0);
    expect((await readdir(dir)).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

describe('hostile checkpoints are refused before anything is sized from them', () => {
  const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const good = encodeCheckpoint(randomCheckpoint(tiny));
  const withConfig = (patch: Partial<Record<keyof LlamaConfig, unknown>>) => ({
    ...good,
    'config.json': enc({ ...tiny, ...patch }),
  });
  const absurd: Array<[string, Partial<Record<keyof LlamaConfig, unknown>>, RegExp]> = [
    ['a hundred million layers', { num_hidden_layers: 1e8 }, /num_hidden_layers.*at most/],
    ['a billion-token vocabulary', { vocab_size: 1e9 }, /vocab_size.*at most/],
    ['a million-wide hidden size', { hidden_size: 1 << 20, num_attention_heads: 4 }, /hidden_size.*at most/],
    [
      'layers the file does not hold',
      { num_hidden_layers: 400 },
      /missing tensor 'model\.layers\.2\..*asks for 3603 tensors.*has 21/,
    ],
    ['a huge head_dim', { head_dim: 1 << 20 }, /head_dim/],
  ];
  for (const [name, patch, why] of absurd) {
    it(`config with ${name}`, () => {
      expect(() => decodeCheckpoint(withConfig(patch))).toThrow(why);
    });
  }
  it('a config.json of megabytes is not parsed', () => {
    expect(() => decodeCheckpoint({ ...good, 'config.json': new Uint8Array(2 << 20).fill(32) })).toThrow(
      /config\.json: \d+ bytes/,
    );
  });

  const header = (json: string, extra = 0) => {
    const h = new TextEncoder().encode(json);
    const out = new Uint8Array(8 + h.length + extra);
    new DataView(out.buffer).setBigUint64(0, BigInt(h.length), true);
    out.set(h, 8);
    return out;
  };
  it('a header longer than the bound is refused from its length alone', () => {
    const f = new Uint8Array(16);
    new DataView(f.buffer).setBigUint64(0, BigInt(20 * 2 ** 20), true);
    expect(() => parseSafetensors(f)).toThrow(/implausible/);
  });
  it('too many tensors, too high a rank, and huge shapes in errors are refused with short messages', () => {
    const many = `{${Array.from({ length: 100_002 }, (_, i) => `"t${i}":0`).join(',')}}`;
    expect(() => parseSafetensors(header(many))).toThrow(/at most 100000 tensors/);
    const rank = JSON.stringify({ t: { dtype: 'F32', shape: Array(50).fill(1), data_offsets: [0, 4] } });
    expect(() => parseSafetensors(header(rank, 4))).toThrow(/at most 8/);
    const long = JSON.stringify({ t: { dtype: 'F32', shape: ['x'.repeat(1e6)], data_offsets: [0, 4] } });
    let message = '';
    try {
      parseSafetensors(header(long, 4));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.length).toBeLessThan(400);
  });
  it('the config is checked against the header before any tensor is decoded', () => {
    const cfg = { ...tiny, num_hidden_layers: 3 };
    const st = good['model.safetensors'];
    expect(() =>
      parseSafetensors(st, 'model.safetensors', {
        check: (infos) => {
          expect(infos.length).toBeGreaterThan(0);
          throw new CheckpointError(`stop: config wants ${cfg.num_hidden_layers} layers`);
        },
      }),
    ).toThrow(/stop/);
    expect(() => decodeCheckpoint(withConfig({ num_hidden_layers: 3 }))).toThrow(
      /missing tensor 'model\.layers\.2\..*asks for 30 tensors.*has 21/,
    );
  });
});
