// The `wasm` Trainer backend: the model's forward and hand-written backward as ONNX (graph.ts) on onnxruntime-web's
// wasm execution provider, parameters / gradients / AdamW moments as host Float32Arrays (views into one wasm
// memory, host-memory.ts) planned once for (config, B, T). forward → per-token log-probs (and the saved
// activations, held until the backward); backward(w) runs the backward half and adds its gradients into the
// accumulators; step(lr) is optimizer.ts. ORT copies inputs into its wasm memory and outputs out of it on every
// run; the tensors wrapping our arrays are made once, so a step allocates only those output copies, which the next
// step drops (no growth).
import type * as OrtNs from 'onnxruntime-web';
import type { Checkpoint } from '../../model/checkpoint.ts';
import { expectedTensors } from '../../model/checkpoint.ts';
import { initParams } from '../../model/reference/params.ts';
import { loadOrt, type Ort } from '../../rollout/ort.ts';
import { PACKS_ROWS, type TrainerBackend } from '../backend.ts';
import type { BatchInput } from '../batch.ts';
import { resolveOptions, type ResolvedOptions, type TrainerOptions } from '../options.ts';
import { applyCheckpoint, checkpointFromState, type TrainerState } from '../trainer-state.ts';
import type { StepResult, TrainerInit } from '../trainer.ts';
import { BatchFeeds } from './feeds.ts';
import { buildFusedTrainGraph, buildTrainGraphs } from './graph.ts';
import { HostMemory } from './host-memory.ts';
import { optimizerStep, type HostTensor } from './optimizer.ts';

type Feeds = Record<string, OrtNs.Tensor>;

export class WasmTrainer implements TrainerBackend {
  readonly kind = 'wasm' as const;
  readonly packsRows = PACKS_ROWS[this.kind];
  private stepCount = 0;
  private saved: Feeds | undefined;
  private destroyed = false;
  /** No gradient added since zeroGrad: the next backward copies its gradients instead of adding them. */
  private gradsZero = true;
  private readonly byName: Map<string, HostTensor>;
  private fused: Promise<{ session: OrtNs.InferenceSession; feeds: Feeds }> | undefined;

  private constructor(
    readonly options: ResolvedOptions,
    private readonly forwardSession: OrtNs.InferenceSession,
    private readonly backwardSession: OrtNs.InferenceSession,
    private readonly memory: HostMemory,
    readonly tensors: HostTensor[],
    private readonly batch: BatchFeeds,
    private readonly forwardFeeds: Feeds,
    private readonly backwardFeeds: Feeds,
    private readonly savedBytes: number,
    private readonly makeFused: () => Promise<{ session: OrtNs.InferenceSession; feeds: Feeds }>,
  ) {
    this.byName = new Map(tensors.map((t) => [t.name, t]));
  }

  static async create(options: TrainerOptions, init: TrainerInit = {}): Promise<WasmTrainer> {
    const o = resolveOptions(options);
    const ort = await loadOrt();
    const graphs = buildTrainGraphs(o.config, o.B, o.T);
    const sessionOptions = {
      executionProviders: ['wasm'],
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
    } as const;
    const fwd = await ort.InferenceSession.create(graphs.forward, sessionOptions);
    const bwd = await ort.InferenceSession.create(graphs.backward, sessionOptions).catch(async (e: unknown) => {
      await fwd.release();
      throw e;
    });
    const expected = expectedTensors(o.config).map(({ name, shape }) => ({
      name,
      shape,
      size: shape.reduce((a, b) => a * b, 1),
    }));
    const memory = await HostMemory.create(4 * expected.reduce((a, t) => a + t.size, 0), 4 * expected.length).catch(
      async (e: unknown) => {
        await Promise.all([fwd.release(), bwd.release()]);
        throw e;
      },
    );
    const tensors = expected.map(({ name, shape, size }): HostTensor => {
      const f = () => memory.alloc(size);
      return { name, shape, size, param: f(), grad: f(), m: f(), v: f(), decay: shape.length >= 2 };
    });
    const batch = new BatchFeeds(ort, o.B, o.T, o.config.vocab_size);
    const weightFeeds = weightTensors(ort, tensors);
    const pick = (s: OrtNs.InferenceSession, extra: Feeds): Feeds => {
      const all: Feeds = { ...batch.tensors, ...weightFeeds, ...extra };
      return Object.fromEntries(s.inputNames.filter((n) => n in all).map((n) => [n, all[n]]));
    };
    const savedBytes = graphs.saved.reduce((a, s) => a + 4 * s.dims.reduce((x, y) => x * y, 1), 0);
    // The fused graph (forwardBackward) is built on first use: GRPO never needs it, SFT needs nothing else.
    const makeFused = async () => {
      const session = await ort.InferenceSession.create(buildFusedTrainGraph(o.config, o.B, o.T), sessionOptions);
      return { session, feeds: pick(session, {}) };
    };
    const trainer = new WasmTrainer(
      o,
      fwd,
      bwd,
      memory,
      tensors,
      batch,
      pick(fwd, {}),
      pick(bwd, {}),
      savedBytes,
      makeFused,
    );
    await trainer.setWeights(init.weights ?? initParams(o.config, init.seed ?? 0));
    return trainer;
  }

  get config() {
    return this.options.config;
  }

  get steps(): number {
    return this.stepCount;
  }

  /** Host bytes the plan holds: parameters, gradients, moments, the saved activations and the batch inputs. */
  get memoryBytes(): number {
    const params = this.tensors.reduce((a, t) => a + t.size, 0);
    return 16 * params + this.savedBytes + 36 * this.options.B * this.options.T;
  }

  async forward(tokens: BatchInput, mask: BatchInput): Promise<Float32Array> {
    this.assertAlive();
    this.batch.setBatch(tokens, mask);
    this.saved = undefined;
    const out = await this.forwardSession.run(this.forwardFeeds);
    const saved: Feeds = {};
    for (const name of this.backwardSession.inputNames) if (name.startsWith('saved.')) saved[name] = out[name];
    this.saved = saved;
    return out.logprobs.data as Float32Array;
  }

  /** Adds ∂(Σ w·logprob)/∂θ for the last forward's batch to the gradients (until zeroGrad). */
  async backward(weights: BatchInput): Promise<void> {
    this.assertAlive();
    if (!this.saved)
      throw new Error(
        'WasmTrainer.backward: call forward() first (each backward consumes the activations of one forward)',
      );
    this.batch.setLossWeights(weights);
    Object.assign(this.backwardFeeds, this.saved);
    this.saved = undefined;
    const out = await this.backwardSession.run(this.backwardFeeds);
    for (const name of this.backwardSession.inputNames) if (name.startsWith('saved.')) delete this.backwardFeeds[name];
    this.accumulate(out);
  }

  /**
   * forward(tokens, mask) then backward(weights) as one graph run, for loss weights known in advance (SFT): the
   * activations stay in ORT's memory instead of crossing the wasm boundary twice. Same log-probs, same gradients.
   */
  async forwardBackward(tokens: BatchInput, mask: BatchInput, weights: BatchInput): Promise<Float32Array> {
    this.assertAlive();
    this.fused ??= this.makeFused();
    const { session, feeds } = await this.fused;
    this.assertAlive();
    this.batch.setBatch(tokens, mask);
    this.batch.setLossWeights(weights);
    this.saved = undefined;
    const out = await session.run(feeds);
    this.accumulate(out);
    return out.logprobs.data as Float32Array;
  }

  /** Adds a run's `grad.*` outputs into the gradient arrays. */
  private accumulate(out: Feeds): void {
    // A copy is a quarter of an add loop's time (mini: ~7 ms vs ~30 ms), and one backward per step is the rule.
    for (const t of this.tensors) {
      const g = out[`grad.${t.name}`].data as Float32Array;
      const acc = t.grad;
      if (this.gradsZero) acc.set(g);
      else for (let i = 0; i < acc.length; i++) acc[i] += g[i];
    }
    this.gradsZero = false;
  }

  async step(lr: number): Promise<StepResult> {
    this.assertAlive();
    if (!Number.isFinite(lr) || lr < 0)
      throw new RangeError(`WasmTrainer.step: lr must be a finite non-negative number, got ${lr}`);
    const r = optimizerStep(this.memory, this.tensors, this.options.optimizer, lr, this.stepCount + 1);
    if (!r.skipped) this.stepCount++;
    return r;
  }

  zeroGrad(): void {
    this.assertAlive();
    for (const t of this.tensors) t.grad.fill(0);
    this.gradsZero = true;
  }

  async getWeights(): Promise<Map<string, Float32Array>> {
    return new Map(this.tensors.map((t) => [t.name, t.param.slice()]));
  }

  async getGradients(): Promise<Map<string, Float32Array>> {
    return new Map(this.tensors.map((t) => [t.name, t.grad.slice()]));
  }

  /** The live gradient array of one tensor (tests inject NaN/Inf through it). */
  gradient(name: string): Float32Array {
    const t = this.byName.get(name);
    if (!t) throw new RangeError(`WasmTrainer: no tensor '${name}' in this model`);
    this.gradsZero = false; // the caller may write into it
    return t.grad;
  }

  async setWeights(weights: ReadonlyMap<string, ArrayLike<number>>): Promise<void> {
    for (const t of this.tensors) {
      const w = weights.get(t.name);
      if (!w)
        throw new RangeError(`WasmTrainer.setWeights: missing tensor '${t.name}' (shape [${t.shape.join(', ')}])`);
      if (w.length !== t.size)
        throw new RangeError(
          `WasmTrainer.setWeights: tensor '${t.name}' has ${w.length} values, ` +
            `expected ${t.size} for shape [${t.shape.join(', ')}]`,
        );
    }
    for (const t of this.tensors) t.param.set(weights.get(t.name)!);
  }

  async state(): Promise<TrainerState> {
    return {
      config: this.options.config,
      optimizer: this.options.optimizer,
      step: this.stepCount,
      tensors: this.tensors.map((t) => ({
        name: t.name,
        shape: t.shape,
        param: t.param.slice(),
        m: t.m.slice(),
        v: t.v.slice(),
      })),
    };
  }

  async save(tokenizer?: unknown): Promise<Checkpoint> {
    return checkpointFromState(await this.state(), tokenizer);
  }

  /** Weights and, with optimizer.safetensors, AdamW moments and step; all checked before anything is written. */
  async load(ckpt: Checkpoint): Promise<void> {
    this.assertAlive();
    const { targets, step } = applyCheckpoint(this.options.config, this.tensors, ckpt);
    for (const { buffer, data } of targets) buffer.set(data);
    if (step !== undefined) this.stepCount = step;
    this.saved = undefined;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    void this.forwardSession.release();
    void this.backwardSession.release();
    void this.fused?.then(({ session }) => session.release());
  }

  private assertAlive(): void {
    if (this.destroyed) throw new Error('WasmTrainer: used after destroy()');
  }
}

/** One ORT tensor per weight, wrapping the parameter array itself: updates in place are seen by the next run. */
function weightTensors(ort: Ort, tensors: readonly HostTensor[]): Feeds {
  return Object.fromEntries(tensors.map((t) => [t.name, new ort.Tensor('float32', t.param, t.shape)]));
}
