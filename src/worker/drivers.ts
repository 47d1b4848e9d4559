// Which RunDriver a run uses. REPLAY is here; the GRPO loop (src/rl) is being built on another branch: the lead
// wires it by adding a 'grpo' case that returns a RunDriver around it (see ./driver.ts for what it must do).
import type { RunDriver } from './driver.ts';
import { ReplayDriver } from './replay-driver.ts';
import { parseStepLog } from '../api/step-log.ts';

export type DriverSource = { kind: 'replay'; name: string; text: string; stepMs?: number } | { kind: 'grpo' };

export function createDriver(source: DriverSource): RunDriver {
  if (source.kind === 'replay') {
    return new ReplayDriver(parseStepLog(source.text, source.name), source.name, source.stepMs);
  }
  throw new Error('the GRPO driver is not wired into this build yet (src/rl lands separately); replay a saved run');
}
