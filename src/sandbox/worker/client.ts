// A Sandbox whose QuickJS runs in a worker, with a watchdog: QuickJS's interrupt handler is polled only
// between bytecode instructions, so a guest stuck inside one long built-in call (a huge fill or repeat) can
// overrun its time limit. The watchdog terminates such a worker (and starts a fresh one) after timeMs plus a
// grace period, so a run never takes much longer than its limit and the caller's thread never blocks.
import { buildResult, checkInput } from '../result.ts';
import {
  DEFAULT_LIMITS,
  type FileMap,
  type RunCommand,
  type RunLimits,
  type RunResult,
  type Sandbox,
} from '../types.ts';
import type { WorkerPort, WorkerReply } from './protocol.ts';
import { SandboxPool } from '../pool.ts';

export const BACKEND = 'quickjs-worker';
/** Extra time the worker gets past the limit before it is killed: its own interrupt normally ends the run first. */
export const WATCHDOG_GRACE_MS = 1_000;
/** How long a new worker may take to load the sandbox before a run gives up on it. */
export const STARTUP_TIMEOUT_MS = 60_000;

interface Pending {
  resolve(r: RunResult): void;
  timer: ReturnType<typeof setTimeout>;
}

export interface WorkerSandboxOptions {
  /** Time past the limit before the watchdog terminates the worker (default WATCHDOG_GRACE_MS). */
  graceMs?: number;
  /** Keep a second worker started and idle, so a kill is followed by a warm worker (default true). */
  spare?: boolean;
}

interface Spawned {
  port: WorkerPort;
  ready: Promise<boolean>;
}

export class WorkerSandbox implements Sandbox {
  readonly name = BACKEND;
  private current: Spawned | null = null;
  /** A worker started ahead of need after a kill, so the next run does not wait for a cold start. */
  private spare: Spawned | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  /** Runs go one at a time through the worker; this chains them. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Workers killed by the watchdog so far (for reports). */
  restarts = 0;

  private readonly graceMs: number;
  private readonly keepSpare: boolean;

  constructor(
    private readonly spawn: () => WorkerPort,
    opts: WorkerSandboxOptions = {},
  ) {
    this.graceMs = opts.graceMs ?? WATCHDOG_GRACE_MS;
    this.keepSpare = opts.spare ?? true;
  }

  run(files: FileMap, command: RunCommand, limits?: Partial<RunLimits>): Promise<RunResult> {
    const lim: RunLimits = { ...DEFAULT_LIMITS, ...limits };
    const bad = checkInput(files, command);
    if (bad)
      return Promise.resolve(
        buildResult(BACKEND, { tests: [], limitHit: null, loadErrors: [`bad run input: ${bad}`] }, '', 0, lim),
      );
    const next = this.queue.then(() => this.runOne(files, command, lim));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runOne(files: FileMap, command: RunCommand, limits: RunLimits): Promise<RunResult> {
    const t0 = performance.now();
    const worker = this.ensureWorker();
    // The watchdog times the run, not the worker's start-up (module loading, wasm compile, warm-up run).
    let startTimer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<false>((r) => (startTimer = setTimeout(() => r(false), STARTUP_TIMEOUT_MS)));
    const ready = await Promise.race([worker.ready, timedOut]);
    clearTimeout(startTimer);
    if (!ready || this.current !== worker) {
      this.kill();
      return buildResult(
        BACKEND,
        {
          tests: [],
          limitHit: null,
          loadErrors: [],
          crash: `the sandbox worker did not start within ${STARTUP_TIMEOUT_MS} ms`,
        },
        '',
        performance.now() - t0,
        limits,
      );
    }
    const id = ++this.nextId;
    return new Promise<RunResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.kill();
        this.restarts++;
        const message = `the worker did not stop within ${limits.timeMs} ms + ${this.graceMs} ms grace and was terminated`;
        resolve(
          buildResult(
            BACKEND,
            { tests: [], limitHit: 'time', loadErrors: [message] },
            '',
            performance.now() - t0,
            limits,
          ),
        );
      }, limits.timeMs + this.graceMs);
      this.pending.set(id, { resolve, timer });
      worker.port.postMessage({ id, files, command, limits });
    });
  }

  private ensureWorker(): Spawned {
    if (this.current) return this.current;
    const worker = (this.current = this.spare ?? this.start());
    this.spare = null;
    // Once this worker is up, a spare starts in the background: a kill then costs a hand-over, not a cold start.
    if (this.keepSpare)
      void worker.ready.then((ok) => {
        if (ok && this.current === worker && !this.spare && !this.disposed) this.spare = this.start();
      });
    return worker;
  }

  private start(): Spawned {
    const port = this.spawn();
    let markReady: (ok: boolean) => void = () => undefined;
    const worker: Spawned = { port, ready: new Promise<boolean>((r) => (markReady = r)) };
    port.onMessage((reply: WorkerReply) => {
      if ('ready' in reply) return markReady(true);
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      clearTimeout(p.timer);
      p.resolve(
        'result' in reply
          ? reply.result
          : buildResult(
              BACKEND,
              { tests: [], limitHit: null, loadErrors: [], crash: reply.error },
              '',
              0,
              DEFAULT_LIMITS,
            ),
      );
    });
    port.onError((message) => {
      markReady(false);
      if (this.spare === worker) {
        this.spare = null;
        port.terminate();
        return;
      }
      if (this.current !== worker) return;
      // The worker itself died: fail what it was doing; the next run starts a fresh worker.
      this.kill();
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.resolve(
          buildResult(
            BACKEND,
            { tests: [], limitHit: null, loadErrors: [], crash: `sandbox worker failed: ${message}` },
            '',
            0,
            DEFAULT_LIMITS,
          ),
        );
        this.pending.delete(id);
      }
    });
    return worker;
  }

  /** Terminates the current worker and starts a spare, so the cost of a kill is not a cold start. */
  private kill(): void {
    if (!this.current) return;
    this.current.port.terminate();
    this.current = null;
    if (this.keepSpare && !this.disposed) this.spare ??= this.start();
  }

  private disposed = false;
  dispose(): void {
    this.disposed = true;
    this.current?.port.terminate();
    this.spare?.port.terminate();
    this.current = this.spare = null;
  }
}

/** Browser: the worker is a module worker bundled by Vite. */
export function createBrowserWorkerSandbox(opts: WorkerSandboxOptions = {}): WorkerSandbox {
  return new WorkerSandbox(() => {
    const w = new Worker(new URL('./entry.ts', import.meta.url), { type: 'module', name: 'atomgym-sandbox' });
    return {
      postMessage: (m) => w.postMessage(m),
      onMessage: (h) => w.addEventListener('message', (ev: MessageEvent<WorkerReply>) => h(ev.data)),
      onError: (h) => w.addEventListener('error', (ev: ErrorEvent) => h(ev.message || 'worker error')),
      terminate: () => w.terminate(),
    };
  }, opts);
}

/** The page's reward sandbox: `size` module workers behind one Sandbox, each run bounded by its watchdog. */
export function createBrowserWorkerPool(
  size = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)),
  opts: WorkerSandboxOptions = {},
): SandboxPool {
  return new SandboxPool(Array.from({ length: size }, () => createBrowserWorkerSandbox(opts)));
}
