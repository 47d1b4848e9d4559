// A model folder as a .zip: the export round-trips bit-exactly through readCheckpoint, carries only the Hugging
// Face files (no optimizer state), and an import accepts one folder or the top level and names what is wrong else.
import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { CheckpointError, encodeCheckpoint, readCheckpoint } from '../../src/model/checkpoint.ts';
import { unzipModel, zipEntryNames, zipModel, zipReader } from '../../src/model/checkpoint-zip.ts';
import { directoryReader } from '../../src/model/checkpoint-node.ts';

const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const base = async () => (await readCheckpoint(directoryReader('public/base'), { requireTokenizer: true })).checkpoint;

describe('model zip', () => {
  it('round-trips the shipped base bit-exactly and leaves optimizer files out', async () => {
    const ckpt = await base();
    const files = { ...encodeCheckpoint(ckpt), 'optimizer.safetensors': new Uint8Array([1, 2, 3]) };
    const zip = zipModel(files, 'atomgym model/step 3');
    expect(zipEntryNames(zip).sort()).toEqual(
      ['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json'].map(
        (f) => `atomgym-model-step-3/${f}`,
      ),
    );
    const back = (await readCheckpoint(zipReader(zip, 'm.zip'), { requireTokenizer: true })).checkpoint;
    expect(back.config).toEqual(ckpt.config);
    for (const [name, w] of ckpt.weights) {
      const same = Buffer.compare(bytes(back.weights.get(name)!), bytes(w)) === 0;
      expect(same, name).toBe(true);
    }
    expect(back.tokenizer).toEqual(ckpt.tokenizer);
  });

  it('reads files at the top level; only the asked-for files are inflated', () => {
    const config = readFileSync('public/base/config.json');
    const zip = zipSync({
      'config.json': config,
      'model.safetensors': new Uint8Array(8),
      'README.md': new Uint8Array(1),
    });
    expect(Object.keys(unzipModel(zip, 'flat.zip')).sort()).toEqual(['config.json', 'model.safetensors']);
    expect(Object.keys(unzipModel(zip, 'flat.zip', ['config.json']))).toEqual(['config.json']);
  });

  it('names the archive and the problem: two folders, not a zip, no weights to export', () => {
    const two = zipSync({ 'a/config.json': new Uint8Array(2), 'b/model.safetensors': new Uint8Array(2) });
    expect(() => unzipModel(two, 'two.zip')).toThrow(/two\.zip: model files in more than one folder \(a\/, b\/\)/);
    expect(() => unzipModel(new Uint8Array([1, 2, 3, 4]), 'junk.zip')).toThrow(/junk\.zip: not a readable zip/);
    expect(() => zipModel({ 'config.json': new Uint8Array(2) }, 'x')).toThrow(CheckpointError);
  });
});
