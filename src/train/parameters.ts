// The model's tensors on the GPU: for every HF-named weight its parameter, gradient and AdamW moments
// (m, v), each in its own buffer so a weight can be handed to onnxruntime-web as-is (fromGpuBuffer).
import { expectedTensors } from '../model/checkpoint.ts';
import type { LlamaConfig } from '../model/config.ts';
import type { BufferArena } from './arena.ts';

export interface TrainTensor {
  name: string;
  shape: number[];
  /** Elements. */
  size: number;
  param: GPUBuffer;
  grad: GPUBuffer;
  m: GPUBuffer;
  v: GPUBuffer;
  /** AdamW weight decay applies to 2-D weights only (not the RMSNorm gains). */
  decay: boolean;
}

export class ParameterSet {
  readonly tensors: TrainTensor[];
  private readonly byName = new Map<string, TrainTensor>();

  constructor(
    readonly config: LlamaConfig,
    arena: BufferArena,
  ) {
    this.tensors = expectedTensors(config).map((spec) => {
      const size = spec.shape.reduce((a, b) => a * b, 1);
      const make = (what: string, kind: 'parameters' | 'gradients' | 'optimizer') =>
        arena.create(`${spec.name}:${what}`, size * 4, kind);
      const t: TrainTensor = {
        name: spec.name,
        shape: spec.shape,
        size,
        param: make('param', 'parameters'),
        grad: make('grad', 'gradients'),
        m: make('m', 'optimizer'),
        v: make('v', 'optimizer'),
        decay: spec.shape.length >= 2,
      };
      this.byName.set(spec.name, t);
      return t;
    });
  }

  get(name: string): TrainTensor {
    const t = this.byName.get(name);
    if (!t) throw new RangeError(`Trainer: no tensor '${name}' in this model`);
    return t;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get count(): number {
    return this.tensors.reduce((s, t) => s + t.size, 0);
  }
}

/** Float32 copy of any numeric array (Float64 reference params, Float32 checkpoint weights). */
export function toFloat32(data: ArrayLike<number>): Float32Array {
  return data instanceof Float32Array ? data : Float32Array.from(data);
}
