import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { closeBrowser, harnessPage } from './page.ts';
import { PRESETS, type LlamaConfig } from '../../src/model/config.ts';
import { encodeCheckpoint, expectedTensors } from '../../src/model/checkpoint.ts';

type CkModule = typeof import('../../src/model/checkpoint.ts');
type WebModule = typeof import('../../src/model/checkpoint-web.ts');

const cfg: LlamaConfig = {
  ...PRESETS.micro,
  hidden_size: 16,
  intermediate_size: 24,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  num_key_value_heads: 1,
  vocab_size: 32,
};

let page: Page;
beforeAll(async () => {
  page = await harnessPage();
});
afterAll(closeBrowser);

describe('checkpoints in the browser', () => {
  it('loads over fetch (fp32 bit-exact, bf16 converted), and a missing file is a clear error', async () => {
    const weights = new Map<string, Float32Array>();
    let k = 0;
    for (const t of expectedTensors(cfg))
      weights.set(
        t.name,
        Float32Array.from({ length: t.shape.reduce((a, b) => a * b, 1) }, () => Math.sin(++k) / 7),
      );
    const fp32 = encodeCheckpoint({ config: cfg, weights, tokenizer: { model: { type: 'BPE' } } });
    const bf16 = encodeCheckpoint({ config: cfg, weights }, { dtype: 'BF16' });
    await page.route('**/ckpt-fixture/**', (route) => {
      const url = new URL(route.request().url());
      const [, , which, name] = url.pathname.split('/');
      const body = ({ fp32, bf16 } as Record<string, Record<string, Uint8Array>>)[which]?.[name];
      return body
        ? route.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.from(body) })
        : route.fulfill({ status: 404, body: 'no' });
    });
    const got = await page.evaluate(async () => {
      const ck = (await window.__load('/src/model/checkpoint.ts')) as CkModule;
      const web = (await window.__load('/src/model/checkpoint-web.ts')) as WebModule;
      const a = await ck.readCheckpoint(web.fetchReader('/ckpt-fixture/fp32'), { requireTokenizer: true });
      const b = await ck.readCheckpoint(web.fetchReader('/ckpt-fixture/bf16'));
      const missing = await ck.readCheckpoint(web.fetchReader('/ckpt-fixture/none')).then(
        () => 'loaded?!',
        (e: Error) => e.message,
      );
      const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));
      return {
        config: a.checkpoint.config,
        tokenizer: a.checkpoint.tokenizer,
        fp32: Object.fromEntries([...a.checkpoint.weights].map(([n, w]) => [n, bits(w)])),
        bf16: Object.fromEntries([...b.checkpoint.weights].map(([n, w]) => [n, Array.from(w)])),
        bf16HasTokenizer: b.checkpoint.tokenizer !== undefined,
        missing,
      };
    });
    expect(got.config).toEqual(cfg);
    expect(got.tokenizer).toEqual({ model: { type: 'BPE' } });
    expect(got.bf16HasTokenizer).toBe(false);
    expect(got.missing).toMatch(/\/ckpt-fixture\/none\/config\.json: missing file/);
    for (const [name, w] of weights) {
      expect(got.fp32[name]).toEqual(Array.from(new Uint32Array(w.buffer)));
      const b = got.bf16[name];
      for (let i = 0; i < w.length; i++) expect(Math.abs(b[i] - w[i])).toBeLessThanOrEqual(Math.abs(w[i]) * 2 ** -8);
    }
  });

  it('OPFS write → read round-trips bit-exactly, overwrites, and File objects load', async () => {
    const res = await page.evaluate(async (config) => {
      const ck = (await window.__load('/src/model/checkpoint.ts')) as CkModule;
      const web = (await window.__load('/src/model/checkpoint-web.ts')) as WebModule;
      const make = (seed: number) => {
        const weights = new Map<string, Float32Array>();
        let s = seed;
        for (const t of ck.expectedTensors(config)) {
          weights.set(
            t.name,
            Float32Array.from(
              { length: t.shape.reduce((a, b) => a * b, 1) },
              () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5,
            ),
          );
        }
        return { config, weights, extraFiles: { 'optimizer.safetensors': new Uint8Array([seed]) } };
      };
      const same = (a: Map<string, Float32Array>, b: Map<string, Float32Array>) =>
        [...a].every(([n, w]) => {
          const x = new Uint32Array(w.buffer);
          const y = new Uint32Array(b.get(n)!.buffer);
          return x.length === y.length && x.every((v, i) => v === y[i]);
        });
      const root = await navigator.storage.getDirectory();
      await root.removeEntry('atomgym-test', { recursive: true }).catch(() => undefined);
      const dir = await web.opfsDirectory('atomgym-test/run1');
      const first = make(1);
      await ck.writeCheckpoint(web.directoryHandleWriter(dir), first);
      const second = make(2);
      await ck.writeCheckpoint(web.directoryHandleWriter(dir), second);
      const back = await ck.readCheckpoint(web.directoryHandleReader(dir), { extra: ['optimizer.safetensors'] });
      const names: string[] = [];
      for await (const key of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(key);
      // File objects, as an <input type=file multiple> would give them
      const files = ck.encodeCheckpoint(first);
      const picked = Object.entries(files).map(([n, bytes]) => new File([bytes as Uint8Array<ArrayBuffer>], n));
      const fromFiles = await ck.readCheckpoint(web.fileListReader(picked), { extra: ['optimizer.safetensors'] });
      await root.removeEntry('atomgym-test', { recursive: true });
      return {
        secondMatches: same(second.weights, back.checkpoint.weights),
        firstMatches: same(first.weights, back.checkpoint.weights),
        opt: Array.from(back.checkpoint.extraFiles?.['optimizer.safetensors'] ?? []),
        names: names.sort(),
        filesMatch: same(first.weights, fromFiles.checkpoint.weights),
        filesOpt: Array.from(fromFiles.checkpoint.extraFiles?.['optimizer.safetensors'] ?? []),
      };
    }, cfg);
    expect(res).toEqual({
      secondMatches: true,
      firstMatches: false,
      opt: [2],
      names: ['config.json', 'model.safetensors', 'optimizer.safetensors'],
      filesMatch: true,
      filesOpt: [1],
    });
  });
});
