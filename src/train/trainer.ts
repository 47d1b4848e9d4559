// The Trainer: a Llama model's parameters, gradients, AdamW moments and activations as GPU buffers planned
// once for (config, B, T). forward → per-token log-probs; backward(w) accumulates ∂(Σ w·logprob)/∂θ;
// step(lr) clips by global norm and applies AdamW, or skips the whole step when a gradient is not finite.
// After create(), forward/backward/step/zeroGrad create no GPU buffers and no bind groups.
import type { Checkpoint } from '../model/checkpoint.ts';
import { initParams } from '../model/reference/params.ts';
import { withErrorScopes } from '../gpu/errors.ts';
import { PACKS_ROWS, type TrainerBackend } from './backend.ts';
import { BufferArena, type BufferKind } from './arena.ts';
import { checkMask, checkTokens, flattenBatch, positionsFromMask, type BatchInput } from './batch.ts';
import { buildGraph, type Graph, type PlannedOp } from './graph.ts';
import type { Encodable } from '../gpu/index.ts';
import { createModelKernels } from './model-kernels.ts';
import { OptimizerPlan } from './optimizer.ts';
import { resolveOptions, type ResolvedOptions, type TrainerOptions } from './options.ts';
import { ParameterSet, toFloat32 } from './parameters.ts';
import { Profiler, type PhaseProfile } from './profiler.ts';
import { applyCheckpoint, checkpointFromState, type TrainerState } from './trainer-state.ts';
import { PlannedReadback, readMany, writeMany } from './transfer.ts';

export interface StepResult {
  /** Global L2 norm of the gradients before clipping (NaN/Inf when they were not finite). */
  gradNorm: number;
  /** True when the gradients held NaN/Inf: weights and optimizer state were left untouched. */
  skipped: boolean;
}

export interface TrainerInit {
  /** Initial weights by HF name (a checkpoint's or the reference's); default initParams(config, seed). */
  weights?: ReadonlyMap<string, ArrayLike<number>>;
  seed?: number;
}

export class Trainer implements TrainerBackend {
  readonly kind = 'webgpu' as const;
  readonly packsRows = PACKS_ROWS[this.kind];
  private stepCount = 0;
  private forwardDone = false;
  private readonly host: { tokens: Uint32Array; mask: Uint32Array; positions: Uint32Array; weights: Float32Array };
  private destroyed = false;
  private profilingActive = false;

  private constructor(
    readonly device: GPUDevice,
    readonly options: ResolvedOptions,
    private readonly arena: BufferArena,
    readonly params: ParameterSet,
    private readonly io: {
      tokens: GPUBuffer;
      mask: GPUBuffer;
      positions: GPUBuffer;
      weights: GPUBuffer;
      stats: GPUBuffer;
    },
    private readonly graph: Graph,
    private readonly gradStats: Encodable,
    private readonly adamw: PlannedOp[],
    private readonly optimizerKernels: OptimizerPlan,
    private readonly logprobReadback: PlannedReadback,
    private readonly statsReadback: PlannedReadback,
    private readonly profiler: Profiler | undefined,
    private readonly owned: { destroy(): void }[],
  ) {
    const N = options.B * options.T;
    this.host = {
      tokens: new Uint32Array(N),
      mask: new Uint32Array(N),
      positions: new Uint32Array(N),
      weights: new Float32Array(N),
    };
  }

  static async create(device: GPUDevice, options: TrainerOptions, init: TrainerInit = {}): Promise<Trainer> {
    const o = resolveOptions(options);
    const N = o.B * o.T;
    const arena = new BufferArena(device);
    try {
      const params = new ParameterSet(o.config, arena);
      const io = {
        tokens: arena.create('tokens', N * 4, 'io'),
        mask: arena.create('mask', N * 4, 'io'),
        positions: arena.create('positions', N * 4, 'io'),
        weights: arena.create('loss-weights', N * 4, 'io'),
        stats: arena.create('grad-stats', 16, 'io'),
      };
      const kernels = await createModelKernels(device, o.config, o.B, o.T);
      const graph = await buildGraph(o.config, o.B, o.T, kernels, params, arena, io);
      const opt = await OptimizerPlan.create(device, params.tensors, io.stats, o.optimizer);
      const { gradStats, adamw } = opt;
      const logprobReadback = new PlannedReadback(device, N * 4, 'logprobs:readback');
      const statsReadback = new PlannedReadback(device, 16, 'grad-stats:readback');
      const profiler =
        o.profile && device.features.has('timestamp-query')
          ? new Profiler(device, graph.forward.length + graph.backward.length + adamw.length + 8)
          : undefined;
      const owned = [
        kernels,
        opt,
        { destroy: () => logprobReadback.buffer.destroy() },
        { destroy: () => statsReadback.buffer.destroy() },
        ...(profiler ? [profiler] : []),
      ];
      const trainer = new Trainer(
        device,
        o,
        arena,
        params,
        io,
        graph,
        gradStats,
        adamw,
        opt,
        logprobReadback,
        statsReadback,
        profiler,
        owned,
      );
      const weights = init.weights ?? initParams(o.config, init.seed ?? 0);
      await trainer.setWeights(weights);
      return trainer;
    } catch (e) {
      arena.destroy();
      throw e;
    }
  }

  get config() {
    return this.options.config;
  }

  /** Optimizer steps taken (skipped steps do not count). */
  get steps(): number {
    return this.stepCount;
  }

  /** Bytes of every GPU buffer the plan holds (parameters, gradients, moments, activations, scratch, io). */
  get memoryBytes(): number {
    return this.arena.totalBytes;
  }

  memoryByKind(): Record<BufferKind, number> {
    return this.arena.bytesByKind();
  }

  /** Per-token log-probabilities [B·T] (row-major; entries without a real next token are 0). */
  async forward(tokens: BatchInput, mask: BatchInput): Promise<Float32Array> {
    this.assertAlive();
    const { B, T, config } = this.options;
    const h = this.host;
    flattenBatch('tokens', tokens, B, T, h.tokens);
    checkTokens(h.tokens, config.vocab_size);
    flattenBatch('mask', mask, B, T, h.mask);
    // The kernels read a 0/1 key mask with a causal rule; rows that pack several sequences need the wasm backend.
    if (checkMask(h.mask).packed)
      throw new RangeError('Trainer (WebGPU): packed rows (mask entries > 1) are supported by the wasm backend only');
    positionsFromMask(h.mask, B, T, h.positions);
    const q = this.device.queue;
    q.writeBuffer(this.io.tokens, 0, h.tokens);
    q.writeBuffer(this.io.mask, 0, h.mask);
    q.writeBuffer(this.io.positions, 0, h.positions);
    await this.run('forward', this.graph.forward, (enc) => this.logprobReadback.encodeCopy(enc, this.graph.logprobs));
    this.forwardDone = true;
    return new Float32Array(await this.logprobReadback.read());
  }

  /**
   * Accumulates (adds to the gradient buffers until zeroGrad) the gradient of L = Σ w[b,t]·logprob[b,t]
   * for the last forward's batch. Each backward needs its own forward: the logits are reused in place.
   */
  async backward(weights: BatchInput): Promise<void> {
    this.assertAlive();
    if (!this.forwardDone)
      throw new Error('Trainer.backward: call forward() first (each backward consumes the activations of one forward)');
    const { B, T } = this.options;
    flattenBatch('weights', weights, B, T, this.host.weights);
    this.device.queue.writeBuffer(this.io.weights, 0, this.host.weights);
    // The backward consumes the forward's logits in place (they become dlogits): one backward per forward.
    this.forwardDone = false;
    await this.run('backward', this.graph.backward);
  }

  /** forward then backward(weights): on the GPU the activations never leave it, so two passes cost nothing extra. */
  async forwardBackward(tokens: BatchInput, mask: BatchInput, weights: BatchInput): Promise<Float32Array> {
    const logprobs = await this.forward(tokens, mask);
    await this.backward(weights);
    return logprobs;
  }

  /**
   * Clip by global norm (maxGradNorm) and apply AdamW, in one submission: the GPU computes the norm, the
   * clip scale and a NaN/Inf flag, and the AdamW kernel does nothing when the flag is set, so a step with
   * a non-finite gradient leaves weights and optimizer state untouched. One small read-back reports it.
   */
  async step(lr: number): Promise<StepResult> {
    this.assertAlive();
    if (!Number.isFinite(lr) || lr < 0)
      throw new RangeError(`Trainer.step: lr must be a finite non-negative number, got ${lr}`);
    this.optimizerKernels.writeHyper({ lr, step: this.stepCount + 1 });
    await this.run('optimizer', [{ kernel: 'gradnorm', op: this.gradStats }, ...this.adamw], (enc) =>
      this.statsReadback.encodeCopy(enc, this.io.stats, 0, 16),
    );
    const stats = new DataView(await this.statsReadback.read());
    const skipped = stats.getUint32(4, true) !== 0;
    const gradNorm = stats.getFloat32(8, true);
    if (!skipped) this.stepCount++;
    return { gradNorm, skipped };
  }

  zeroGrad(): void {
    this.assertAlive();
    const enc = this.device.createCommandEncoder({ label: 'trainer:zero-grad' });
    for (const t of this.params.tensors) enc.clearBuffer(t.grad, 0, t.size * 4);
    this.device.queue.submit([enc.finish()]);
  }

  /** The last profiled phases (per-kernel GPU milliseconds), when created with profile: true. */
  lastProfile(): Record<string, PhaseProfile> {
    return this.profiler?.results() ?? {};
  }

  /** Whether timestamp profiling is available (profile: true and an adapter with 'timestamp-query'). */
  get canProfile(): boolean {
    return this.profiler !== undefined;
  }

  /** Turns the planned profiler on or off (off by default: markers and readbacks cost time). */
  setProfiling(active: boolean): void {
    this.profilingActive = active && this.profiler !== undefined;
  }

  /** Current weights by HF name (fp32 copies). */
  async getWeights(): Promise<Map<string, Float32Array>> {
    const ts = this.params.tensors;
    const data = await readMany(
      this.device,
      ts.map((t) => ({ buffer: t.param, count: t.size })),
      'trainer:get-weights',
    );
    return new Map(ts.map((t, i) => [t.name, data[i]]));
  }

  /** Accumulated gradients by HF name (for parity tests and diagnostics). */
  async getGradients(): Promise<Map<string, Float32Array>> {
    const ts = this.params.tensors;
    const data = await readMany(
      this.device,
      ts.map((t) => ({ buffer: t.grad, count: t.size })),
      'trainer:get-gradients',
    );
    return new Map(ts.map((t, i) => [t.name, data[i]]));
  }

  /** Replaces the weights (gradients and optimizer state are kept); errors name a missing or mis-sized tensor. */
  async setWeights(weights: ReadonlyMap<string, ArrayLike<number>>): Promise<void> {
    const targets = this.params.tensors.map((t) => {
      const w = weights.get(t.name);
      if (!w) throw new RangeError(`Trainer.setWeights: missing tensor '${t.name}' (shape [${t.shape.join(', ')}])`);
      if (w.length !== t.size)
        throw new RangeError(
          `Trainer.setWeights: tensor '${t.name}' has ${w.length} values, expected ${t.size} for shape [${t.shape.join(', ')}]`,
        );
      return { buffer: t.param, data: toFloat32(w) };
    });
    writeMany(this.device, targets);
    await this.device.queue.onSubmittedWorkDone();
  }

  /** Everything needed to resume: weights, AdamW moments, step count, optimizer settings. */
  async state(): Promise<TrainerState> {
    const ts = this.params.tensors;
    const all = await readMany(
      this.device,
      ts.flatMap((t) => [t.param, t.m, t.v].map((buffer) => ({ buffer, count: t.size }))),
      'trainer:save',
    );
    return {
      config: this.options.config,
      optimizer: this.options.optimizer,
      step: this.stepCount,
      tensors: ts.map((t, i) => ({
        name: t.name,
        shape: t.shape,
        param: all[3 * i],
        m: all[3 * i + 1],
        v: all[3 * i + 2],
      })),
    };
  }

  /** A checkpoint (HF layout) whose extraFiles hold optimizer.safetensors (exp_avg, exp_avg_sq, step). */
  async save(tokenizer?: unknown): Promise<Checkpoint> {
    return checkpointFromState(await this.state(), tokenizer);
  }

  /** Loads a checkpoint's weights and, if it has optimizer.safetensors, the optimizer state; errors name the tensor. */
  async load(ckpt: Checkpoint): Promise<void> {
    this.assertAlive();
    const { targets, step } = applyCheckpoint(this.options.config, this.params.tensors, ckpt);
    writeMany(this.device, targets);
    await this.device.queue.onSubmittedWorkDone();
    if (step !== undefined) this.stepCount = step;
    this.forwardDone = false;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const o of this.owned) o.destroy();
    this.arena.destroy();
  }

  private assertAlive(): void {
    if (this.destroyed) throw new Error('Trainer: used after destroy()');
  }

  /** Encodes planned ops (with timestamp markers when profiling) and submits, inside error scopes. */
  private async run(phase: string, ops: readonly PlannedOp[], tail?: (enc: GPUCommandEncoder) => void): Promise<void> {
    await withErrorScopes(this.device, `Trainer.${phase}`, () => {
      const enc = this.device.createCommandEncoder({ label: `trainer:${phase}` });
      if (this.profiler && this.profilingActive) this.profiler.encode(enc, phase, ops);
      else for (const o of ops) o.op.encode(enc);
      tail?.(enc);
      this.device.queue.submit([enc.finish()]);
    });
    if (this.profiler && this.profilingActive) await this.profiler.collect(phase);
  }
}
