// Loading onnxruntime-web and choosing its execution provider.
// Node: the package's node build (wasm EP only; onnxruntime-node is not a dependency). Browser: the `/webgpu` build,
// which has both the WebGPU and the wasm EP and — unlike the JSEP builds — rejects a GPUBuffer from a foreign device
// instead of silently reading zeros.
import type * as OrtNs from 'onnxruntime-web';

export type Ort = typeof OrtNs;
export type Backend = 'wasm' | 'webgpu';

export const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

let cached: Promise<Ort> | undefined;

export function loadOrt(): Promise<Ort> {
  cached ??= (async () => {
    const ort: Ort = isNode ? await import('onnxruntime-web') : await import('onnxruntime-web/webgpu');
    // Threads: wasm threads need cross-origin isolation in a page; in Node they use worker_threads. The calling
    // thread joins ORT's pool, so Node (a script or the trainer: nothing else to keep responsive) uses every core;
    // an isolated page leaves one core to its UI but still runs at least two threads (on a 2-core machine one
    // thread would leave the engine at half speed, while SwiftShader's WGSL path takes every core).
    const cores = isNode ? (await import('node:os')).availableParallelism() : (navigator.hardwareConcurrency ?? 1);
    const isolated = isNode || (typeof crossOriginIsolated !== 'undefined' && crossOriginIsolated);
    ort.env.logLevel = 'error'; // its warnings (e.g. shape ops placed on the CPU) are expected
    const threads = isNode ? cores : Math.max(2, cores - 1);
    ort.env.wasm.numThreads = isolated ? Math.max(1, Math.min(4, threads, cores)) : 1;
    return ort;
  })();
  return cached;
}

export interface BackendChoice {
  backend: Backend;
  reason: string;
}

/**
 * WebGPU EP on a real GPU adapter; the wasm EP in Node, without WebGPU, or on a CPU fallback adapter (SwiftShader),
 * where ORT's wasm kernels measured ~40× faster than WebGPU ones.
 */
export async function chooseBackend(): Promise<BackendChoice> {
  if (isNode) return { backend: 'wasm', reason: 'Node: onnxruntime-web runs the wasm EP' };
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return { backend: 'wasm', reason: 'no navigator.gpu in this browser' };
  const adapter = await gpu.requestAdapter();
  if (!adapter) return { backend: 'wasm', reason: 'no WebGPU adapter' };
  const info = adapter.info;
  const fallback =
    (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter === true ||
    /swiftshader/i.test(`${info.architecture} ${info.description} ${info.device}`);
  if (fallback)
    return {
      backend: 'wasm',
      reason: `WebGPU adapter is a CPU fallback (${info.vendor} ${info.architecture}): the wasm EP is faster`,
    };
  return { backend: 'webgpu', reason: `WebGPU adapter ${info.vendor} ${info.architecture}` };
}
