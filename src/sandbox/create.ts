// createSandbox(): the backend a caller asked for, or QuickJS with the reason when that is not possible.
import { createQuickJsSandbox } from './quickjs/sandbox.ts';
import type { Sandbox } from './types.ts';
import { bootWebContainer, WebContainerSandbox } from './webcontainer/backend.ts';

export interface CreateSandboxOptions {
  prefer?: 'quickjs' | 'webcontainer';
  /** How long a WebContainer boot may take before falling back (offline it never finishes). */
  bootTimeoutMs?: number;
}

export type CreatedSandbox = Sandbox & {
  /** Set when `prefer` could not be honoured and QuickJS is used instead. */
  readonly fallbackReason?: string;
};

export const DEFAULT_BOOT_TIMEOUT_MS = 15_000;
let warned = false;

export async function createSandbox(opts: CreateSandboxOptions = {}): Promise<CreatedSandbox> {
  if (opts.prefer !== 'webcontainer') return createQuickJsSandbox();
  try {
    return new WebContainerSandbox(await bootWebContainer(opts.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS));
  } catch (e) {
    const fallbackReason = `WebContainer unavailable: ${e instanceof Error ? e.message : String(e)}`;
    if (!warned) {
      warned = true;
      console.warn(`[atomgym] ${fallbackReason}; using the QuickJS sandbox instead`);
    }
    const sb = await createQuickJsSandbox();
    return Object.assign(sb, { fallbackReason });
  }
}
