// Acquires the one GPUDevice atomgym uses (shareable with onnxruntime-web via ort.env.webgpu.device)
// and reports what the adapter is. Works in the page, in a Worker, and in Node with the `webgpu` package.

export interface AdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A CPU/software adapter (SwiftShader, WARP, llvmpipe): correct but slow. */
  isFallback: boolean;
  shaderF16: boolean;
  subgroups: boolean;
  timestampQuery: boolean;
  limits: Record<string, number>;
}

export class WebGPUUnavailableError extends Error {
  override name = 'WebGPUUnavailableError';
}

/** Limits the kernels need; requested explicitly because defaults cap storage bindings at 128 MiB. */
const WANTED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxStorageBuffersPerShaderStage',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupsPerDimension',
] as const;

const FALLBACK_PATTERN = /swiftshader|llvmpipe|warp|software|cpu/i;

export function describeAdapter(adapter: GPUAdapter): AdapterReport {
  const info = adapter.info;
  const text = `${info.vendor} ${info.architecture} ${info.device} ${info.description}`;
  const limits: Record<string, number> = {};
  for (const name of WANTED_LIMITS) limits[name] = Number(adapter.limits[name]);
  // `isFallbackAdapter` moved from the adapter to its info in the spec; read either.
  const flagged =
    (info as { isFallbackAdapter?: boolean }).isFallbackAdapter ??
    (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallback: flagged === true || FALLBACK_PATTERN.test(text),
    shaderF16: adapter.features.has('shader-f16'),
    subgroups: adapter.features.has('subgroups'),
    timestampQuery: adapter.features.has('timestamp-query'),
    limits,
  };
}

export interface Gpu {
  device: GPUDevice;
  adapter: GPUAdapter;
  report: AdapterReport;
}

const WEBGPU_MISSING =
  'WebGPU is not available here. In Chromium, serve the page from http://localhost or https (a secure context) ' +
  "and, headless or on Linux, start it with --enable-unsafe-webgpu (atomgym's CLI does this). " +
  'Check chrome://gpu; without a GPU Chromium still offers WebGPU through SwiftShader.';

/**
 * Requests the adapter and a device with the limits the kernels need (the adapter's maxima) and the
 * optional features they can use. Uncaptured errors are logged; kernels use error scopes to throw.
 */
export async function acquireGpu(gpu: GPU | undefined = globalThis.navigator?.gpu): Promise<Gpu> {
  if (!gpu) throw new WebGPUUnavailableError(WEBGPU_MISSING);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new WebGPUUnavailableError(`navigator.gpu.requestAdapter() returned null. ${WEBGPU_MISSING}`);
  const report = describeAdapter(adapter);
  const requiredLimits: Record<string, number> = {};
  for (const name of WANTED_LIMITS) requiredLimits[name] = report.limits[name];
  const requiredFeatures: GPUFeatureName[] = [];
  for (const f of ['shader-f16', 'subgroups', 'timestamp-query'] as const) {
    if (adapter.features.has(f)) requiredFeatures.push(f);
  }
  const device = await adapter.requestDevice({ requiredLimits, requiredFeatures });
  device.addEventListener('uncapturederror', (ev) => {
    console.error(`atomgym: uncaptured WebGPU error: ${(ev as GPUUncapturedErrorEvent).error.message}`);
  });
  void device.lost.then((info) => {
    if (info.reason !== 'destroyed') console.error(`atomgym: GPU device lost (${info.reason}): ${info.message}`);
  });
  return { device, adapter, report };
}

let shared: Promise<Gpu> | undefined;

/** The process-wide device. `adopt` lets a device created elsewhere (e.g. onnxruntime-web's) become it. */
export function sharedGpu(): Promise<Gpu> {
  shared ??= acquireGpu();
  return shared;
}

export function adoptDevice(device: GPUDevice, adapter: GPUAdapter): Gpu {
  const gpu = { device, adapter, report: describeAdapter(adapter) };
  shared = Promise.resolve(gpu);
  return gpu;
}
