// `atomgym warmup` and `atomgym base` end to end on the micro preset cut to 1 layer: the warm-up learns to copy
// (its repeat loss falls), the recipe runs its stages in order from each other's models, the second SFT stage
// reuses the first one's task pool, a rerun skips every finished stage, and a stage folder made with other arguments
// is refused. The recipe parser names the field that is wrong.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { parseRecipe } from '../../src/cli/base-recipe.ts';
import { main } from '../../src/cli/main.ts';
import { loadPolicyFromArgs } from '../../src/cli/rl/setup.ts';
import { readCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryReader } from '../../src/model/checkpoint-node.ts';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'atomgym-base-'));
});
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const tiny = ['--preset', 'micro', '--layers', '1'];
const sftArgs = ['--steps', '2', '--batch', '2', '--seq-len', '512', '--per-skill', '2', '--skills', 'review'];
const recipe = {
  about: 'a test recipe',
  stages: [
    { name: 'copy', command: 'warmup', args: [...tiny, '--steps', '3', '--seq-len', '48', '--batch', '2'] },
    { name: 'sft-a', command: 'sft', args: sftArgs },
    { name: 'sft-b', command: 'sft', args: [...sftArgs, '--lr', '5e-4'] },
  ],
};
const json = (f: string) => JSON.parse(readFileSync(f, 'utf8'));

async function quietly(argv: string[]): Promise<{ rc: number; printed: string[] }> {
  const printed: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((s: string) => void printed.push(s));
  vi.spyOn(console, 'error').mockImplementation((s: string) => void printed.push(s));
  try {
    return { rc: await main(argv), printed };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('atomgym warmup', () => {
  it('writes the model, a log and a summary, and descends the repeat loss of a fresh preset model', async () => {
    // Forming the full induction circuit takes hundreds of steps (results/copy-drills §9–10: ~500 for 2 layers).
    // After 120 the loss has fallen, and below ln(1,019 ordinary tokens), which no predictor that ignores the
    // context beats on uniform random runs (over ~4,000 scored tokens its noise is ~0.02): it has begun to copy.
    const out = join(root, 'warmup');
    const args = ['warmup', '--preset', 'micro', '--layers', '2', '--steps', '120', '--seq-len', '48', '--batch', '8'];
    const { rc } = await quietly([...args, '--lr', '1e-3', '--out', out, '--json']);
    expect(rc).toBe(0);
    const summary = json(join(out, 'warmup-summary.json'));
    expect(json(join(out, 'model', 'config.json')).num_hidden_layers).toBe(2);
    expect(summary.skipped_steps).toBe(0);
    expect(summary.final_loss).toBeLessThan(summary.first_loss - 0.1);
    expect(summary.final_loss).toBeLessThan(Math.log(1019) - 0.1);
    expect(readFileSync(join(out, 'log.jsonl'), 'utf8').trim().split('\n')).toHaveLength(120);
  }, 600_000);

  it('is deterministic: the same seed gives the same weights bit for bit, another seed other ones', async () => {
    const run = async (seed: string) => {
      const out = join(root, `det-${seed}-${Math.random()}`);
      const args = ['warmup', '--preset', 'micro', '--layers', '1', '--steps', '4', '--seq-len', '32', '--batch', '2'];
      expect((await quietly([...args, '--runs', 'recall', '--seed', seed, '--out', out])).rc).toBe(0);
      return readFileSync(join(out, 'model', 'model.safetensors'));
    };
    const [a, b, c] = [await run('0'), await run('0'), await run('1')];
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  }, 600_000);

  it('refuses --layers with a checkpoint', async () => {
    const { rc, printed } = await quietly([
      'warmup',
      '--init',
      'public/base',
      '--layers',
      '2',
      '--steps',
      '1',
      '--out',
      join(root, 'x'),
    ]);
    expect(rc).not.toBe(0);
    expect(printed.join('\n')).toMatch(/--layers shapes a fresh --preset model/);
  });

  it('fits a preset to a smaller tokenizer with --vocab, and refuses one below the tokenizer', async () => {
    const out = join(root, 'vocab');
    const args = ['warmup', '--preset', 'mini', '--tokenizer', 'public/tokenizer/demo-copy.json', '--layers', '1'];
    const run = (vocab: string) =>
      quietly([...args, '--vocab', vocab, '--steps', '1', '--seq-len', '16', '--batch', '1', '--out', out]);
    expect((await run('4096')).rc).toBe(0);
    expect(json(join(out, 'model', 'config.json')).vocab_size).toBe(4096);
    const refused = await run('1000');
    expect(refused.rc).not.toBe(0);
    expect(refused.printed.join('\n')).toMatch(/vocab must be an integer ≥ .*demo-copy\.json's 3764 tokens, got 1000/);
  }, 600_000);
});

describe('atomgym base', () => {
  it('runs the stages in order, reuses the task pool, skips finished stages and refuses changed ones', async () => {
    const file = join(root, 'recipe.json');
    writeFileSync(file, JSON.stringify(recipe));
    const out = join(root, 'build');
    const first = await quietly(['base', '--recipe', file, '--out', out, '--json']);
    expect(first.rc).toBe(0);
    const summary = json(join(out, 'base-summary.json'));
    expect(summary.stages.map((s: { status: string }) => s.status)).toEqual(['ran', 'ran', 'ran']);
    expect(json(join(out, 'model', 'config.json')).num_hidden_layers).toBe(1);
    expect(first.printed.join('\n')).toMatch(/task pool copied from .*sft-a/);
    expect(readFileSync(join(out, 'sft-b', 'tasks.jsonl'), 'utf8')).toBe(
      readFileSync(join(out, 'sft-a', 'tasks.jsonl'), 'utf8'),
    );
    // Each SFT stage started from the previous stage's model.
    expect(first.printed.join('\n')).toMatch(new RegExp(`policy ${join(out, 'copy', 'model')}`));
    expect(first.printed.join('\n')).toMatch(new RegExp(`policy ${join(out, 'sft-a', 'model')}`));
    expect(readFileSync(join(out, 'model', 'model.safetensors'))).toEqual(
      readFileSync(join(out, 'sft-b', 'model', 'model.safetensors')),
    );

    const again = await quietly(['base', '--recipe', file, '--out', out, '--json']);
    expect(again.rc).toBe(0);
    const statuses = json(join(out, 'base-summary.json')).stages.map((s: { status: string }) => s.status);
    expect(statuses).toEqual(['done before', 'done before', 'done before']);

    const changed = structuredClone(recipe);
    changed.stages[1].args = [...sftArgs, '--lr', '2e-3'];
    writeFileSync(file, JSON.stringify(changed));
    const refused = await quietly(['base', '--recipe', file, '--out', out]);
    expect(refused.rc).not.toBe(0);
    expect(refused.printed.join('\n')).toMatch(/sft-a was made by stage .*give another --out/);
    expect(existsSync(join(out, 'sft-a', 'model', 'config.json'))).toBe(true);
  }, 600_000);

  it('names the field a bad recipe gets wrong', () => {
    const bad = (stages: unknown) => () => parseRecipe(JSON.stringify({ stages }), 'r.json');
    expect(() => parseRecipe('{', 'r.json')).toThrow(/r\.json: not JSON/);
    expect(bad([])).toThrow(/r\.json: stages is empty/);
    expect(bad([{ name: 'a b', command: 'sft', args: [] }])).toThrow(/stages\[0\]\.name/);
    expect(bad([{ name: 'a', command: 'train', args: [] }])).toThrow(/stages\[0\]\.command must be one of warmup, sft/);
    expect(bad([{ name: 'a', command: 'sft', args: [1] }])).toThrow(/stages\[0\]\.args must be an array of strings/);
    expect(bad([{ name: 'a', command: 'sft', args: ['--out', 'x'] }])).toThrow(/must not give --out/);
    const dup = { name: 'a', command: 'sft', args: [] };
    expect(bad([dup, dup])).toThrow(/stages\[1\]\.name repeats a/);
    // A long "about" may be written as lines; anything else is named.
    const about = (a: unknown) => parseRecipe(JSON.stringify({ about: a, stages: [dup] }), 'r.json').about;
    expect(about(['a long', 'description'])).toBe('a long description');
    expect(() => about(['a', 2])).toThrow(/r\.json: about must be a string or an array of strings/);
  });
});

describe('the shipped bases', () => {
  it("--context sets a fresh model's max_position_embeddings, and a bad one is named", async () => {
    const made = await loadPolicyFromArgs(parseArgs(['--preset', 'mini', '--context', '1024']));
    expect(made.config.max_position_embeddings).toBe(1024);
    await expect(loadPolicyFromArgs(parseArgs(['--preset', 'mini', '--context', '8']))).rejects.toThrow(/context/);
    expect(() => loadPolicyFromArgs(parseArgs(['--init', 'public/base', '--context', '512']))).toThrow(/--context/);
  });

  // Each recipe's first stage makes the model's shape; the shipped weights must have that shape (and a tokenizer).
  it.each(['public/base', 'public/base-gpu'])('%s has the shape its recipe makes', async (dir) => {
    const recipe = parseRecipe(readFileSync(join(dir, 'recipe.json'), 'utf8'), join(dir, 'recipe.json'));
    const policy = await loadPolicyFromArgs(parseArgs(recipe.stages[0].args));
    const { checkpoint } = await readCheckpoint(directoryReader(dir), { source: dir, requireTokenizer: true });
    const shape = (c: typeof checkpoint.config) => {
      const { hidden_size, intermediate_size, num_hidden_layers, num_attention_heads, num_key_value_heads } = c;
      return { hidden_size, intermediate_size, num_hidden_layers, num_attention_heads, num_key_value_heads };
    };
    expect(shape(checkpoint.config)).toEqual(shape(policy.config));
    expect(checkpoint.config.vocab_size).toBe(policy.config.vocab_size);
    expect(checkpoint.config.rope_theta).toBe(policy.config.rope_theta);
    // The context it was trained for: the sampler's limit and what prompts are fitted to.
    expect(checkpoint.config.max_position_embeddings).toBe(policy.config.max_position_embeddings);
    expect(JSON.stringify(checkpoint.tokenizer)).toBe(JSON.stringify(policy.tokenizerJson));
  });
});
