// One sandboxed run on a pristine QuickJS realm (a template rewound to its snapshot afterwards): nothing
// survives into the next run. The whole
// run is synchronous (async tests are driven by pumping QuickJS's job queue and virtual timers), bounded by
// a wall-clock deadline checked both by the interrupt handler and by every host-side loop.
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core';
import { buildResult, OutputBuffer, testFilesOf, type Outcome } from '../result.ts';
import { RUNNER_FILE } from '../runner/source.ts';
import {
  CANARY_PREFIX,
  type FileMap,
  type LimitKind,
  type RunCommand,
  type RunLimits,
  type RunResult,
  type TestResult,
  type TestStatus,
} from '../types.ts';
import { classify, cjsWrapper, esmSourceFor, oversizeMessage, resolveModule } from './modules.ts';
import { wasmHeapBytes, type ControlMethod, type QuickJsTemplate, type RunHooks } from './template.ts';

export const BACKEND = 'quickjs';
const now = (): number => performance.now();

const MISSING_PREFIX = '\u0001missing:';

type StopReason = LimitKind;

export class QuickJsRun {
  private rt!: QuickJSRuntime;
  private ctx!: QuickJSContext;
  private bound = false;
  /** True when the run ended through an exception on the host side (the result still stands). */
  faulted = false;
  private control!: QuickJSHandle;
  private readonly methods = new Map<ControlMethod, QuickJSHandle>();
  private stop: StopReason | null = null;
  private readonly output: OutputBuffer;
  /** Set when the runner is ready: the guest's budget covers loading its modules and running the tests. */
  private deadline = Infinity;
  private readonly tests: TestResult[] = [];
  private readonly loadErrors: string[] = [];
  private reported = new Set<number>();
  private testStart = 0;
  private readonly canaries = new Set<string>();

  private readonly heapLimit: number;

  constructor(
    private readonly qjs: QuickJSWASMModule,
    private readonly template: QuickJsTemplate,
    private readonly files: FileMap,
    private readonly command: RunCommand,
    private readonly limits: RunLimits,
    private readonly t0: number,
  ) {
    this.output = new OutputBuffer(limits.outputBytes);
    // Measured from the heap the template started with, never from the heap earlier runs left grown (wasm memory
    // never shrinks), so a run's memory limit is the same whatever ran before it.
    this.heapLimit = heapCapBytes(template.baseHeapBytes, limits.memoryBytes);
  }

  /**
   * QuickJS's own malloc limit counts only a fixed overhead per block in this wasm build (malloc_usable_size
   * is unavailable), so large buffers slip past it. Growth of the wasm heap during the run is the backstop.
   */
  private heapExceeded(): boolean {
    return wasmHeapBytes(this.qjs) > this.heapLimit;
  }

  /** Runs to completion. Throws only when the backend itself fails (the caller reports a crash). */
  execute(): RunResult {
    try {
      this.setUp();
      // Runtime creation and the runner's own setup run no guest code and are bounded; starting the clock
      // after them keeps a loaded machine from turning host overhead into a guest timeout.
      this.deadline = now() + this.limits.timeMs;
      this.runAll();
    } catch (e) {
      // A host-side exception mid-run may leave the engine in an unknown state: the sandbox replaces it.
      this.faulted = true;
      if (!this.stop && isOutOfMemory(e)) this.stop = 'memory';
      // Native recursion (JSON.parse / eval / RegExp of deeply nested input) can exhaust the host's own stack
      // before QuickJS's stack check fires: the guest's doing, reported as its stack failure, not a crash.
      if (!this.stop && isHostStackOverflow(e)) this.stop = 'stack';
      if (!this.stop) throw e;
    } finally {
      this.tearDown();
    }
    if (this.stop)
      for (let j = 0; j < this.names.length; j++)
        this.push(j, this.names[j], this.stopStatus(), `not run: ${this.stopText()}`, 0);
    const outcome: Outcome = {
      tests: this.tests,
      limitHit: this.stop,
      loadErrors: this.loadErrors,
      canaries: [...this.canaries],
    };
    return buildResult(BACKEND, outcome, this.output.text(), now() - this.t0, this.limits);
  }

  private setUp(): void {
    const hooks: RunHooks = {
      report: (i, status, message, flags) => this.onReport(i, status, message, flags),
      log: (text) => this.onLog(text),
      resolve: (from, spec) => this.onResolve(from, spec),
      compile: (path) => this.onCompile(path),
      interrupt: () => {
        if (this.stop) return true;
        if (this.heapExceeded()) this.stop = 'memory';
        else if (now() > this.deadline) this.stop = 'time';
        return this.stop !== null;
      },
      loadModule: (name) => this.loadModule(name),
      normalize: (base, requested) => this.normalize(base, requested),
    };
    if (!this.template.begin(hooks, this.limits.memoryBytes)) throw new Error('sandbox template is spent');
    this.bound = true;
    this.rt = this.template.rt;
    this.ctx = this.template.ctx;
    this.control = this.template.control;
    for (const [k, h] of this.template.methods) this.methods.set(k, h);
  }

  private loadModule(name: string): string | { error: Error } {
    if (name.startsWith(MISSING_PREFIX)) return { error: new Error(name.slice(MISSING_PREFIX.length)) };
    if (!name.startsWith('node:') && name !== 'vitest' && name !== '@jest/globals' && !Object.hasOwn(this.files, name))
      return { error: new Error(`Cannot find module '${name}'`) };
    if (name.endsWith('.ts'))
      return { error: new Error(`${name}: TypeScript is not supported by the QuickJS sandbox`) };
    const tooBig = Object.hasOwn(this.files, name) ? oversizeMessage(name, this.files[name]) : null;
    if (tooBig) return { error: new Error(tooBig) };
    return esmSourceFor(this.files, name);
  }

  private normalize(base: string, requested: string): string {
    if (this.noteCanary(requested)) return `${MISSING_PREFIX}Cannot find module '${requested.slice(0, 200)}'`;
    try {
      const resolved = resolveModule(this.files, base || null, requested);
      // The runner is a loaded module too: no guest import may ever resolve to its name.
      if (resolved === RUNNER_FILE) throw new Error(`Cannot find module '${requested}'`);
      return resolved;
    } catch (e) {
      // A failed normalization loses its message inside quickjs-emscripten; the loader reports it instead.
      return `${MISSING_PREFIX}${(e as Error).message}`;
    }
  }

  /** Records a canary specifier (host-side, out of the guest's reach); true when `spec` is one. */
  private noteCanary(spec: string): boolean {
    if (!spec.startsWith(CANARY_PREFIX)) return false;
    if (this.canaries.size < 64) this.canaries.add(spec.slice(0, 200));
    return true;
  }

  /** Runs queued jobs (promise reactions, dynamic imports) left after a test, as Node does after each task. */
  private drainJobs(): void {
    while (!this.stop && this.rt.hasPendingJob()) if (!this.pump()) break;
  }

  private runAll(): void {
    const files = testFilesOf(this.files, this.command);
    for (const f of files) this.callVoid('allow', this.ctx.newString(f));
    for (const f of files) {
      if (this.stop) break;
      this.loadFile(f);
    }
    this.drainJobs();
    if (this.stop || this.command.kind === 'script') return;
    const listing = this.callString('prepare') ?? '';
    const names = (this.names = listing
      ? listing.split('\u0001').map((s) => s.split('\u0002') as [string, string])
      : []);
    for (let i = 0; i < names.length; i++) {
      if (this.stop) {
        for (let j = i; j < names.length; j++)
          this.push(j, names[j], this.stopStatus(), `not run: ${this.stopText()}`, 0);
        break;
      }
      this.runTest(i, names[i]);
    }
  }

  private loadFile(file: string): void {
    const { ctx } = this;
    if (!Object.hasOwn(this.files, file)) {
      this.loadErrors.push(`${file}: file not found`);
      return;
    }
    const tooBig = oversizeMessage(file, this.files[file]);
    if (tooBig) {
      this.loadErrors.push(tooBig);
      this.tests.push({ file, name: '(load)', status: 'error', message: tooBig, durationMs: 0 });
      return;
    }
    this.callVoid('beginFile', ctx.newString(file));
    const info = classify(file, this.files[file]);
    const result =
      info.kind === 'esm'
        ? ctx.evalCode(this.files[file], file, { type: 'module', strict: true })
        : ctx.callFunction(this.method('requireEntry'), this.control, ctx.newString(file));
    let ok = false;
    if (result.error) {
      this.noteLoadError(file, result.error);
      result.error.dispose();
    } else {
      const value = result.value;
      const settled = this.settle(value);
      if (settled === 'rejected') {
        const state = ctx.getPromiseState(value);
        if (state.type === 'rejected') {
          this.noteLoadError(file, state.error);
          state.error.dispose();
        }
      } else if (settled === 'pending') {
        this.loadErrors.push(`${file}: top-level await never settled`);
      } else ok = true;
      value.dispose();
    }
    if (!this.stop && now() > this.deadline) this.stop = 'time';
    if (!this.stop) this.callVoid('endFile', ok ? ctx.true : ctx.false);
  }

  /** Pumps jobs and virtual timers until `value` (if a promise) settles or the run must stop. */
  private settle(value: QuickJSHandle): 'fulfilled' | 'rejected' | 'pending' {
    for (;;) {
      const state = this.ctx.getPromiseState(value);
      if (state.type === 'fulfilled') {
        if (!state.notAPromise) state.value.dispose();
        return 'fulfilled';
      }
      if (state.type === 'rejected') {
        state.error.dispose();
        return 'rejected';
      }
      if (!this.pump()) return 'pending';
    }
  }

  /** One step of progress: run pending jobs, or fire the next timer. False when nothing can progress. */
  private pump(): boolean {
    if (this.stop || now() > this.deadline) {
      this.stop ??= 'time';
      return false;
    }
    if (this.rt.hasPendingJob()) {
      const r = this.rt.executePendingJobs();
      if (r.error) {
        // A job died uncatchably (interrupt, out of memory); `stop` says which when it was us.
        if (!this.stop && isOutOfMemory(this.errorMessage(r.error))) this.stop = 'memory';
        r.error.dispose();
      }
      return !this.stop;
    }
    return this.callNumber('tick') === 1 && !this.stop;
  }

  private runTest(i: number, [file, name]: [string, string]): void {
    this.testStart = now();
    this.runTestSteps(i, [file, name]);
    this.drainJobs();
    // A long built-in call (no interrupt polls inside it) can finish past a limit: judge it afterwards too.
    if (!this.stop && this.heapExceeded()) this.stop = 'memory';
    else if (!this.stop && now() > this.deadline) this.stop = 'time';
    if (this.stop) {
      const t = this.tests.find((r) => r.file === file && r.name === name && r.status === 'passed');
      if (t) Object.assign(t, { status: this.stopStatus(), message: this.stopText() });
    }
  }

  private runTestSteps(i: number, [file, name]: [string, string]): void {
    const r = this.ctx.callFunction(this.method('run'), this.control, this.ctx.newNumber(i));
    if (r.error) {
      const why = this.stop ?? (isOutOfMemory(this.errorMessage(r.error)) ? 'memory' : null);
      r.error.dispose();
      if (why) this.stop = why;
      if (!this.reported.has(i))
        this.push(
          i,
          [file, name],
          this.stopStatus(),
          this.stop ? this.stopText() : 'the test runner failed',
          now() - this.testStart,
        );
      return;
    }
    r.value.dispose();
    while (!this.reported.has(i)) {
      if (!this.pump()) {
        const message = this.stop
          ? this.stopText()
          : 'the test never finished: it waits on a promise that nothing will settle';
        this.push(i, [file, name], this.stop ? this.stopStatus() : 'timeout', message, now() - this.testStart);
        return;
      }
    }
  }

  private onReport(iH: QuickJSHandle, statusH: QuickJSHandle, messageH: QuickJSHandle, flagsH: QuickJSHandle): void {
    const { ctx } = this;
    const i = ctx.getNumber(iH);
    const status = ctx.getString(statusH) as TestStatus;
    const flags = ctx.getString(flagsH);
    if (flags === 'memory') this.stop ??= 'memory';
    this.push(i, null, status, ctx.getString(messageH), now() - this.testStart);
  }

  private push(
    i: number,
    name: [string, string] | null,
    status: TestStatus,
    message: string,
    durationMs: number,
  ): void {
    if (this.reported.has(i)) return;
    this.reported.add(i);
    const [file, testName] = name ?? this.names[i] ?? ['?', `test #${i}`];
    this.tests.push({ file, name: testName, status, ...(message ? { message } : {}), durationMs });
  }
  private names: Array<[string, string]> = [];

  private onLog(textH: QuickJSHandle): void {
    if (this.ctx.typeof(textH) !== 'string') return;
    if (!this.output.append(`${this.ctx.getString(textH)}\n`)) this.stop ??= 'output';
  }

  private onResolve(fromH: QuickJSHandle, specH: QuickJSHandle): QuickJSHandle | { error: QuickJSHandle } {
    const { ctx } = this;
    const from = ctx.typeof(fromH) === 'string' ? ctx.getString(fromH) : null;
    const spec = ctx.getString(specH);
    if (this.noteCanary(spec)) return { error: ctx.newError(`Cannot find module '${spec.slice(0, 200)}'`) };
    try {
      return ctx.newString(resolveModule(this.files, from, spec));
    } catch (e) {
      return { error: ctx.newError((e as Error).message) };
    }
  }

  private onCompile(pathH: QuickJSHandle): QuickJSHandle | { error: QuickJSHandle } {
    const { ctx } = this;
    const path = ctx.getString(pathH);
    const source = this.files[path];
    if (source === undefined) return { error: ctx.newError(`Cannot find module '${path}'`) };
    const tooBig = oversizeMessage(path, source);
    if (tooBig) return { error: ctx.newError(tooBig) };
    const info = classify(path, source);
    if (info.kind === 'json') return ctx.newString(source);
    if (info.kind === 'esm')
      return { error: ctx.newError(`require() of ES module ${path} is not supported: use import`) };
    const r = ctx.evalCode(cjsWrapper(source), path);
    return r.error ? { error: r.error } : r.value;
  }

  /** Handles passed to control methods that the caller still owns (not disposed by callRaw). */
  private readonly borrowed = new Set<QuickJSHandle>();

  private noteLoadError(file: string, errorH: QuickJSHandle): void {
    this.borrowed.add(errorH);
    const text = this.stop ? null : this.callString('describeError', errorH);
    this.borrowed.delete(errorH);
    const [message, flags] = (text ?? 'the module failed to load').split('\u0001');
    if (flags === 'memory') this.stop ??= 'memory';
    if (this.stop) return;
    this.loadErrors.push(`${file}: ${message}`);
    this.tests.push({ file, name: '(load)', status: 'error', message, durationMs: 0 });
  }

  private stopStatus(): TestStatus {
    return this.stop === 'time' ? 'timeout' : 'error';
  }
  private stopText(): string {
    const l = this.limits;
    if (this.stop === 'stack') return 'stack overflow in native recursion';
    return this.stop === 'time'
      ? `time limit of ${l.timeMs} ms exceeded`
      : this.stop === 'memory'
        ? `memory limit of ${l.memoryBytes} bytes exceeded`
        : `output limit of ${l.outputBytes} bytes exceeded`;
  }

  private method(name: ControlMethod): QuickJSHandle {
    const m = this.methods.get(name);
    if (!m) throw new Error(`sandbox runner has no ${name}()`);
    return m;
  }
  /** Calls a control method; args are disposed. Returns the result handle or null on a guest-side error. */
  private callRaw(name: ControlMethod, ...args: QuickJSHandle[]): QuickJSHandle | null {
    const r = this.ctx.callFunction(this.method(name), this.control, ...args);
    for (const a of args)
      if (a.alive && !this.borrowed.has(a) && a !== this.ctx.true && a !== this.ctx.false) a.dispose();
    if (r.error) {
      if (!this.stop && isOutOfMemory(this.errorMessage(r.error))) this.stop = 'memory';
      r.error.dispose();
      return null;
    }
    return r.value;
  }
  private callVoid(name: ControlMethod, ...args: QuickJSHandle[]): void {
    this.callRaw(name, ...args)?.dispose();
  }
  private callString(name: ControlMethod, ...args: QuickJSHandle[]): string | null {
    const h = this.callRaw(name, ...args);
    if (!h) return null;
    const s = this.ctx.typeof(h) === 'string' ? this.ctx.getString(h) : null;
    h.dispose();
    return s;
  }
  private callNumber(name: ControlMethod): number {
    const h = this.callRaw(name);
    if (!h) return 0;
    const n = this.ctx.typeof(h) === 'number' ? this.ctx.getNumber(h) : 0;
    h.dispose();
    return n;
  }
  /** The message of an engine error (interrupt, out of memory); '' when it cannot be read safely. */
  private errorMessage(h: QuickJSHandle): string {
    try {
      if (this.ctx.typeof(h) !== 'object') return '';
      const m = this.ctx.getProp(h, 'message');
      const s = this.ctx.typeof(m) === 'string' ? this.ctx.getString(m) : '';
      m.dispose();
      return s;
    } catch {
      return '';
    }
  }

  private tearDown(): void {
    // Handles this run created are disposed as it goes; rewinding the template discards everything else.
    if (this.bound) this.template.end();
  }
}

/** Slack over the memory limit for the runner itself and allocator fragmentation. */
const HEAP_SLACK_BYTES = 16 * 2 ** 20;

/** The wasm heap size a run may reach: the template's own heap plus the run's memory limit plus slack. */
export function heapCapBytes(baseHeapBytes: number, memoryBytes: number): number {
  return baseHeapBytes + memoryBytes + HEAP_SLACK_BYTES;
}

/**
 * The host engine's own stack overflow (V8: RangeError "Maximum call stack size exceeded"; Firefox: "too much
 * recursion").
 */
function isHostStackOverflow(e: unknown): boolean {
  const m = e && typeof e === 'object' && 'message' in e ? (e as { message: unknown }).message : '';
  return typeof m === 'string' && /maximum call stack size|too much recursion/i.test(m);
}

function isOutOfMemory(e: unknown): boolean {
  const m = e && typeof e === 'object' && 'message' in e ? (e as { message: unknown }).message : e;
  return typeof m === 'string' && /out of memory/i.test(m);
}
