// A compiled compute kernel whose bindings are declared once (src/gpu/bindings.ts) and checked against its
// WGSL at load time. Bind groups are built by binding name, every size, offset and aliasing rule checked
// before anything reaches the GPU, so a wrong buffer is an exception naming the kernel and the binding.
import { bindingMismatches, type BindingDecls } from './bindings.ts';
import { GpuKernelError } from './errors.ts';
import { shaderSource } from './shaders.ts';

export interface KernelOptions<B extends BindingDecls = BindingDecls> {
  /** shaders/<file>.wgsl */
  file: string;
  entryPoint: string;
  /** The entry point's bindings in @binding order, with their access (see bindings.ts). */
  bindings: B;
  /** Values for WGSL `override` constants (tile sizes, workgroup sizes, flags). */
  constants?: Record<string, number>;
  /** Text put before the file's source (e.g. `enable f16;` or alias definitions); part of the cache key. */
  prelude?: string;
}

/** A tensor in a GPU buffer, optionally at a byte offset (packed buffers): see TensorRef's rules in dispatch.ts. */
export type TensorRef = GPUBuffer | { buffer: GPUBuffer; offset?: number };

/** One bound resource: where it is, how many bytes the shapes say the kernel touches, and a label for errors. */
export type Bound = readonly [ref: TensorRef, bytes: number, label?: string];

/** A value for every declared binding, by name. */
export type BoundSet<B extends BindingDecls> = { readonly [K in keyof B]: Bound };

export function refBuffer(t: TensorRef): GPUBuffer {
  return 'buffer' in t ? t.buffer : t;
}

export function refOffset(t: TensorRef): number {
  return 'buffer' in t ? (t.offset ?? 0) : 0;
}

const pipelineCache = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();
const checked = new Set<string>();

export class Kernel<B extends BindingDecls = BindingDecls> {
  private constructor(
    readonly device: GPUDevice,
    readonly name: string,
    readonly bindings: B,
    readonly pipeline: GPUComputePipeline,
  ) {}

  /**
   * Checks the binding declaration against the WGSL (GpuKernelError 'binding' naming both sides), then
   * compiles (or reuses) the pipeline; compilation errors throw a GpuKernelError with the WGSL messages.
   */
  static async create<B extends BindingDecls>(device: GPUDevice, options: KernelOptions<B>): Promise<Kernel<B>> {
    const name = `${options.file}:${options.entryPoint}`;
    const code = (options.prelude ? `${options.prelude}\n` : '') + shaderSource(options.file);
    const checkKey = JSON.stringify([options.file, options.entryPoint, options.prelude ?? '', options.bindings]);
    if (!checked.has(checkKey)) {
      const problems = bindingMismatches(code, options.entryPoint, options.bindings);
      if (problems.length) {
        throw new GpuKernelError(name, 'binding', `TypeScript and WGSL disagree:\n  ${problems.join('\n  ')}`);
      }
      checked.add(checkKey);
    }
    const key = JSON.stringify([options.file, options.entryPoint, options.constants ?? {}, options.prelude ?? '']);
    let cache = pipelineCache.get(device);
    if (!cache) pipelineCache.set(device, (cache = new Map()));
    let pending = cache.get(key);
    if (!pending) {
      pending = compile(device, name, code, options);
      cache.set(key, pending);
      pending.catch(() => cache.delete(key));
    }
    return new Kernel(device, name, options.bindings, await pending);
  }

  /**
   * Builds a bind group (a planned step builds its bind groups once and reuses them) after checking every
   * binding: all declared ones given and no others, sizes, offset alignment, and that a buffer the kernel
   * writes is not also bound read-only (WebGPU would drop the dispatch with an asynchronous error).
   */
  bindGroup(bound: BoundSet<B>): GPUBindGroup {
    const names = Object.keys(this.bindings);
    for (const key of Object.keys(bound)) {
      if (!names.includes(key)) this.fail(`binding '${key}' is not declared (declared: ${names.join(', ')})`);
    }
    const limits = this.device.limits;
    const resolved = names.map((name, i) => {
      const b = (bound as Record<string, Bound | undefined>)[name];
      const what = `binding ${i} '${name}'${b?.[2] ? ` (${b[2]})` : ''}`;
      if (!b) return this.fail(`${what} is not bound`);
      const [ref, bytes] = b;
      const buffer = refBuffer(ref);
      const offset = refOffset(ref);
      if (!Number.isFinite(bytes) || bytes < 0) this.fail(`${what} has an invalid size ${bytes}`);
      const uniform = this.bindings[name] === 'uniform';
      // GPUBufferUsage.UNIFORM / STORAGE as numbers (the globals may not be installed yet in Node).
      if (!(buffer.usage & (uniform ? 0x40 : 0x80))) {
        const kind = uniform ? 'uniform' : 'storage';
        this.fail(`${what} is declared ${kind} but buffer '${buffer.label}' lacks that usage`);
      }
      const align = uniform ? limits.minUniformBufferOffsetAlignment : limits.minStorageBufferOffsetAlignment;
      const alignName = uniform ? 'minUniformBufferOffsetAlignment' : 'minStorageBufferOffsetAlignment';
      if (offset % align !== 0) this.fail(`${what} offset ${offset} is not a multiple of ${align} (${alignName})`);
      if (offset + bytes > buffer.size) {
        this.fail(`${what} needs ${bytes} bytes at offset ${offset} but buffer '${buffer.label}' has ${buffer.size}`);
      }
      return { name, buffer, offset, bytes, writes: this.bindings[name] === 'write' };
    });
    for (const w of resolved.filter((r) => r.writes)) {
      // Several written bindings may share a buffer (WebGPU allows writable storage alongside itself).
      const other = resolved.find((r) => r.buffer === w.buffer && !r.writes);
      if (other) {
        const shared = `its buffer '${w.buffer.label}' is also bound as '${other.name}'`;
        this.fail(`binding '${w.name}' is written but ${shared} (use separate buffers)`);
      }
    }
    const entries: GPUBindGroupEntry[] = resolved.map((r, i) => {
      const size = Math.max(4, Math.ceil(r.bytes / 4) * 4);
      const resource = { buffer: r.buffer, offset: r.offset, size: Math.min(size, r.buffer.size - r.offset) };
      return { binding: i, resource };
    });
    return this.device.createBindGroup({ label: this.name, layout: this.pipeline.getBindGroupLayout(0), entries });
  }

  dispatchWith(encoder: GPUCommandEncoder, group: GPUBindGroup, workgroups: readonly [number, number?, number?]): void {
    const [x, y = 1, z = 1] = workgroups;
    const max = this.device.limits.maxComputeWorkgroupsPerDimension;
    for (const n of [x, y, z]) {
      if (!Number.isInteger(n) || n < 0 || n > max) this.fail(`workgroup count ${n} outside 0..${max}`);
    }
    if (x === 0 || y === 0 || z === 0) return;
    const pass = encoder.beginComputePass({ label: this.name });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(x, y, z);
    pass.end();
  }

  private fail(message: string): never {
    throw new GpuKernelError(this.name, 'binding', message);
  }
}

async function compile(
  device: GPUDevice,
  name: string,
  code: string,
  options: KernelOptions,
): Promise<GPUComputePipeline> {
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label: name, code });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length > 0) {
    await device.popErrorScope();
    const text = errors.map((m) => `line ${m.lineNum}:${m.linePos}: ${m.message}`).join('\n');
    throw new GpuKernelError(name, 'validation', `WGSL did not compile:\n${text}`);
  }
  const compute = { module, entryPoint: options.entryPoint, constants: options.constants };
  const pipeline = await device
    .createComputePipelineAsync({ label: name, layout: 'auto', compute })
    .catch((e: unknown) => {
      throw new GpuKernelError(name, 'validation', e instanceof Error ? e.message : String(e));
    });
  const err = await device.popErrorScope();
  if (err) throw new GpuKernelError(name, 'validation', err.message);
  return pipeline;
}

export const ceilDiv = (a: number, b: number): number => Math.ceil(a / b);
