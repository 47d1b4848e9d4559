// What the page exposes on window.atomgym for Playwright (tests, `npm run demo`) and curious users.
import type { AdapterReport } from '../gpu/device.ts';
import type { GpuCheckResult } from './gpu-check.ts';

export interface AtomgymPageState {
  /** loading → ready | no-webgpu; ready → checking → checked | check-failed */
  status: 'loading' | 'ready' | 'no-webgpu' | 'checking' | 'checked' | 'check-failed';
  adapter?: AdapterReport;
  /** Set when WebGPU is missing or the check threw: what happened and what to do. */
  error?: string;
  check?: GpuCheckResult;
  /** Starts the check (same as clicking the button); resolves when it is done. */
  runCheck?: () => Promise<GpuCheckResult | undefined>;
}

declare global {
  interface Window {
    atomgym: AtomgymPageState;
  }
}

export const pageState: AtomgymPageState = { status: 'loading' };
window.atomgym = pageState;
