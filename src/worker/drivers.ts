// Which RunDriver a run uses: GRPO (./grpo-driver.ts: the learning loop of src/rl in this worker) or REPLAY
// (./replay-driver.ts: a saved StepRecord log re-emitted, for inspecting a finished run).
import type { RunDriver } from './driver.ts';
import { GrpoDriver, type PolicyOrigin } from './grpo-driver.ts';
import { ReplayDriver } from './replay-driver.ts';
import { parseStepLog } from '../api/step-log.ts';

export type DriverSource =
  | { kind: 'replay'; name: string; text: string; stepMs?: number }
  | {
      kind: 'grpo';
      /** The base policy; absent when a stored run resumes from its own checkpoint (a local folder's run). */
      policy?: PolicyOrigin;
      /** Train tasks generated per kind and level. */
      poolPerKind?: number;
      sandboxes?: number;
    };

export function createDriver(source: DriverSource, onNote?: (note: string) => void): RunDriver {
  if (source.kind === 'replay') {
    return new ReplayDriver(parseStepLog(source.text, source.name), source.name, source.stepMs);
  }
  return new GrpoDriver({
    policy: source.policy,
    poolPerKind: source.poolPerKind,
    sandboxes: source.sandboxes,
    onNote,
  });
}
