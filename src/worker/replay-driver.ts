// REPLAY: re-emits the steps of a saved StepRecord log at a steady pace, with pause / resume / stop and resume from
// a checkpoint, so a finished run can be inspected, charted and explained in the page. It trains nothing, and
// describe() says so. Options are recorded with the run; only max_steps applies (it caps the replay).
import type { GrpoOptions, StepRecord } from '../rl/types.ts';
import type { DriverState, RunDriver, RunStatus } from './driver.ts';

export class ReplayDriver implements RunDriver {
  readonly kind = 'replay';
  private state: RunStatus = 'idle';
  private cursor = 0;
  private wake: (() => void) | undefined;

  constructor(
    private readonly records: readonly StepRecord[],
    private readonly source: string,
    /** Pause between steps, so the page can be watched (and tested) while it "runs". */
    private readonly stepMs = 400,
  ) {}

  describe(): string {
    return `replay of ${this.source} (${this.records.length} recorded steps) — re-emits saved steps, trains nothing`;
  }

  status(): RunStatus {
    return this.state;
  }

  async start(options: GrpoOptions, onStep: (r: StepRecord) => unknown, from?: DriverState): Promise<RunStatus> {
    const last = from?.step ?? 0;
    this.cursor = this.records.findIndex((r) => r.metrics.step > last);
    if (this.cursor < 0) this.cursor = this.records.length;
    const end = this.records.findLastIndex((r) => r.metrics.step <= options.max_steps) + 1;
    this.state = 'running';
    while (this.cursor < end) {
      await this.sleep(this.stepMs);
      // pause() and stop() change the state while this loop awaits; read it through a method so TS does not narrow.
      while (this.status() === 'paused') await new Promise<void>((r) => (this.wake = r));
      if (this.status() === 'stopped') return 'stopped';
      await onStep(this.records[this.cursor++]);
    }
    this.state = 'done';
    return this.state;
  }

  pause(): void {
    if (this.state === 'running') this.state = 'paused';
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'running';
    this.wake?.();
  }

  stop(): void {
    if (this.state !== 'running' && this.state !== 'paused') return;
    this.state = 'stopped';
    this.wake?.();
  }

  async snapshot(): Promise<DriverState> {
    const step = this.cursor > 0 ? this.records[this.cursor - 1].metrics.step : 0;
    return { step, state: { source: this.source, cursor: this.cursor } };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
  }
}
