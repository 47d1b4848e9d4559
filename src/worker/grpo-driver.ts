// The GRPO driver: the learning loop of src/rl running inside the page's run worker. It loads the policy (a URL
// prefix such as the shipped /base/, or the files of a local Hugging Face folder), generates a seeded train-split
// task pool with the page's sandbox workers, assembles the same context the CLI uses (src/rl/context.ts) and steps
// grpoStep with pause / resume / stop between steps. A snapshot is the policy and AdamW state as checkpoint files
// plus the step counter and counters, so a reloaded tab resumes exactly where the last checkpoint left it.
import { decodeCheckpoint, encodeCheckpoint, readCheckpoint, type Checkpoint } from '../model/checkpoint.ts';
import { fetchReader, fileListReader } from '../model/checkpoint-web.ts';
import { zipReader } from '../model/checkpoint-zip.ts';
import { tokenizerFromHfJson } from '../model/tokenizer/index.ts';
import { assembleGrpoContext, type AssembledContext } from '../rl/context.ts';
import { grpoStep, syncSampler, type RunCounters } from '../rl/grpo.ts';
import { resolveGrpoOptions } from '../rl/options.ts';
import { generateTaskPool, kindsForMode } from '../rl/task-env.ts';
import type { GrpoOptions, StepRecord } from '../rl/types.ts';
import { SandboxPool } from '../sandbox/pool.ts';
import { createBrowserWorkerSandbox } from '../sandbox/worker/client.ts';
import type { HeldOutResult } from '../api/page-state.ts';
import type { DriverState, RunDriver, RunStatus } from './driver.ts';
import { evaluateHeldOut } from './held-out.ts';

/**
 * Where the policy comes from: a URL prefix holding config.json, model.safetensors, tokenizer.json; the files of a
 * picked folder; or a picked .zip of such a folder.
 */
export type PolicyOrigin = { url: string } | { files: File[]; name: string } | { zip: File; name: string };

export interface GrpoDriverOptions {
  /** The base policy. Without it a resumed run starts from its checkpoint alone (possible when beta = 0). */
  policy?: PolicyOrigin;
  /** Train-split tasks generated per kind and level (default 24). */
  poolPerKind?: number;
  /** Sandbox workers that score completions (default: cores − 1, 1..3). */
  sandboxes?: number;
  /** Progress before the first step (loading the policy, generating tasks). */
  onNote?(note: string): void;
}

interface GrpoDriverSnapshot {
  /** The next step's 0-based index. */
  next: number;
  counters: RunCounters;
}

export const describeOrigin = (p: PolicyOrigin): string => ('url' in p ? p.url : p.name);

async function loadPolicy(p: PolicyOrigin): Promise<Checkpoint> {
  const reader =
    'url' in p
      ? fetchReader(p.url)
      : 'zip' in p
        ? zipReader(new Uint8Array(await p.zip.arrayBuffer()), p.name)
        : fileListReader(p.files, p.name);
  return (await readCheckpoint(reader, { requireTokenizer: true })).checkpoint;
}

export class GrpoDriver implements RunDriver {
  readonly kind = 'grpo';
  private state: RunStatus = 'idle';
  private made: AssembledContext | undefined;
  private pool: SandboxPool | undefined;
  private tokenizerJson: unknown;
  private next = 0;
  private counters: RunCounters = { skipped_steps: 0, zero_std_groups: 0 };
  private wake: (() => void) | undefined;
  private line = 'GRPO (starting)';
  private base: Checkpoint | undefined;

  constructor(private readonly o: GrpoDriverOptions) {}

  describe(): string {
    return this.line;
  }

  status(): RunStatus {
    return this.state;
  }

  async start(options: GrpoOptions, onStep: (r: StepRecord) => unknown, from?: DriverState): Promise<RunStatus> {
    this.state = 'running';
    try {
      await this.build(options, from);
      const ctx = this.made!.ctx;
      while (this.next < ctx.opts.max_steps) {
        // pause() and stop() change the state while this loop awaits; read it through a method so TS does not narrow.
        while (this.status() === 'paused') await new Promise<void>((r) => (this.wake = r));
        if (this.status() === 'stopped') return 'stopped';
        const record = await grpoStep(ctx, this.next, this.counters);
        this.next++;
        await onStep(record);
      }
      this.state = 'done';
      return 'done';
    } catch (e) {
      this.state = 'failed';
      throw e;
    }
  }

  pause(): void {
    if (this.state === 'running') this.state = 'paused';
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'running';
    this.wake?.();
  }

  stop(): void {
    if (this.state !== 'running' && this.state !== 'paused') return;
    this.state = 'stopped';
    this.wake?.();
  }

  /** Between steps: the logged step, the loop's counters, and the policy + optimizer as checkpoint files. */
  async snapshot(): Promise<DriverState> {
    if (!this.made) throw new Error('GRPO driver: nothing to snapshot before the run is built');
    const state: GrpoDriverSnapshot = { next: this.next, counters: { ...this.counters } };
    const blobs = encodeCheckpoint(await this.made.ctx.trainer.save(this.tokenizerJson));
    return { step: this.next, state, blobs };
  }

  /**
   * Base vs the policy as trained so far, on held-out test tasks of the run's kinds and levels (not while stepping).
   */
  async evaluateHeldOut(o: { perKind?: number; k?: number } = {}, note?: (s: string) => void): Promise<HeldOutResult> {
    if (!this.made || !this.base || !this.pool) throw new Error('held-out evaluation: no GRPO run is loaded');
    if (this.state === 'running') throw new Error('held-out evaluation: pause or stop the run first');
    const opts = this.made.ctx.opts;
    const trained = await this.made.ctx.trainer.save(this.tokenizerJson);
    return evaluateHeldOut(
      this.base,
      trained,
      this.pool,
      {
        ...o,
        kinds: [...kindsForMode(opts.mode, opts.skill_mix).keys()],
        levels: opts.levels,
        maxNewTokens: opts.max_completion_length,
        seed: opts.seed,
      },
      note,
    );
  }

  /** Frees trainer, sampler and sandbox workers. */
  async release(): Promise<void> {
    await this.made?.release();
    this.pool?.dispose();
    this.made = undefined;
    this.pool = undefined;
  }

  private async build(options: GrpoOptions, from?: DriverState): Promise<void> {
    const note = (s: string) => this.o.onNote?.((this.line = s));
    const o = resolveGrpoOptions(options);
    // A resumed run trains on from its checkpoint (weights and AdamW); the frozen reference stays the base.
    const resumed = from?.blobs ? decodeCheckpoint(from.blobs, { source: 'OPFS checkpoint' }).checkpoint : undefined;
    const origin = this.o.policy ? describeOrigin(this.o.policy) : 'the stored checkpoint';
    let base: Checkpoint;
    if (this.o.policy) {
      note(`GRPO: loading the policy from ${origin} …`);
      base = await loadPolicy(this.o.policy);
    } else if (resumed && o.beta === 0) base = resumed;
    else {
      throw new Error(
        resumed
          ? 'this run was trained from a local folder and uses a KL term (beta > 0): its base is not stored; ' +
            'start a new run with the folder picked again'
          : 'GRPO driver: no policy given (a URL or a local Hugging Face folder)',
      );
    }
    this.base = base;
    this.tokenizerJson = base.tokenizer;
    const tokenizer = tokenizerFromHfJson(JSON.stringify(base.tokenizer), `${origin}/tokenizer.json`);
    const size = this.o.sandboxes ?? Math.max(1, Math.min(3, (navigator.hardwareConcurrency || 2) - 1));
    const members = Array.from({ length: size }, () => createBrowserWorkerSandbox());
    this.pool = new SandboxPool(members);
    const kinds = [...kindsForMode(o.mode, o.skill_mix).keys()];
    const perKind = this.o.poolPerKind ?? 24;
    note(`GRPO: generating ${perKind} train tasks per kind (${kinds.join(', ')}) in ${size} sandbox workers …`);
    const t0 = performance.now();
    const tasks = await generateTaskPool({ kinds, levels: o.levels, perKind, seed: o.seed, sandbox: this.pool });
    const genSeconds = ((performance.now() - t0) / 1000).toFixed(0);
    note(`GRPO: ${tasks.length} tasks in ${genSeconds} s; building the trainer and the sampler …`);
    this.made = await assembleGrpoContext(
      { config: base.config, tokenizer, weights: base.weights, tasks, sandboxes: members },
      o,
    );
    if (resumed) {
      await this.made.ctx.trainer.load(resumed);
      const s = from!.state as GrpoDriverSnapshot;
      this.next = s.next;
      this.counters = { ...s.counters };
    }
    await syncSampler(this.made.ctx);
    const at = resumed ? `, resumed at step ${this.next}` : '';
    note(`GRPO ${o.mode} from ${origin}${at}: ${this.made.description}`);
  }
}
