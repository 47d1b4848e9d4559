// Copying KV-cache rows into a new cache: a prompt's cache to its G samples ([B,nKV,P,hd] → [B·G,nKV,P,hd], rows
// b·G+g = row b; with a capacity the copies are static caches [B·G,nKV,capacity,hd], each (row, head) block's P
// columns first, zeros after, masked out until a step writes them), and the rows of the sequences still running.
import type * as OrtNs from 'onnxruntime-web';
import type { KvCache, PolicySession } from './policy.ts';

export async function replicateCache(
  policy: PolicySession,
  cache: KvCache,
  G: number,
  capacity?: number,
): Promise<KvCache> {
  if (cache.capacity !== undefined) throw new Error('replicateCache: the source must be a growing (prefill) cache');
  if (capacity !== undefined && capacity < cache.length)
    throw new Error(`replicateCache: capacity ${capacity} < the ${cache.length} columns to copy`);
  const B = cache.tensors[0]?.dims[0] ?? 0;
  const rows = Array.from({ length: B * G }, (_, r) => Math.floor(r / G));
  return {
    tensors: await copyRows(policy, cache, rows, capacity),
    length: cache.length,
    ...(capacity !== undefined ? { capacity } : {}),
  };
}

/** The cache of the batch rows `keep`, in that order: [B,nKV,C,hd] → [keep.length,nKV,C,hd] (a new cache). */
export async function selectCacheRows(
  policy: PolicySession,
  cache: KvCache,
  keep: readonly number[],
): Promise<KvCache> {
  const B = cache.tensors[0]?.dims[0] ?? 0;
  if (keep.some((r) => !(r >= 0 && r < B))) throw new RangeError(`selectCacheRows: a kept row is outside 0..${B - 1}`);
  return { ...cache, tensors: await copyRows(policy, cache, keep) };
}

/** Each tensor [B,nKV,P,hd] → [rows.length,nKV,C,hd] with row i = source row rows[i] (C = capacity ?? P). */
async function copyRows(
  policy: PolicySession,
  cache: KvCache,
  rows: readonly number[],
  capacity?: number,
): Promise<OrtNs.Tensor[]> {
  const { ort } = policy;
  const tensors: OrtNs.Tensor[] = [];
  for (const t of cache.tensors) {
    const [, nKV, P, hd] = t.dims;
    const C = capacity ?? P;
    const block = P * hd; // one (row, head): P columns of hd, contiguous in both layouts
    const dims = [rows.length, nKV, C, hd];
    // Element offsets of block (row b, head h) in the source and of (row r, head h) in the copy; with C = P a whole
    // row (all its heads) is one contiguous run in both.
    const from = (b: number, h: number) => (b * nKV + h) * block;
    const to = (r: number, h: number) => (r * nKV + h) * C * hd;
    const runs = C === P ? [{ h: 0, n: nKV * block }] : Array.from({ length: nKV }, (_, h) => ({ h, n: block }));
    if (t.location === 'gpu-buffer') {
      const device = (await ort.env.webgpu.device) as GPUDevice;
      const src = t.gpuBuffer as GPUBuffer;
      const dst = device.createBuffer({
        size: Math.max(4, rows.length * nKV * C * hd * 4),
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC,
      }); // WebGPU buffers start zeroed
      const enc = device.createCommandEncoder();
      if (block > 0)
        rows.forEach((b, r) => {
          for (const { h, n } of runs) enc.copyBufferToBuffer(src, from(b, h) * 4, dst, to(r, h) * 4, n * 4);
        });
      device.queue.submit([enc.finish()]);
      tensors.push(ort.Tensor.fromGpuBuffer(dst, { dataType: 'float32', dims, dispose: () => dst.destroy() }));
    } else {
      const src = t.data as Float32Array;
      const dst = new Float32Array(rows.length * nKV * C * hd);
      rows.forEach((b, r) => {
        for (const { h, n } of runs) dst.set(src.subarray(from(b, h), from(b, h) + n), to(r, h));
      });
      tensors.push(new ort.Tensor('float32', dst, dims));
    }
  }
  return tensors;
}
