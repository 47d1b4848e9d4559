// A pool of N reward workers (worker_threads), each with its own sandbox. Jobs wait in one FIFO queue and go to
// the first idle worker, so a batch of 256 completions is scored N at a time. A watchdog per job terminates a
// worker that overruns (a guest stuck inside one long built-in call is not interruptible from inside) and starts a
// fresh one; a worker that dies fails only its own job. score() never rejects: every job ends in a RewardResult.
import { Worker } from 'node:worker_threads';
import type { RewardResult, TaskBase } from '../tasks/types.ts';
import type { WorkerMessage } from './protocol.ts';

export interface PoolOptions {
  workers: number;
  /** Wall-clock budget for one reward (all its sandbox runs); past it the worker is terminated. */
  jobTimeoutMs?: number;
  /** Heap cap for each worker thread's own V8 heap (the guest's QuickJS heap is capped by the sandbox). */
  workerHeapMb?: number;
  /** How long a worker may take to start before it is replaced. */
  startupTimeoutMs?: number;
  /** The worker's entry module (tests point it at a worker that fails to start). */
  entry?: URL;
}

/** Consecutive workers that die before they are ready, after which waiting jobs fail instead of waiting. */
export const MAX_START_FAILURES = 3;

export const DEFAULT_JOB_TIMEOUT_MS = 20_000;

interface Job {
  id: number;
  task: TaskBase;
  answer: string;
  resolve(r: RewardResult): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface PoolStats {
  workers: number;
  ready: number;
  busy: number;
  queued: number;
  /** Workers terminated by the watchdog or lost to a crash, since start. */
  restarts: number;
}

const zero = (status: string, detail: string): RewardResult => ({ reward: 0, partial: 0, status, detail });

export class RewardPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private closed = false;
  restarts = 0;
  readonly jobTimeoutMs: number;
  private readonly heapMb: number;
  private readonly startupMs: number;
  private readonly entry: URL;
  private startFailures = 0;
  private lastStartError = '';
  private readonly respawns = new Set<ReturnType<typeof setTimeout>>();

  constructor(opts: PoolOptions) {
    if (!Number.isInteger(opts.workers) || opts.workers < 1)
      throw new RangeError(`workers must be a positive integer, got ${opts.workers}`);
    this.jobTimeoutMs = opts.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    this.heapMb = opts.workerHeapMb ?? 256;
    this.startupMs = opts.startupTimeoutMs ?? 60_000;
    this.entry = opts.entry ?? new URL('./reward-worker.mjs', import.meta.url);
    for (let i = 0; i < opts.workers; i++) this.slots.push(this.spawn());
  }

  /** Resolves when every worker has loaded its sandbox (for benches and tests that time only the scoring). */
  async ready(): Promise<void> {
    const t0 = Date.now();
    while (this.slots.some((s) => !s.ready)) {
      if (Date.now() - t0 > this.startupMs) throw new Error(`reward workers did not start within ${this.startupMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  score(task: TaskBase, answer: string): Promise<RewardResult> {
    if (this.closed) return Promise.resolve(zero('shutting-down', 'the reward service is shutting down'));
    if (this.startFailures >= MAX_START_FAILURES && !this.slots.some((s) => s.ready)) {
      return Promise.resolve(zero('crash', `reward workers keep failing to start: ${this.lastStartError}`));
    }
    return new Promise((resolve) => {
      this.queue.push({ id: ++this.nextId, task, answer, resolve });
      this.dispatch();
    });
  }

  stats(): PoolStats {
    return {
      workers: this.slots.length,
      ready: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
      restarts: this.restarts,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.respawns) clearTimeout(t);
    for (const job of this.queue.splice(0)) job.resolve(zero('shutting-down', 'the reward service is shutting down'));
    for (const s of this.slots) this.finish(s, zero('shutting-down', 'the reward service is shutting down'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(this.entry, {
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    const slot: Slot = { worker, ready: false, job: null, timer: null };
    const startup = setTimeout(() => {
      if (!slot.ready) this.replace(slot, 'the reward worker did not start in time');
    }, this.startupMs);
    worker.on('message', (m: WorkerMessage) => {
      if ('ready' in m) {
        clearTimeout(startup);
        slot.ready = true;
        this.startFailures = 0;
        this.dispatch();
        return;
      }
      if (!slot.job || slot.job.id !== m.id) return; // a late answer for a job the watchdog already ended
      this.finish(slot, 'result' in m ? m.result : zero('reward-error', m.error));
      this.dispatch();
    });
    worker.on('error', (e: Error) => {
      clearTimeout(startup);
      this.replace(slot, `the reward worker failed: ${e.message}`);
    });
    worker.on('exit', () => {
      clearTimeout(startup);
      if (this.slots.includes(slot) && !this.closed) this.replace(slot, 'the reward worker exited');
    });
    return slot;
  }

  /** Ends the slot's job (if any) with `result`. */
  private finish(slot: Slot, result: RewardResult): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const job = slot.job;
    slot.job = null;
    job?.resolve(result);
  }

  /** Terminates a slot's worker, fails its job with a 'crash' or 'timeout' status, and starts a fresh worker. */
  private replace(slot: Slot, why: string, status = 'crash'): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.restarts++;
    this.finish(slot, zero(status, why));
    this.slots.splice(i, 1);
    void slot.worker.terminate();
    if (this.closed) return;
    if (slot.ready) {
      this.slots.push(this.spawn());
      this.dispatch();
      return;
    }
    // It died before it was ready (a broken install, an out-of-memory start): back off instead of a hot respawn
    // loop, and after a few in a row fail the waiting jobs rather than let their requests hang.
    this.startFailures++;
    this.lastStartError = why;
    if (this.startFailures >= MAX_START_FAILURES) {
      for (const job of this.queue.splice(0))
        job.resolve(zero('crash', `reward workers keep failing to start: ${why}`));
    }
    const t = setTimeout(
      () => {
        this.respawns.delete(t);
        if (this.closed) return;
        this.slots.push(this.spawn());
        this.dispatch();
      },
      Math.min(30_000, 100 * 2 ** this.startFailures),
    );
    this.respawns.add(t);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(
        () =>
          this.replace(
            slot,
            `the reward took longer than ${this.jobTimeoutMs} ms; its worker was terminated`,
            'timeout',
          ),
        this.jobTimeoutMs,
      );
      slot.worker.postMessage({ id: job.id, task: job.task, answer: job.answer });
    }
  }
}
