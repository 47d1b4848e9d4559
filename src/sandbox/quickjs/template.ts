// A QuickJS runtime + context with the runner already evaluated and the realm hardened, snapshotted at the
// wasm-memory level. Each run starts from a byte-for-byte copy of that pristine state and the state is put
// back afterwards, so nothing a guest did survives into the next run, and the runner (compiled once) costs a
// memory copy per run instead of a compile. QuickJS keeps all of its state in wasm linear memory; the host
// functions, module loader and interrupt handler are installed before the snapshot and dispatch to the run
// bound at the moment, so the JS side never holds a pointer into memory allocated after the snapshot.
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core';
import { HOST_GLOBAL, RUNNER_FILE, runnerSource } from '../runner/source.ts';

const RUNNER_SRC = runnerSource({ withRequire: true, runnerMark: RUNNER_FILE, form: 'module' });
/** Guest JS stack cap; well inside the wasm module's own C stack so deep recursion is a RangeError, not a crash. */
export const MAX_STACK_BYTES = 192 * 1024;

export type ControlMethod =
  | 'allow'
  | 'beginFile'
  | 'endFile'
  | 'prepare'
  | 'run'
  | 'tick'
  | 'requireEntry'
  | 'describeError';
const METHODS: readonly ControlMethod[] = [
  'allow',
  'beginFile',
  'endFile',
  'prepare',
  'run',
  'tick',
  'requireEntry',
  'describeError',
];

type LoadResult = string | { error: Error };
/** What the run currently bound to the template answers for. */
export interface RunHooks {
  report(i: QuickJSHandle, status: QuickJSHandle, message: QuickJSHandle, flags: QuickJSHandle): void;
  log(text: QuickJSHandle): void;
  resolve(from: QuickJSHandle, spec: QuickJSHandle): QuickJSHandle | { error: QuickJSHandle };
  compile(path: QuickJSHandle): QuickJSHandle | { error: QuickJSHandle };
  interrupt(): boolean;
  loadModule(name: string): LoadResult;
  normalize(base: string, requested: string): string;
}

function heapOf(qjs: QuickJSWASMModule): Uint8Array | undefined {
  // quickjs-emscripten keeps the Emscripten module (with its HEAPU8 view) on a field the types don't expose.
  return (qjs as unknown as { module?: { HEAPU8?: Uint8Array } }).module?.HEAPU8;
}
export function wasmHeapBytes(qjs: QuickJSWASMModule): number {
  return heapOf(qjs)?.length ?? 0;
}

export class QuickJsTemplate {
  readonly methods = new Map<ControlMethod, QuickJSHandle>();
  control!: QuickJSHandle;
  private hooks: RunHooks | null = null;
  private saved: Snapshot | null = null;
  /** Whether runs can be rewound to the snapshot; false where the heap cannot be reached (then: one use). */
  readonly reusable: boolean;
  /** The wasm heap right after the runner was built: every run's memory limit is measured from here. */
  baseHeapBytes = 0;
  private used = false;

  private constructor(
    private readonly qjs: QuickJSWASMModule,
    readonly rt: QuickJSRuntime,
    readonly ctx: QuickJSContext,
  ) {
    this.reusable = heapOf(qjs) !== undefined;
  }

  static create(qjs: QuickJSWASMModule): QuickJsTemplate {
    const rt = qjs.newRuntime();
    const ctx = rt.newContext();
    const t = new QuickJsTemplate(qjs, rt, ctx);
    t.build();
    return t;
  }

  private bound(): RunHooks {
    if (!this.hooks) throw new Error('sandbox template used outside a run');
    return this.hooks;
  }

  private build(): void {
    const { rt, ctx } = this;
    rt.setMaxStackSize(MAX_STACK_BYTES);
    rt.setInterruptHandler(() => (this.hooks ? this.hooks.interrupt() : false));
    rt.setModuleLoader(
      (name) => (this.hooks ? this.hooks.loadModule(name) : { error: new Error('no run in progress') }),
      (base, requested) =>
        this.hooks ? this.hooks.normalize(base, requested) : { error: new Error('no run in progress') },
    );
    const fns = [
      ctx.newFunction('hostReport', (i, status, message, flags) => this.bound().report(i, status, message, flags)),
      ctx.newFunction('hostLog', (_level, text) => this.bound().log(text)),
      ctx.newFunction('hostResolve', (from, spec) => this.bound().resolve(from, spec)),
      ctx.newFunction('hostCompile', (path) => this.bound().compile(path)),
    ];
    // The runner module picks its host functions up from a one-shot global and deletes it before guests run.
    const host = ctx.newObject();
    (['report', 'log', 'resolve', 'compile'] as const).forEach((k, i) => ctx.setProp(host, k, fns[i]));
    ctx.setProp(host, 'harden', ctx.true);
    ctx.setProp(ctx.global, HOST_GLOBAL, host);
    host.dispose();
    for (const f of fns) f.dispose();
    const r = ctx.evalCode(RUNNER_SRC, RUNNER_FILE, { type: 'module' });
    if (r.error) {
      const detail = JSON.stringify(ctx.dump(r.error));
      r.error.dispose();
      throw new Error(`sandbox runner failed to load: ${detail}`);
    }
    const ns = r.value;
    const state = ctx.getPromiseState(ns);
    if (state.type !== 'fulfilled') throw new Error('sandbox runner module did not evaluate synchronously');
    if (!state.notAPromise) state.value.dispose();
    this.control = ctx.getProp(ns, 'default');
    ns.dispose();
    for (const m of METHODS) this.methods.set(m, ctx.getProp(this.control, m));
    // Handles quickjs-emscripten creates lazily must exist before the snapshot, or they would dangle after it.
    void [ctx.global, ctx.undefined, ctx.null, ctx.true, ctx.false];
    if (this.reusable) this.saved = snapshotOf(heapOf(this.qjs) as Uint8Array);
    this.baseHeapBytes = wasmHeapBytes(this.qjs);
  }

  /** Binds a run; false when this template cannot be used again (the caller builds a new one). */
  begin(hooks: RunHooks, memoryLimitBytes: number): boolean {
    if (this.used && !this.reusable) return false;
    this.used = true;
    this.hooks = hooks;
    this.rt.setMemoryLimit(memoryLimitBytes);
    return true;
  }

  /** Unbinds the run and rewinds QuickJS to the snapshot. */
  end(): void {
    this.hooks = null;
    const heap = heapOf(this.qjs);
    if (this.saved && heap) restore(heap, this.saved);
  }

  dispose(): void {
    this.hooks = null;
    for (const h of this.methods.values()) h.dispose();
    this.control?.dispose();
    this.ctx.dispose();
    this.rt.dispose();
  }
}

/** The bytes a rewind copies back: the heap up to its last non-zero byte (plus a margin), minus the C stack. */
interface Snapshot {
  bytes: Uint8Array;
  /** [skipFrom, skipTo): the largest all-zero stretch (the idle C stack, several MiB) is not copied back. */
  skipFrom: number;
  skipTo: number;
}

/**
 * Memory above the last non-zero byte is free to the allocator (it clears chunks it hands out), so it need not
 * be restored. The C stack is dead whenever no call is in progress, which is when a rewind happens.
 */
function snapshotOf(heap: Uint8Array): Snapshot {
  const words = new Uint32Array(heap.buffer, heap.byteOffset, heap.byteLength >>> 2);
  let last = words.length - 1;
  while (last > 0 && words[last] === 0) last--;
  const end = Math.min(heap.length, (last + 1) * 4 + 256 * 1024);
  let bestFrom = 0,
    bestLen = 0,
    runFrom = -1;
  for (let i = 0; i < end >>> 2; i++) {
    if (words[i] === 0) {
      if (runFrom < 0) runFrom = i;
    } else if (runFrom >= 0) {
      if (i - runFrom > bestLen) [bestFrom, bestLen] = [runFrom, i - runFrom];
      runFrom = -1;
    }
  }
  const skip = bestLen * 4 >= 2 ** 20;
  return {
    bytes: heap.slice(0, end),
    skipFrom: skip ? bestFrom * 4 : end,
    skipTo: skip ? (bestFrom + bestLen) * 4 : end,
  };
}

function restore(heap: Uint8Array, snap: Snapshot): void {
  heap.set(snap.bytes.subarray(0, snap.skipFrom), 0);
  heap.set(snap.bytes.subarray(snap.skipTo), snap.skipTo);
}
