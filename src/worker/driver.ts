// The seam between the page and whatever produces training steps. The page only ever talks to a RunDriver (inside
// the run worker, ./run-worker.ts): the GRPO loop (./grpo-driver.ts, around src/rl) and the REPLAY driver
// (./replay-driver.ts: steps from a saved StepRecord log, for inspecting a finished run) both implement it.
import type { GrpoOptions, StepRecord } from '../rl/types.ts';

export type RunStatus = 'idle' | 'running' | 'paused' | 'stopped' | 'done' | 'failed';

/** What a driver needs to continue exactly where it left off; JSON-able, stored in OPFS checkpoints. */
export interface DriverState {
  /** Last step completed. */
  step: number;
  /** Driver-specific (the GRPO loop: RNG, data cursor; its weights go in `blobs`). */
  state: unknown;
  blobs?: Record<string, Uint8Array>;
}

export interface RunDriver {
  /** 'grpo' trains; 'replay' re-emits a saved log and says so. */
  readonly kind: 'grpo' | 'replay';
  /** A line the page shows next to the controls (what is running, on which backend). */
  describe(): string;
  /**
   * Starts from scratch, or from a checkpoint when `from` is given. Resolves when the run ends or is stopped.
   * The driver awaits what `onStep` returns before the next step, so a snapshot taken there sees a state between
   * steps.
   */
  start(options: GrpoOptions, onStep: (record: StepRecord) => unknown, from?: DriverState): Promise<RunStatus>;
  pause(): void;
  resume(): void;
  stop(): void;
  status(): RunStatus;
  /** A snapshot between steps, for checkpoints. */
  snapshot(): Promise<DriverState>;
}
