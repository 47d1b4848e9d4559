// Copying a prompt's KV cache to its G samples: [B,nKV,P,hd] → [B·G,nKV,P,hd], rows b·G+g = row b.
import type * as OrtNs from 'onnxruntime-web';
import type { KvCache, PolicySession } from './policy.ts';

export async function replicateCache(policy: PolicySession, cache: KvCache, G: number): Promise<KvCache> {
  const { ort } = policy;
  const tensors: OrtNs.Tensor[] = [];
  for (const t of cache.tensors) {
    const [B, ...rest] = t.dims;
    const rowElems = rest.reduce((a, b) => a * b, 1);
    const dims = [B * G, ...rest];
    if (t.location === 'gpu-buffer') {
      const device = (await ort.env.webgpu.device) as GPUDevice;
      const src = t.gpuBuffer as GPUBuffer;
      const rowBytes = rowElems * 4;
      const dst = device.createBuffer({ size: Math.max(4, B * G * rowBytes), usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC });
      const enc = device.createCommandEncoder();
      if (rowBytes > 0) for (let b = 0; b < B; b++) for (let g = 0; g < G; g++) enc.copyBufferToBuffer(src, b * rowBytes, dst, (b * G + g) * rowBytes, rowBytes);
      device.queue.submit([enc.finish()]);
      tensors.push(ort.Tensor.fromGpuBuffer(dst, { dataType: 'float32', dims, dispose: () => dst.destroy() }));
    } else {
      const src = t.data as Float32Array;
      const dst = new Float32Array(B * G * rowElems);
      for (let b = 0; b < B; b++) for (let g = 0; g < G; g++) dst.set(src.subarray(b * rowElems, (b + 1) * rowElems), (b * G + g) * rowElems);
      tensors.push(new ort.Tensor('float32', dst, dims));
    }
  }
  return { tensors, length: cache.length };
}
