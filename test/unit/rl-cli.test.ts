// `atomgym sft` and `atomgym train` end to end on a tiny model (the micro tokenizer, a 1-layer 16-wide Llama): each
// writes its JSONL log, snapshots and an HF-layout model; a second train call with more steps resumes the run.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { writeCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryWriter } from '../../src/model/checkpoint-node.ts';
import type { LlamaConfig } from '../../src/model/config.ts';
import { initParams } from '../../src/model/reference/params.ts';
import { makeGrpoTrainArm } from '../../src/rl/node/train-arm.ts';
import { ARM_INPUTS_FILE } from '../../src/rl/node/arm-inputs.ts';

const cfg: LlamaConfig = {
  hidden_size: 16,
  intermediate_size: 32,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  num_key_value_heads: 1,
  vocab_size: 1024,
  max_position_embeddings: 1024,
  rms_norm_eps: 1e-5,
  rope_theta: 10_000,
  tie_word_embeddings: true,
};
let root = '';
afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

async function tinyCheckpoint(): Promise<string> {
  root = await mkdtemp(join(tmpdir(), 'atomgym-cli-'));
  const dir = join(root, 'base');
  const weights = new Map([...initParams(cfg, 1, 0.05)].map(([k, v]) => [k, Float32Array.from(v)]));
  await writeCheckpoint(directoryWriter(dir), {
    config: cfg,
    weights,
    tokenizer: JSON.parse(readFileSync('public/tokenizer/micro.json', 'utf8')),
  });
  return dir;
}
const lines = (f: string) =>
  readFileSync(f, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, number>);

describe('atomgym sft / train', () => {
  it('sft writes a log, a snapshot, the model and a summary with the examples left out', async () => {
    const base = await tinyCheckpoint();
    const out = join(root, 'sft');
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const rc = await main([
      'sft',
      '--init',
      base,
      '--steps',
      '2',
      '--batch',
      '2',
      '--seq-len',
      '512',
      '--per-skill',
      '2',
      '--per-skill-of',
      'review=3',
      '--skills',
      'localization,review',
      '--out',
      out,
      '--json',
    ]);
    vi.restoreAllMocks();
    expect(rc).toBe(0);
    expect(lines(join(out, 'log.jsonl'))).toHaveLength(2);
    for (const f of ['config.json', 'model.safetensors', 'tokenizer.json'])
      expect(existsSync(join(out, 'model', f)), f).toBe(true);
    const summary = JSON.parse(readFileSync(join(out, 'sft-summary.json'), 'utf8'));
    expect(summary.steps).toBe(2);
    expect(
      Object.values(summary.examples as Record<string, number>).reduce((a, b) => a + b, 0) +
        Object.values(summary.too_long as Record<string, number>).reduce((a, b) => a + b, 0),
    ).toBe(5); // 2 localization + 3 review (--per-skill-of)
    // A count for a skill the run does not train is refused before anything loads, naming the skill.
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((m: string) => void errors.push(m));
    const bad = ['--per-skill-of', 'editing=3', '--skills', 'review', '--out', join(root, 'bad')];
    const rcBad = await main(['sft', '--init', base, '--steps', '1', ...bad]);
    vi.restoreAllMocks();
    expect(rcBad).toBe(2);
    expect(errors.join('\n')).toMatch(/--per-skill-of: editing is not one of the skills trained/);
  }, 600_000);

  it('train runs GRPO steps with TRL-named options and resumes when called again with more steps', async () => {
    const base = join(root, 'base');
    const out = join(root, 'grpo');
    const args = [
      'train',
      '--mode',
      'joint',
      '--init',
      base,
      '--out',
      out,
      '--pool',
      '2',
      '--skill_mix',
      'localization=1,review=1,editing=0,test-generation=0,reproduction=0',
      '--num_generations',
      '2',
      '--prompts_per_step',
      '2',
      '--max_completion_length',
      '6',
      '--max_prompt_length',
      '900',
      '--per_device_train_batch_size',
      '4',
      '--sandboxes',
      '1',
      '--save_steps',
      '1',
      '--learning_rate',
      '1e-3',
      '--json',
    ];
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((s: string) => void printed.push(s));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main([...args, '--steps', '2'])).toBe(0);
    const first = lines(join(out, 'log.jsonl'));
    expect(await main([...args, '--steps', '3'])).toBe(0);
    vi.restoreAllMocks();
    const log = lines(join(out, 'log.jsonl'));
    expect(log.map((l) => l.step)).toEqual([1, 2, 3]);
    expect(log.slice(0, 2)).toEqual(first);
    expect(printed.map((p) => JSON.parse(p).step)).toEqual([1, 2, 3]);
    for (const k of [
      'reward',
      'reward_std',
      'frac_reward_zero_std',
      'kl',
      'entropy',
      'completions/mean_length',
      'completions/clipped_ratio',
      'logprob_mismatch',
      'time/sampling',
      'time/rewards',
      'time/update',
      'time/weight_sync',
    ]) {
      expect(log[2], k).toHaveProperty([k]);
    }
    expect(existsSync(join(out, 'model', 'model.safetensors'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'rollouts-last.json'), 'utf8'))).toHaveLength(4);
  }, 600_000);

  it('the experiment seam: an RL arm trains from a checkpoint for N updates, or for a time budget', async () => {
    const arm = makeGrpoTrainArm({
      poolPerKind: 2,
      grpo: {
        prompts_per_step: 2,
        num_generations: 2,
        max_completion_length: 6,
        max_prompt_length: 900,
        per_device_train_batch_size: 4,
        skill_mix: { localization: 1, review: 1, editing: 0, 'test-generation': 0, reproduction: 0 },
      },
    });
    const base = join(root, 'base');
    const r = await arm({
      mode: 'joint',
      budget: { steps: 2 },
      init: base,
      preset: 'micro',
      outDir: join(root, 'arm-joint'),
      seed: 0,
    });
    expect(r.steps).toBe(2);
    expect(r.samples).toBe(8);
    expect(existsSync(join(r.checkpoint, 'model.safetensors'))).toBe(true);
    // What decided the training is recorded beside it (for --reuse-arms): mode, seed, budget, options, pool, init.
    const record = JSON.parse(readFileSync(join(root, 'arm-joint', ARM_INPUTS_FILE), 'utf8'));
    expect(record).toMatchObject({ mode: 'joint', seed: 0, budget: { steps: 2 }, pool: { tasks: 4 } });
    expect(record.grpo.prompts_per_step).toBe(2);
    expect(record.init).toMatch(/^[0-9a-f]{64}$/);
    const t = await arm({
      mode: 'single:review',
      budget: { minutes: 1e-5 },
      init: base,
      preset: 'micro',
      outDir: join(root, 'arm-review'),
      seed: 0,
    });
    expect(t.steps).toBe(1); // the first step already exceeds 0.6 ms
    expect(lines(join(root, 'arm-review', 'log.jsonl'))[0]).toHaveProperty(['rewards/review/mean']);
  }, 600_000);
});
