// WebGPU in plain Node (scripts run with tsx, the CLI, the unit tests): Dawn through the `webgpu` package.
// Node-only — it reads the file system and loads a native addon — so only Node code paths import it
// (src/gpu/index.ts does not re-export it and nothing under src/ that a page loads imports it).
// Owns three facts about Dawn for Node: which Vulkan driver it finds (SwiftShader's ICD when the machine
// has no other), that it needs the Vulkan loader (Debian package libvulkan1), and that its GPU instance
// must stay referenced while a device lives (when it is garbage-collected the process aborts later).
import { existsSync, readdirSync } from 'node:fs';
import { acquireGpu, type Gpu } from './device.ts';

/** Chromium's SwiftShader Vulkan driver (Debian package `chromium`): a CPU adapter, correct but slow. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

const SYSTEM_ICD_DIRS = ['/etc/vulkan/icd.d', '/usr/share/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];
const LOADER_DIRS = [
  '/usr/lib/x86_64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/lib/x86_64-linux-gnu',
  '/lib/aarch64-linux-gnu',
  '/usr/lib64',
  '/usr/lib',
  '/lib64',
  '/lib',
];

export interface NodeGpuOptions {
  /**
   * 'vulkan' (default): a real adapter — the machine's GPU driver, or SwiftShader when there is none.
   * 'null': Dawn's null backend — compiles and validates WGSL, pipelines and bind groups in milliseconds
   * but executes nothing (for compile checks without Vulkan).
   */
  backend?: 'vulkan' | 'null';
}

export class NodeGpuError extends Error {
  override name = 'NodeGpuError';
}

/** Where the Vulkan loader is, or undefined (Linux only; elsewhere Dawn uses the platform's own API). */
export function findVulkanLoader(): string | undefined {
  const dirs = [...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean), ...LOADER_DIRS];
  return dirs.map((d) => `${d}/libvulkan.so.1`).find((p) => existsSync(p));
}

/** A Vulkan driver manifest installed system-wide (GPU vendors', Mesa's), if any. */
function systemIcd(): string | undefined {
  for (const dir of SYSTEM_ICD_DIRS) {
    if (!existsSync(dir)) continue;
    const json = readdirSync(dir).find((f) => f.endsWith('.json'));
    if (json) return `${dir}/${json}`;
  }
  return undefined;
}

/**
 * Points Vulkan at SwiftShader when nothing else is configured (VK_ICD_FILENAMES unset and no system
 * driver manifest), so a machine without a GPU still gets an adapter. Returns the manifest in use, if known.
 */
export function chooseVulkanDriver(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.VK_ICD_FILENAMES) return env.VK_ICD_FILENAMES;
  const system = systemIcd();
  if (system) return system;
  if (existsSync(SWIFTSHADER_ICD)) {
    env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    return SWIFTSHADER_ICD;
  }
  return undefined;
}

/** What the machine has, as explainNoAdapter reads it (a parameter so tests can describe other machines). */
export interface VulkanFacts {
  platform: string;
  loader: string | undefined;
  /** A driver manifest: VK_ICD_FILENAMES, a system one, or SwiftShader's. */
  driver: string | undefined;
}

export function vulkanFacts(): VulkanFacts {
  const swiftshader = existsSync(SWIFTSHADER_ICD) ? SWIFTSHADER_ICD : undefined;
  const driver = process.env.VK_ICD_FILENAMES || systemIcd() || swiftshader;
  return { platform: process.platform, loader: findVulkanLoader(), driver };
}

/** Why Dawn found no adapter, as instructions a person can follow. */
export function explainNoAdapter(cause: string, facts: VulkanFacts = vulkanFacts()): string {
  const lines = [`No WebGPU adapter in Node (Dawn via the 'webgpu' package): ${cause}.`];
  if (facts.platform === 'linux') {
    if (!facts.loader) {
      lines.push(
        'The Vulkan loader libvulkan.so.1 is missing: install the Debian/Ubuntu package libvulkan1 ' +
          '(apt-get install -y libvulkan1).',
      );
    }
    if (!facts.driver) {
      lines.push(
        `No Vulkan driver: install a GPU driver, or Debian's chromium package (it ships SwiftShader at ` +
          `${SWIFTSHADER_ICD}), or set VK_ICD_FILENAMES to a driver manifest.`,
      );
    }
  }
  return lines.join(' ');
}

// Instances (and devices) by backend, held for the life of the process: see the file comment.
const held = new Map<string, { instance: GPU; gpu: Promise<Gpu> }>();

/**
 * The process-wide Node device for `backend` (one per backend; repeated calls share it). Installs the
 * WebGPU globals (GPUBufferUsage, …) the rest of src/gpu uses. Throws a NodeGpuError that says what to
 * install when no adapter can be had. Dawn keeps the event loop alive: scripts end with process.exit().
 */
export async function nodeGpu(options: NodeGpuOptions = {}): Promise<Gpu> {
  if (typeof process === 'undefined' || !process.versions?.node) {
    throw new NodeGpuError('nodeGpu() runs in Node only; pages use acquireGpu()');
  }
  const backend = options.backend ?? 'vulkan';
  let entry = held.get(backend);
  if (!entry) {
    if (backend === 'vulkan') chooseVulkanDriver();
    const webgpu = await import('webgpu');
    Object.assign(globalThis, webgpu.globals);
    const instance = webgpu.create(backend === 'null' ? ['backend=null'] : []);
    const gpu = acquireGpu(instance).catch((e: unknown) => {
      held.delete(backend);
      throw new NodeGpuError(explainNoAdapter(e instanceof Error ? e.message : String(e)));
    });
    entry = { instance, gpu };
    held.set(backend, entry);
  }
  return entry.gpu;
}
