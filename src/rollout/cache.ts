// Copying a prompt's KV cache to its G samples: [B,nKV,P,hd] → [B·G,nKV,P,hd], rows b·G+g = row b. With a capacity
// the copies are static caches [B·G,nKV,capacity,hd]: each (row, head) block's P columns first, zeros after
// (masked out until a step writes them).
import type * as OrtNs from 'onnxruntime-web';
import type { KvCache, PolicySession } from './policy.ts';

export async function replicateCache(
  policy: PolicySession,
  cache: KvCache,
  G: number,
  capacity?: number,
): Promise<KvCache> {
  const { ort } = policy;
  if (cache.capacity !== undefined) throw new Error('replicateCache: the source must be a growing (prefill) cache');
  if (capacity !== undefined && capacity < cache.length)
    throw new Error(`replicateCache: capacity ${capacity} < the ${cache.length} columns to copy`);
  const tensors: OrtNs.Tensor[] = [];
  for (const t of cache.tensors) {
    const [B, nKV, P, hd] = t.dims;
    const C = capacity ?? P;
    const block = P * hd; // one (row, head): P columns of hd, contiguous in both layouts
    const dims = [B * G, nKV, C, hd];
    // Element offsets of block (row b, head h) in the source and of (row r, head h) in the copy.
    const from = (b: number, h: number) => (b * nKV + h) * block;
    const to = (r: number, h: number) => (r * nKV + h) * C * hd;
    if (t.location === 'gpu-buffer') {
      const device = (await ort.env.webgpu.device) as GPUDevice;
      const src = t.gpuBuffer as GPUBuffer;
      const dst = device.createBuffer({
        size: Math.max(4, B * G * nKV * C * hd * 4),
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
      }); // WebGPU buffers start zeroed
      const enc = device.createCommandEncoder();
      if (block > 0) {
        for (let b = 0; b < B; b++)
          for (let g = 0; g < G; g++) {
            if (C === P) enc.copyBufferToBuffer(src, from(b, 0) * 4, dst, to(b * G + g, 0) * 4, nKV * block * 4);
            else
              for (let h = 0; h < nKV; h++)
                enc.copyBufferToBuffer(src, from(b, h) * 4, dst, to(b * G + g, h) * 4, block * 4);
          }
      }
      device.queue.submit([enc.finish()]);
      tensors.push(ort.Tensor.fromGpuBuffer(dst, { dataType: 'float32', dims, dispose: () => dst.destroy() }));
    } else {
      const src = t.data as Float32Array;
      const dst = new Float32Array(B * G * nKV * C * hd);
      for (let b = 0; b < B; b++)
        for (let g = 0; g < G; g++)
          for (let h = 0; h < nKV; h++) dst.set(src.subarray(from(b, h), from(b, h) + block), to(b * G + g, h));
      tensors.push(new ort.Tensor('float32', dst, dims));
    }
  }
  return { tensors, length: cache.length, ...(capacity !== undefined ? { capacity } : {}) };
}

/** The cache of the batch rows `keep`, in that order: [B,nKV,C,hd] → [keep.length,nKV,C,hd] (a new cache). */
export async function selectCacheRows(
  policy: PolicySession,
  cache: KvCache,
  keep: readonly number[],
): Promise<KvCache> {
  const { ort } = policy;
  const tensors: OrtNs.Tensor[] = [];
  for (const t of cache.tensors) {
    const [B, nKV, C, hd] = t.dims;
    if (keep.some((r) => !(r >= 0 && r < B)))
      throw new RangeError(`selectCacheRows: a kept row is outside 0..${B - 1}`);
    const row = nKV * C * hd; // one batch row is contiguous
    const dims = [keep.length, nKV, C, hd];
    if (t.location === 'gpu-buffer') {
      const device = (await ort.env.webgpu.device) as GPUDevice;
      const src = t.gpuBuffer as GPUBuffer;
      const dst = device.createBuffer({
        size: Math.max(4, keep.length * row * 4),
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
      });
      const enc = device.createCommandEncoder();
      if (row > 0) keep.forEach((r, i) => enc.copyBufferToBuffer(src, r * row * 4, dst, i * row * 4, row * 4));
      device.queue.submit([enc.finish()]);
      tensors.push(ort.Tensor.fromGpuBuffer(dst, { dataType: 'float32', dims, dispose: () => dst.destroy() }));
    } else {
      const src = t.data as Float32Array;
      const dst = new Float32Array(keep.length * row);
      keep.forEach((r, i) => dst.set(src.subarray(r * row, (r + 1) * row), i * row));
      tensors.push(new ort.Tensor('float32', dst, dims));
    }
  }
  return { ...cache, tensors };
}
