// Where a run keeps what resuming needs: a checkpoint (weights + optimizer, HF layout) with the loop's own state
// (step, counters, data cursor, options) beside it, and the JSONL log. The Node implementation is
// run-store-node.ts; a page can implement the same interface over OPFS.
import type { Checkpoint } from '../model/checkpoint.ts';

export const STATE_FILE = 'state.json';

export interface SavedRun<S> {
  state: S;
  checkpoint: Checkpoint;
}

export interface RunStore<S> {
  readonly description: string;
  /** The last complete snapshot, or undefined for a fresh run. */
  load(): Promise<SavedRun<S> | undefined>;
  /** Writes a snapshot atomically: a crash leaves the previous one intact and never a half-written one. */
  save(snapshot: SavedRun<S>): Promise<void>;
  appendLog(record: object): Promise<void>;
  /** Keeps the first `lines` log lines (those the snapshot being resumed had written) and drops the rest. */
  truncateLog(lines: number): Promise<void>;
  readLog(): Promise<Record<string, unknown>[]>;
}
