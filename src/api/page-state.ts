// The page's public face: what it exposes on window.atomgym for whoever drives it from outside (the CLI through
// Playwright, browser tests, curious users in devtools). Types only. The page (src/app) fills it in and the CLI
// (src/cli) reads it; both import it from here so neither imports the other.
import type { AdapterReport } from '../gpu/device.ts';
import type { GpuCheckResult } from '../gpu/check.ts';

/** The training run as the page shows it. */
export interface RunPageState {
  /** idle → running ⇄ paused → stopped | done | failed; 'restored' after a reload found a checkpoint in OPFS. */
  status: 'idle' | 'running' | 'paused' | 'stopped' | 'done' | 'failed' | 'restored';
  /** Last step shown (0 before the first). */
  step: number;
  /** Steps in the charts. */
  steps: number;
  /** What produces the steps (the replay says it trains nothing). */
  driver?: string;
  error?: string;
}

export interface AtomgymPageState {
  /** loading → ready | no-webgpu; ready → checking → checked | check-failed */
  status: 'loading' | 'ready' | 'no-webgpu' | 'checking' | 'checked' | 'check-failed';
  adapter?: AdapterReport;
  /** Set when WebGPU is missing or the check threw: what happened and what to do. */
  error?: string;
  check?: GpuCheckResult;
  /** Starts the check (same as clicking the button); resolves when it is done. */
  runCheck?: () => Promise<GpuCheckResult | undefined>;
  run?: RunPageState;
  /** Durations (ms) of main-thread long tasks (PerformanceObserver 'longtask') with their start times. */
  longTasks?: Array<{ start: number; duration: number }>;
}

declare global {
  interface Window {
    atomgym: AtomgymPageState;
  }
}
