// A compiled compute kernel plus a dispatch helper that checks every binding against the shape-derived
// size before anything reaches the GPU, so a wrong buffer is an exception naming kernel and binding.
import { GpuKernelError } from './errors.ts';
import { shaderSource } from './shaders.ts';

export interface KernelOptions {
  /** shaders/<file>.wgsl */
  file: string;
  entryPoint: string;
  /** Values for WGSL `override` constants (tile sizes, workgroup sizes, flags). */
  constants?: Record<string, number>;
  /** Text put before the file's source (e.g. `enable f16;` or alias definitions); part of the cache key. */
  prelude?: string;
}

/** One bound resource: the buffer and how many bytes the shapes say it must hold. */
export interface Binding {
  name: string;
  buffer: GPUBuffer;
  /** Bytes the kernel will touch for the given shapes; dispatch throws when the buffer is smaller. */
  bytes: number;
  /** Byte offset into the buffer (for packed parameter buffers). */
  offset?: number;
}

const pipelineCache = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();

export class Kernel {
  private constructor(
    readonly device: GPUDevice,
    readonly name: string,
    readonly pipeline: GPUComputePipeline,
  ) {}

  /** Compiles (or reuses) the pipeline; compilation errors throw a GpuKernelError with the WGSL messages. */
  static async create(device: GPUDevice, options: KernelOptions): Promise<Kernel> {
    const name = `${options.file}:${options.entryPoint}`;
    const key = JSON.stringify([options.file, options.entryPoint, options.constants ?? {}, options.prelude ?? '']);
    let cache = pipelineCache.get(device);
    if (!cache) pipelineCache.set(device, (cache = new Map()));
    let pending = cache.get(key);
    if (!pending) {
      pending = compile(device, name, options);
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    return new Kernel(device, name, await pending);
  }

  /** Encodes one dispatch. Checks sizes first; never leaves a half-encoded pass behind on error. */
  dispatch(encoder: GPUCommandEncoder, bindings: readonly Binding[], workgroups: readonly [number, number?, number?]): void {
    const bindGroup = this.bindGroup(bindings);
    this.dispatchWith(encoder, bindGroup, workgroups);
  }

  /** Builds a bind group after checking sizes; a planned step builds its bind groups once and reuses them. */
  bindGroup(bindings: readonly Binding[]): GPUBindGroup {
    const entries: GPUBindGroupEntry[] = bindings.map((b, i) => {
      const offset = b.offset ?? 0;
      if (!Number.isFinite(b.bytes) || b.bytes < 0) {
        throw new GpuKernelError(this.name, 'binding', `binding ${i} '${b.name}' has an invalid size ${b.bytes}`);
      }
      if (offset + b.bytes > b.buffer.size) {
        throw new GpuKernelError(
          this.name,
          'binding',
          `binding ${i} '${b.name}' needs ${b.bytes} bytes at offset ${offset} but buffer '${b.buffer.label}' has ${b.buffer.size}`,
        );
      }
      const size = Math.max(4, Math.ceil(b.bytes / 4) * 4);
      return { binding: i, resource: { buffer: b.buffer, offset, size: Math.min(size, b.buffer.size - offset) } };
    });
    return this.device.createBindGroup({ label: this.name, layout: this.pipeline.getBindGroupLayout(0), entries });
  }

  dispatchWith(encoder: GPUCommandEncoder, bindGroup: GPUBindGroup, workgroups: readonly [number, number?, number?]): void {
    const [x, y = 1, z = 1] = workgroups;
    const max = this.device.limits.maxComputeWorkgroupsPerDimension;
    for (const n of [x, y, z]) {
      if (!Number.isInteger(n) || n < 0 || n > max) {
        throw new GpuKernelError(this.name, 'binding', `workgroup count ${n} outside 0..${max}`);
      }
    }
    if (x === 0 || y === 0 || z === 0) return;
    const pass = encoder.beginComputePass({ label: this.name });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(x, y, z);
    pass.end();
  }
}

async function compile(device: GPUDevice, name: string, options: KernelOptions): Promise<GPUComputePipeline> {
  const code = (options.prelude ? `${options.prelude}\n` : '') + shaderSource(options.file);
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label: name, code });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length > 0) {
    await device.popErrorScope();
    const text = errors.map((m) => `line ${m.lineNum}:${m.linePos}: ${m.message}`).join('\n');
    throw new GpuKernelError(name, 'validation', `WGSL did not compile:\n${text}`);
  }
  const pipeline = await device
    .createComputePipelineAsync({ label: name, layout: 'auto', compute: { module, entryPoint: options.entryPoint, constants: options.constants } })
    .catch((e: unknown) => {
      throw new GpuKernelError(name, 'validation', e instanceof Error ? e.message : String(e));
    });
  const err = await device.popErrorScope();
  if (err) throw new GpuKernelError(name, 'validation', err.message);
  return pipeline;
}

export const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);
