// The page's public face: what it exposes on window.atomgym for whoever drives it from outside (the CLI through
// Playwright, browser tests, curious users in devtools). Types only. The page (src/app) fills it in and the CLI
// (src/cli) reads it; both import it from here so neither imports the other.
import type { AdapterReport } from '../gpu/device.ts';
import type { GpuCheckResult } from '../parity/gpu-check.ts';
import type { EvalReport } from '../eval/report.ts';
import type { StepMetrics } from '../rl/types.ts';
import type { Level, Split, TaskKind } from '../tasks/types.ts';

/** A mean with its 95% CI over n samples. */
export interface Estimate {
  mean: number;
  lo: number;
  hi: number;
  n: number;
}

/** One line of the before/after table. */
export interface BeforeAfterRow {
  kind: string;
  before: Estimate;
  after: Estimate;
}

/** One skill on held-out tasks: base and trained policy (Avg@k with 95% CIs), and the best trivial baseline. */
export interface HeldOutRow {
  kind: string;
  base: Estimate;
  trained: Estimate;
  baseline: { name: string; mean: number } | null;
}

/** How big a held-out evaluation is: test tasks per kind (default 10) and samples per task (default 2). */
export interface HeldOutRequest {
  perKind?: number;
  k?: number;
}

export interface HeldOutResult {
  /** Which tasks (split, level, count, seed) and how they were sampled. */
  tasks: string;
  k: number;
  temperature: number;
  rows: HeldOutRow[];
  seconds: number;
}

/**
 * Checkpoints evaluated in the page's run worker on the same tasks (`atomgym eval --page`, the Evaluation tab's
 * form): src/eval's Avg@k, greedy pass@1, bootstrap CIs and trivial baselines, one report per model.
 */
export interface CheckpointEvalRequest {
  /** URLs of Hugging Face model folders (config.json, model.safetensors, tokenizer.json), evaluated in order. */
  models: string[];
  /** The names the reports give the models (default: their URLs), e.g. the local folders a CLI served. */
  modelNames?: string[];
  /** URL of a task pack (JSONL); without it the procedural `split` is generated. */
  pack?: string;
  /** The pack's name in the report (default: its URL). */
  packName?: string;
  split?: Split;
  kinds: TaskKind[];
  /** Tasks per kind (generated: default 10; pack: at most n per kind). */
  n?: number;
  level?: Level;
  k: number;
  temperature: number;
  maxNewTokens: number;
  seed: number;
  /** Also run composite tasks through the atomic scaffold. */
  composed: boolean;
}

/** What a finished (or paused) run hands to whoever drives the page: the table and each chart as a PNG data URL. */
export interface RunResults {
  /** Reward on the run's own rollouts, first vs last quarter of its steps. */
  rows: BeforeAfterRow[];
  /** Base vs trained on held-out test-split tasks, once evaluated (the Evaluation tab's button). */
  heldOut?: HeldOutResult;
  charts: Array<{ name: string; url: string }>;
}

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
  /** The planned number of steps (max_steps) and the last step's metrics, for progress lines and ETAs. */
  maxSteps?: number;
  metrics?: StepMetrics;
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
  /** The run's before/after table and charts (call it; functions do not cross page.evaluate's return). */
  runResults?: () => RunResults;
  /** Evaluates base vs trained on held-out tasks (same as the Evaluation tab's button); resolves with the table. */
  evaluateHeldOut?: (o?: HeldOutRequest) => Promise<HeldOutResult>;
  /** Evaluates checkpoints on the same tasks in the run worker; resolves with one report per model. */
  evaluateCheckpoints?: (r: CheckpointEvalRequest) => Promise<EvalReport[]>;
  /** Durations (ms) of main-thread long tasks (PerformanceObserver 'longtask') with their start times. */
  longTasks?: Array<{ start: number; duration: number }>;
}

declare global {
  interface Window {
    atomgym: AtomgymPageState;
  }
}
