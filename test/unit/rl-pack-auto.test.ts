// GRPO's pack_groups 'auto' (the page's setting): the run packs each group's prompt once per row, a micro-batch of
// one row, where the trainer it gets takes packed rows (wasm), and trains plain rows elsewhere. The backend is
// decided before anything is built, since the micro-batch is part of the trainer's shape.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../src/cli/args.ts';
import { grpoOptionsFromArgs } from '../../src/cli/rl/grpo-setup.ts';
import { PRESETS } from '../../src/model/config.ts';
import { tokenizerFromHfJson } from '../../src/model/tokenizer/index.ts';
import { assembleGrpoContext, packingFor } from '../../src/rl/context.ts';
import { makeTrainer, placeTrainer } from '../../src/rl/make-trainer.ts';
import { OptionsError, resolveGrpoOptions } from '../../src/rl/options.ts';
import { generateTaskPool } from '../../src/rl/task-env.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import { createNodeWorkerSandbox } from '../../src/sandbox/worker/node.ts';
import { PACKS_ROWS } from '../../src/train/backend.ts';
import type { TrainerChoice } from '../../src/train/create.ts';

const workers = [createNodeWorkerSandbox()];
afterAll(() => workers.forEach((w) => w.dispose()));

const wasm: TrainerChoice = { backend: 'wasm', reason: 'no WebGPU adapter' };
const gpu: TrainerChoice = { backend: 'webgpu', reason: 'real GPU adapter (test)' };

describe("pack_groups 'auto'", () => {
  it('resolves with the rest of the options, the same when resolved again', () => {
    expect(resolveGrpoOptions({ pack_groups: 'auto' })).toMatchObject({
      pack_groups: 'auto',
      per_device_train_batch_size: 8,
    });
    const twice = resolveGrpoOptions({ pack_groups: 'auto', per_device_train_batch_size: 4 });
    expect(resolveGrpoOptions(twice)).toEqual(twice);
    expect(resolveGrpoOptions({ pack_groups: true }).per_device_train_batch_size).toBe(1);
    expect(resolveGrpoOptions({ pack_groups: true, per_device_train_batch_size: 4 }).per_device_train_batch_size).toBe(
      4,
    );
    // @ts-expect-error: a value the type refuses, as a URL or a JSON file could carry it
    expect(() => resolveGrpoOptions({ pack_groups: 'yes' })).toThrow(/pack_groups must be true, false or "auto"/);
  });

  it('comes from the command line as --pack_groups auto; other words are refused by name', () => {
    const flags = (...argv: string[]) => grpoOptionsFromArgs(parseArgs(argv));
    expect(flags('--pack_groups', 'auto').pack_groups).toBe('auto');
    expect(flags('--pack_groups', 'true')).toMatchObject({ pack_groups: true, per_device_train_batch_size: 1 });
    expect(flags().pack_groups).toBeUndefined();
    expect(() => flags('--pack_groups', 'maybe')).toThrow(UsageError);
    expect(() => flags('--pack_groups', 'maybe')).toThrow(/--pack_groups takes true or false/);
  });

  it('packs on a backend that takes packed rows and trains plain rows on one that does not', () => {
    const auto = resolveGrpoOptions({ pack_groups: 'auto' });
    expect(packingFor(auto, wasm)).toMatchObject({ pack_groups: true, per_device_train_batch_size: 1 });
    expect(packingFor(auto, gpu)).toMatchObject({ pack_groups: false, per_device_train_batch_size: 8 });
    // per_device_train_batch_size sizes plain rows; packed ones go one at a time (the wasm trainer's cost is per row).
    const four = resolveGrpoOptions({ pack_groups: 'auto', per_device_train_batch_size: 4 });
    expect(packingFor(four, wasm).per_device_train_batch_size).toBe(1);
    expect(packingFor(four, gpu).per_device_train_batch_size).toBe(4);
    const plain = resolveGrpoOptions({});
    expect(packingFor(plain, wasm)).toBe(plain);
    const forced = resolveGrpoOptions({ pack_groups: true });
    expect(() => packingFor(forced, gpu)).toThrow(OptionsError);
    expect(() => packingFor(forced, gpu)).toThrow(/this run's is webgpu \(real GPU adapter \(test\)\)/);
  });

  it('placeTrainer decides the backend first; the trainer built from it is that backend, with its reason', async () => {
    const placed = await placeTrainer({ backend: 'auto' });
    // Node without a placement GPU: the wasm backend, as createTrainer would have picked.
    expect(placed.choice).toEqual({ backend: 'wasm', reason: 'no WebGPU adapter: onnxruntime-web wasm EP on the CPU' });
    expect(await placeTrainer(placed)).toEqual(placed);
    const trainer = await makeTrainer({ config: PRESETS.micro, batch: 1, seqLen: 16 }, { seed: 1 }, placed);
    try {
      expect(trainer.kind).toBe('wasm');
      expect(trainer.packsRows).toBe(PACKS_ROWS.wasm);
    } finally {
      trainer.destroy();
    }
  });

  it('a context assembled on the wasm trainer trains packed rows, one per micro-batch, and says so', async () => {
    const sandbox = await createQuickJsSandbox();
    const tasks = await generateTaskPool({ kinds: ['localization'], levels: [1], perKind: 2, seed: 3, sandbox });
    const tokenizer = tokenizerFromHfJson(readFileSync('public/tokenizer/micro.json', 'utf8'));
    const o = resolveGrpoOptions({
      mode: 'single:localization',
      pack_groups: 'auto',
      max_prompt_length: 480,
      max_completion_length: 16,
    });
    const made = await assembleGrpoContext({ config: PRESETS.micro, tokenizer, tasks, sandboxes: workers }, o);
    try {
      expect(made.ctx.opts).toMatchObject({ pack_groups: true, per_device_train_batch_size: 1 });
      expect(made.ctx.trainer.options.B).toBe(1);
      expect(made.description).toMatch(/^trainer wasm \(no WebGPU adapter[^)]*\) B=1 T=496 \(packed rows/);
    } finally {
      await made.release();
    }
  }, 60_000);
});
