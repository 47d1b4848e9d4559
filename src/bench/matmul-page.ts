// Runs inside the page (loaded by src/cli/bench/matmul.ts through window.__load): our matmul vs.
// onnxruntime-web's MatMul (WebGPU EP and wasm EP) vs. tfjs-backend-webgpu's tf.matMul, all on the
// same adapter in the same page, fp32. Each timed run is one C = A·B, timed until the GPU has finished
// it; operands stay on the GPU for every WebGPU engine (no upload or readback inside the timing).
import { sharedGpu, type AdapterReport } from '../gpu/device.ts';
import { readFloat32, uploadBuffer, createBuffer } from '../gpu/buffers.ts';
import { Matmul } from '../train/ops/matmul.ts';
import { randomMatrix } from '../parity/matmul.ts';
import { loadOrt } from '../rollout/ort.ts';
import { timeRuns, ratio, type Timing } from '../util/stats.ts';
import { matmulOnnxModel } from './matmul-onnx.ts';

export interface MatmulBenchShape {
  name: string;
  M: number;
  N: number;
  K: number;
}

export const DEFAULT_SHAPES: readonly MatmulBenchShape[] = [
  { name: '256³', M: 256, N: 256, K: 256 },
  { name: '512³', M: 512, N: 512, K: 512 },
  { name: '1024³', M: 1024, N: 1024, K: 1024 },
  { name: '4096×128·128×512', M: 4096, N: 512, K: 128 },
];

export type EngineName = 'ours' | 'ortWebgpu' | 'tfjsWebgpu' | 'ortWasm';

export interface EngineResult {
  gflops: number;
  timing: Timing;
  /** max |this − ours| / max |ours| on the same inputs: all engines compute the same product. */
  relDiffVsOurs?: number;
}

export interface MatmulBenchRow {
  shape: MatmulBenchShape;
  engines: Partial<Record<EngineName, EngineResult>>;
  errors: Partial<Record<EngineName, string>>;
  ratios: {
    oursOverOrtWebgpu: number;
    oursOverTfjsWebgpu: number;
    oursOverBestAnchor: number;
    oursOverOrtWasm: number;
  };
}

export interface MatmulBenchOptions {
  shapes: MatmulBenchShape[];
  runs: number;
  warmup: number;
  engines: EngineName[];
}

export interface MatmulBenchResult {
  adapter: AdapterReport;
  ourKernel: string;
  runs: number;
  warmup: number;
  rows: MatmulBenchRow[];
  method: string;
}

const METHOD =
  'Median of `runs` timed runs after `warmup` untimed ones; one C = A·B per run. ours: encode + submit + ' +
  "queue.onSubmittedWorkDone(). ORT WebGPU EP: session.run with A, B as GPU tensors on ORT's device and the " +
  'output kept on the GPU (preferredOutputLocation gpu-buffer), then onSubmittedWorkDone() on that device. ' +
  'tfjs WebGPU: tf.matMul on resident tensors, backend.endComputePassEncoder() + submitQueue() + onSubmittedWorkDone(). ORT wasm EP: ' +
  'session.run on CPU tensors (its natural form). Anchors = ORT WebGPU and tfjs WebGPU; wasm is the CPU yardstick.';

type Runner = { run(): Promise<void>; result(): Promise<Float32Array>; dispose(): void };

async function oursRunner(
  shape: MatmulBenchShape,
  a: Float32Array,
  b: Float32Array,
): Promise<Runner & { kernel: string }> {
  const { device } = await sharedGpu();
  const matmul = await Matmul.create(device, { M: shape.M, N: shape.N, K: shape.K, variant: 'nn' });
  const io = {
    a: uploadBuffer(device, a, 'bench:a'),
    b: uploadBuffer(device, b, 'bench:b'),
    c: createBuffer(device, shape.M * shape.N * 4, 'bench:c'),
  };
  const bound = matmul.bind(io);
  return {
    kernel: matmul.kernelKind,
    async run() {
      const encoder = device.createCommandEncoder();
      bound.encode(encoder);
      device.queue.submit([encoder.finish()]);
      await device.queue.onSubmittedWorkDone();
    },
    result: () => readFloat32(device, io.c, shape.M * shape.N),
    dispose() {
      for (const buf of Object.values(io)) buf.destroy();
      matmul.destroy();
    },
  };
}

async function ortRunner(
  shape: MatmulBenchShape,
  a: Float32Array,
  b: Float32Array,
  ep: 'webgpu' | 'wasm',
): Promise<Runner> {
  const ort = await loadOrt();
  const model = matmulOnnxModel(shape.M, shape.N, shape.K);
  const session = await ort.InferenceSession.create(model, {
    executionProviders: [ep],
    graphOptimizationLevel: 'all',
    ...(ep === 'webgpu' ? { preferredOutputLocation: 'gpu-buffer' as const } : {}),
  });
  if (ep === 'wasm') {
    const feeds = {
      A: new ort.Tensor('float32', a, [shape.M, shape.K]),
      B: new ort.Tensor('float32', b, [shape.K, shape.N]),
    };
    const once = async () => (await session.run(feeds)).Y.data as Float32Array;
    return {
      async run() {
        await once();
      },
      result: once,
      dispose: () => void session.release(),
    };
  }
  // Operands must live on ORT's own device (the /webgpu build rejects foreign buffers).
  const device = (await ort.env.webgpu.device) as GPUDevice;
  const bufA = uploadBuffer(device, a, 'ort:a');
  const bufB = uploadBuffer(device, b, 'ort:b');
  const feeds = {
    A: ort.Tensor.fromGpuBuffer(bufA, { dataType: 'float32', dims: [shape.M, shape.K] }),
    B: ort.Tensor.fromGpuBuffer(bufB, { dataType: 'float32', dims: [shape.K, shape.N] }),
  };
  return {
    async run() {
      const out = await session.run(feeds);
      await device.queue.onSubmittedWorkDone();
      out.Y.dispose();
    },
    async result() {
      const out = await session.run(feeds);
      const data = (await out.Y.getData(true)) as Float32Array;
      return data;
    },
    dispose() {
      void session.release();
      bufA.destroy();
      bufB.destroy();
    },
  };
}

/** Imports the anchors' libraries once, so a dev server that has not pre-bundled them yet can do it now. */
export async function loadAnchorLibraries(): Promise<void> {
  await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-webgpu');
  await loadOrt();
}

async function tfjsRunner(shape: MatmulBenchShape, a: Float32Array, b: Float32Array): Promise<Runner> {
  const tf = await import('@tensorflow/tfjs');
  await import('@tensorflow/tfjs-backend-webgpu');
  if (tf.getBackend() !== 'webgpu' && !(await tf.setBackend('webgpu')))
    throw new Error('tfjs could not start its webgpu backend');
  await tf.ready();
  // Public methods of WebGPUBackend; submitting needs the open compute pass ended first, as tfjs's own reads do.
  const backend = tf.backend() as unknown as { device: GPUDevice; endComputePassEncoder(): void; submitQueue(): void };
  const ta = tf.tensor2d(a, [shape.M, shape.K]);
  const tb = tf.tensor2d(b, [shape.K, shape.N]);
  return {
    async run() {
      const c = tf.matMul(ta, tb);
      backend.endComputePassEncoder();
      backend.submitQueue();
      await backend.device.queue.onSubmittedWorkDone();
      c.dispose();
    },
    async result() {
      const c = tf.matMul(ta, tb);
      const data = (await c.data()) as Float32Array;
      c.dispose();
      return data;
    },
    dispose() {
      ta.dispose();
      tb.dispose();
    },
  };
}

function relDiff(x: Float32Array, ref: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < ref.length; i++) {
    diff = Math.max(diff, Math.abs(x[i] - ref[i]));
    scale = Math.max(scale, Math.abs(ref[i]));
  }
  return x.length === ref.length ? diff / (scale || 1) : Infinity;
}

export async function runMatmulBench(options: MatmulBenchOptions): Promise<MatmulBenchResult> {
  const { report } = await sharedGpu();
  const rows: MatmulBenchRow[] = [];
  let ourKernel = '';
  for (const shape of options.shapes) {
    const a = randomMatrix(shape.M * shape.K, 11);
    const b = randomMatrix(shape.K * shape.N, 12);
    const flops = 2 * shape.M * shape.N * shape.K;
    const row: MatmulBenchRow = {
      shape,
      engines: {},
      errors: {},
      ratios: { oursOverOrtWebgpu: NaN, oursOverTfjsWebgpu: NaN, oursOverBestAnchor: NaN, oursOverOrtWasm: NaN },
    };
    let oursOut: Float32Array | undefined;
    for (const engine of options.engines) {
      let runner: Runner | undefined;
      try {
        if (engine === 'ours') {
          const r = await oursRunner(shape, a, b);
          ourKernel = r.kernel;
          runner = r;
        } else if (engine === 'tfjsWebgpu') runner = await tfjsRunner(shape, a, b);
        else runner = await ortRunner(shape, a, b, engine === 'ortWebgpu' ? 'webgpu' : 'wasm');
        const timing = await timeRuns(() => runner!.run(), options.runs, options.warmup);
        const out = await runner.result();
        if (engine === 'ours') oursOut = out;
        row.engines[engine] = {
          gflops: flops / (timing.medianMs * 1e6),
          timing,
          relDiffVsOurs: oursOut && engine !== 'ours' ? relDiff(out, oursOut) : undefined,
        };
        const gflops = row.engines[engine]!.gflops.toFixed(2);
        const progress = `${rows.length + 1}/${options.shapes.length} sizes`;
        console.info(`bench matmul: ${shape.name} ${engine} ${gflops} GFLOP/s (${progress})`);
      } catch (e) {
        row.errors[engine] = e instanceof Error ? e.message : String(e);
        console.info(`bench matmul: ${shape.name} ${engine} failed: ${row.errors[engine]}`);
      } finally {
        runner?.dispose();
      }
    }
    const g = (e: EngineName) => row.engines[e]?.gflops ?? NaN;
    const best = Math.max(...(['ortWebgpu', 'tfjsWebgpu'] as const).map(g).filter(Number.isFinite));
    row.ratios = {
      oursOverOrtWebgpu: ratio(g('ours'), g('ortWebgpu')),
      oursOverTfjsWebgpu: ratio(g('ours'), g('tfjsWebgpu')),
      oursOverBestAnchor: ratio(g('ours'), best),
      oursOverOrtWasm: ratio(g('ours'), g('ortWasm')),
    };
    rows.push(row);
  }
  return { adapter: report, ourKernel, runs: options.runs, warmup: options.warmup, rows, method: METHOD };
}

/** Geometric mean of ours/best-anchor over rows that have both (for a one-line summary). */
export function summaryRatio(rows: readonly MatmulBenchRow[]): number {
  const rs = rows.map((r) => r.ratios.oursOverBestAnchor).filter((x) => Number.isFinite(x) && x > 0);
  return rs.length ? Math.exp(rs.reduce((s, x) => s + Math.log(x), 0) / rs.length) : NaN;
}
