// One ORT session of the policy: builds the ONNX graph for a config, binds weights, runs a step with a KV cache.
// wasm EP: weights are baked in as initializers (passing 36 MB of weight inputs every step would copy them into wasm
// memory each time); `updateWeights` rebuilds the session after the weights change (its cost is returned, so
// callers can print it against an RL step). WebGPU EP: weights are graph inputs bound once as
// GPU tensors — either uploaded here or the trainer's own GPUBuffers (created on ort.env.webgpu.device) — and the KV
// cache stays on the GPU between steps. A cache with a `capacity` is a static one (fixed shape [B,nKV,capacity,hd]):
// its steps run a second session built from the static decoding graph, one token per row, so on WebGPU every
// decoding step of a generation has the same shapes and ORT compiles its shaders once, not once per length.
import { headDim, type LlamaConfig } from '../model/config.ts';
import { buildLlamaGraph } from '../model/onnx/llama.ts';
import { toFloat32Weights, weightShapes } from '../model/onnx/weights.ts';
import type * as OrtNs from 'onnxruntime-web';
import { chooseBackend, loadOrt, type Backend, type BackendChoice, type Ort } from './ort.ts';

type Tensor = OrtNs.Tensor;

export interface PolicyOptions {
  backend: Backend;
  /** float weights by HF name (Float32Array or Float64Array). */
  weights?: ReadonlyMap<string, ArrayLike<number>>;
  /** WebGPU only: GPUBuffers by HF name, created on ort.env.webgpu.device (e.g. the trainer's). */
  gpuWeights?: ReadonlyMap<string, GPUBuffer>;
  /** 'selected' (default): logits only at logits_index per row; 'all': [B,S,V]. */
  logits?: 'all' | 'selected';
}

export interface StepInput {
  ids: BigInt64Array; // [B,S]
  mask: BigInt64Array; // [B,P+S]
  positions: BigInt64Array; // [B,S]
  B: number;
  S: number;
  past: KvCache | null; // null = empty (P = 0)
  logitsIndex?: BigInt64Array; // [B], with logits 'selected'
}

/** present.{i}.key/value per layer; CPU tensors on wasm, GPU tensors on WebGPU. */
export interface KvCache {
  tensors: Tensor[]; // [k0, v0, k1, v1, …]
  length: number; // P: filled columns
  /** Static cache: the fixed number of columns (tensors are [B,nKV,capacity,hd]); absent for a growing cache. */
  capacity?: number;
}

export interface StepOutput {
  logits: Float32Array; // [B,1,V] or [B,S,V]
  present: KvCache;
  runMs: number;
}

/**
 * ORT calls of this module, one at a time. Two sessions' runs interleaved on onnxruntime-web's wasm backend fail
 * ("input name cannot be empty", or an empty error) — a generation decoding with its static session while another
 * prefills is exactly that — and the wasm backend computes on one thread anyway, so nothing is lost.
 */
let ortChain: Promise<unknown> = Promise.resolve();
function serial<T>(call: () => Promise<T>): Promise<T> {
  const next = ortChain.then(call, call);
  ortChain = next.catch(() => undefined);
  return next;
}

function createSession(
  ort: Ort,
  cfg: LlamaConfig,
  backend: Backend,
  graph: Uint8Array,
): Promise<OrtNs.InferenceSession> {
  const present = Array.from({ length: cfg.num_hidden_layers }, (_, i) => [
    `present.${i}.key`,
    `present.${i}.value`,
  ]).flat();
  return serial(() =>
    ort.InferenceSession.create(graph, {
      executionProviders: [backend],
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3, // errors only: the CPU placement of shape ops is expected
      ...(backend === 'webgpu'
        ? { preferredOutputLocation: Object.fromEntries([['logits', 'cpu'], ...present.map((n) => [n, 'gpu-buffer'])]) }
        : {}),
    }),
  );
}

export class PolicySession {
  private constructor(
    readonly ort: Ort,
    readonly cfg: LlamaConfig,
    readonly backend: Backend,
    private session: OrtNs.InferenceSession,
    private readonly weightFeeds: Record<string, Tensor>,
    readonly logitsMode: 'all' | 'selected',
    /** WebGPU: the buffers this session uploaded itself, by weight name (the trainer's shared ones are not here). */
    private readonly ownedBuffers: Map<string, GPUBuffer>,
    /** wasm: the weights the initializers were built from (the static session is built lazily from them). */
    private cpuWeights: ReadonlyMap<string, Float32Array> | undefined,
  ) {}

  /** The static-cache decoding session, built on first use (and again on wasm after the weights change). */
  private staticSession: Promise<OrtNs.InferenceSession> | undefined;

  private graph(cache: 'dynamic' | 'static'): Uint8Array {
    const onGpu = this.backend === 'webgpu';
    return buildLlamaGraph(this.cfg, {
      weights: onGpu ? 'inputs' : 'initializers',
      values: onGpu ? undefined : this.cpuWeights,
      logits: this.logitsMode,
      cache,
    });
  }

  private decodingSession(): Promise<OrtNs.InferenceSession> {
    this.staticSession ??= createSession(this.ort, this.cfg, this.backend, this.graph('static'));
    return this.staticSession;
  }

  /**
   * Makes the next steps use new weights. WebGPU: weights shared with the trainer (gpuWeights) need nothing;
   * uploaded ones are overwritten in place. wasm: the weights are initializers, so the session is rebuilt (a
   * new one is built before the old is released). Returns what was done and how long it took.
   */
  async updateWeights(
    weights: ReadonlyMap<string, ArrayLike<number>>,
  ): Promise<{ how: 'in-place' | 'session-rebuild'; ms: number }> {
    const t0 = performance.now();
    const f32 = toFloat32Weights(this.cfg, weights);
    if (this.backend === 'webgpu') {
      const device = (await this.ort.env.webgpu.device) as GPUDevice;
      for (const [name, buffer] of this.ownedBuffers) {
        const data = f32.get(name)!;
        device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
      }
      await device.queue.onSubmittedWorkDone();
      return { how: 'in-place', ms: performance.now() - t0 };
    }
    this.cpuWeights = f32;
    const fresh = await createSession(this.ort, this.cfg, 'wasm', this.graph('dynamic'));
    const old = this.session;
    this.session = fresh;
    await old.release();
    const oldStatic = this.staticSession;
    this.staticSession = undefined; // rebuilt with the new weights when next needed
    if (oldStatic) await (await oldStatic).release();
    return { how: 'session-rebuild', ms: performance.now() - t0 };
  }

  static async create(cfg: LlamaConfig, opts: PolicyOptions): Promise<PolicySession> {
    const ort = await loadOrt();
    const logits = opts.logits ?? 'selected';
    const onGpu = opts.backend === 'webgpu';
    const f32 = opts.weights ? toFloat32Weights(cfg, opts.weights) : undefined;
    if (!onGpu && !f32) throw new Error('PolicySession: the wasm EP needs `weights` (CPU arrays)');
    const graph = buildLlamaGraph(
      cfg,
      onGpu ? { weights: 'inputs', logits } : { weights: 'initializers', values: f32, logits },
    );
    const session = await createSession(ort, cfg, opts.backend, graph);
    const feeds: Record<string, Tensor> = {};
    const owned = new Map<string, GPUBuffer>();
    if (onGpu) {
      const device = (await ort.env.webgpu.device) as GPUDevice | undefined;
      if (!device)
        throw new Error('PolicySession: ort.env.webgpu.device is not available after creating a WebGPU session');
      for (const [name, dims] of weightShapes(cfg)) {
        let buffer = opts.gpuWeights?.get(name);
        if (!buffer) {
          const data = f32?.get(name);
          if (!data) throw new Error(`PolicySession: weight '${name}' is in neither gpuWeights nor weights`);
          buffer = device.createBuffer({
            size: Math.ceil(data.byteLength / 4) * 4,
            usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
          });
          device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
          owned.set(name, buffer);
        }
        feeds[name] = ort.Tensor.fromGpuBuffer(buffer, { dataType: 'float32', dims });
      }
    }
    return new PolicySession(ort, cfg, opts.backend, session, feeds, logits, owned, onGpu ? undefined : f32);
  }

  /** Picks the EP automatically (chooseBackend: WebGPU on a real GPU, else wasm) and says which and why. */
  static async auto(
    cfg: LlamaConfig,
    opts: Omit<PolicyOptions, 'backend'>,
  ): Promise<{ session: PolicySession; choice: BackendChoice }> {
    const choice = await chooseBackend();
    return { session: await PolicySession.create(cfg, { ...opts, backend: choice.backend }), choice };
  }

  /** An empty cache (P = 0) for a batch of B rows. */
  emptyCache(B: number): KvCache {
    const dims = [B, this.cfg.num_key_value_heads, 0, headDim(this.cfg)];
    const t = new this.ort.Tensor('float32', new Float32Array(0), dims);
    return { tensors: Array.from({ length: 2 * this.cfg.num_hidden_layers }, () => t), length: 0 };
  }

  /**
   * One forward step. With a static past (capacity set) S must be 1, the mask spans the capacity with column
   * past.length already set, and the token is written there; otherwise the cache grows by S.
   */
  async step(input: StepInput): Promise<StepOutput> {
    const { ort } = this;
    const { B, S } = input;
    const past = input.past ?? this.emptyCache(B);
    const fixed = past.capacity !== undefined;
    if (fixed && S !== 1) throw new Error(`PolicySession.step: a static cache takes one token per row, got S = ${S}`);
    if (fixed && past.length >= past.capacity!)
      throw new Error(`PolicySession.step: the static cache is full (${past.capacity} columns)`);
    const T = fixed ? past.capacity! : past.length + S;
    if (input.mask.length !== B * T)
      throw new Error(
        `PolicySession.step: attention_mask has ${input.mask.length} entries, expected ` +
          (fixed ? `B·capacity = ${B * T}` : `B·(P+S) = ${B * T}`),
      );
    const feeds: Record<string, Tensor> = {
      ...this.weightFeeds,
      input_ids: new ort.Tensor('int64', input.ids, [B, S]),
      attention_mask: new ort.Tensor('int64', input.mask, [B, T]),
      position_ids: new ort.Tensor('int64', input.positions, [B, S]),
    };
    if (fixed) feeds.cache_index = new ort.Tensor('int64', BigInt64Array.of(BigInt(past.length)), [1]);
    else if (this.logitsMode === 'selected') {
      if (!input.logitsIndex) throw new Error('PolicySession.step: logits_index is required with logits "selected"');
      feeds.logits_index = new ort.Tensor('int64', input.logitsIndex, [B]);
    }
    for (let i = 0; i < this.cfg.num_hidden_layers; i++) {
      feeds[`past_key_values.${i}.key`] = past.tensors[2 * i];
      feeds[`past_key_values.${i}.value`] = past.tensors[2 * i + 1];
    }
    const session = fixed ? await this.decodingSession() : this.session;
    let runMs = 0; // the run itself, not the wait for another one
    const out = await serial(async () => {
      const t0 = performance.now();
      const result = await session.run(feeds);
      runMs = performance.now() - t0;
      return result;
    });
    const tensors: Tensor[] = [];
    for (let i = 0; i < this.cfg.num_hidden_layers; i++)
      tensors.push(out[`present.${i}.key`], out[`present.${i}.value`]);
    const logits = out.logits;
    const data = (logits.location === 'cpu' ? logits.data : await logits.getData(true)) as Float32Array;
    const present: KvCache = fixed ? { tensors, length: past.length + 1, capacity: T } : { tensors, length: T };
    return { logits: data, present, runMs };
  }

  /** Frees GPU-side outputs of a cache no longer needed (no-op for CPU tensors). */
  releaseCache(cache: KvCache | null): void {
    if (!cache || cache.length === 0) return;
    for (const t of cache.tensors) if (t.location === 'gpu-buffer') t.dispose();
  }

  async release(): Promise<void> {
    await this.session.release();
    if (this.staticSession) await (await this.staticSession).release();
    for (const b of this.ownedBuffers.values()) b.destroy();
  }
}
