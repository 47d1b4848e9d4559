// The 16-byte gradient statistics block shared by gradnorm.wgsl, nonfinite.wgsl and adamw.wgsl.
import { readBytes, refBuffer, refOffset, type TensorRef } from '../../gpu/index.ts';

/** Byte layout: f32 Σg² at 0, u32 non-finite flag at 4, f32 ‖g‖ at 8, f32 clip scale at 12. */
export const GRAD_STATS_BYTES = 16;
export const GRAD_STATS_FLAG_OFFSET = 4;

export interface GradStatsValues {
  sumSquares: number;
  nonFinite: boolean;
  norm: number;
  clipScale: number;
}

export function decodeGradStats(bytes: ArrayBuffer): GradStatsValues {
  const view = new DataView(bytes);
  return {
    sumSquares: view.getFloat32(0, true),
    nonFinite: view.getUint32(4, true) !== 0,
    norm: view.getFloat32(8, true),
    clipScale: view.getFloat32(12, true),
  };
}

/** One small read-back (the only CPU round trip of an optimizer step, and only when the caller wants the numbers). */
export async function readGradStats(device: GPUDevice, stats: TensorRef): Promise<GradStatsValues> {
  return decodeGradStats(await readBytes(device, refBuffer(stats), GRAD_STATS_BYTES, refOffset(stats)));
}
