// The Node WebGPU device for unit tests: src/gpu/node.ts (Dawn + the machine's Vulkan driver, SwiftShader
// when it has none), or undefined when no adapter exists so a test can report why.
import { nodeGpu as acquireNodeGpu, type NodeGpuOptions } from '../../src/gpu/node.ts';
import type { Gpu } from '../../src/gpu/device.ts';

/** The last failure's explanation (what to install), for a test's assertion message. */
export let nodeGpuFailure = '';

export async function nodeGpu(options: NodeGpuOptions = {}): Promise<Gpu | undefined> {
  try {
    return await acquireNodeGpu(options);
  } catch (e) {
    nodeGpuFailure = e instanceof Error ? e.message : String(e);
    return undefined;
  }
}
