// The QuickJS backend: the default sandbox in Node and in the browser.
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import { buildResult, checkInput } from '../result.ts';
import {
  DEFAULT_LIMITS,
  type FileMap,
  type RunCommand,
  type RunLimits,
  type RunResult,
  type Sandbox,
} from '../types.ts';
import { BACKEND, heapCapBytes, QuickJsRun } from './run.ts';
import { QuickJsTemplate, wasmHeapBytes } from './template.ts';
import { loadQuickJsModule } from './wasm.ts';

interface Engine {
  qjs: QuickJSWASMModule;
  template: QuickJsTemplate;
}
async function newEngine(module: Promise<QuickJSWASMModule>): Promise<Engine> {
  const qjs = await module;
  return { qjs, template: QuickJsTemplate.create(qjs) };
}

/** Heap size past which the wasm instance is replaced after a run, returning the memory to the host. */
const RECYCLE_HEAP_BYTES = 96 * 2 ** 20;

export class QuickJsSandbox implements Sandbox {
  readonly name = BACKEND;
  private engine: Promise<Engine> | null;

  constructor(module: Promise<QuickJSWASMModule>) {
    this.engine = newEngine(module);
  }

  async run(files: FileMap, command: RunCommand, limits?: Partial<RunLimits>): Promise<RunResult> {
    const t0 = performance.now();
    const lim: RunLimits = { ...DEFAULT_LIMITS, ...limits };
    const bad = checkInput(files, command) ?? checkLimits(lim);
    if (bad)
      return buildResult(
        BACKEND,
        { tests: [], limitHit: null, loadErrors: [`bad run input: ${bad}`] },
        '',
        performance.now() - t0,
        lim,
      );
    this.engine ??= newEngine(loadQuickJsModule());
    let engine = await this.engine;
    // A heap that earlier runs grew past this run's cap would cut this run short: start it on a fresh engine.
    if (wasmHeapBytes(engine.qjs) > heapCapBytes(engine.template.baseHeapBytes, lim.memoryBytes)) {
      this.engine = newEngine(loadQuickJsModule());
      engine = await this.engine;
    }
    try {
      // Without access to the wasm heap a template cannot be rewound: each run then gets a fresh one.
      if (!engine.template.reusable) {
        engine.template.dispose();
        engine.template = QuickJsTemplate.create(engine.qjs);
      }
      const run = new QuickJsRun(engine.qjs, engine.template, files, command, lim, t0);
      const result = run.execute();
      // A run that grew the heap leaves it grown (wasm memory never shrinks), and a run that ended in a
      // host-side exception may have left the engine inconsistent: either way, start over with a fresh one.
      if (run.faulted || wasmHeapBytes(engine.qjs) > RECYCLE_HEAP_BYTES) this.engine = null;
      return result;
    } catch (e) {
      // The engine itself failed (e.g. a wasm abort): drop this instance so the next run gets a fresh one.
      this.engine = null;
      const message = `QuickJS backend failed: ${e instanceof Error ? e.message : String(e)}`;
      return buildResult(
        BACKEND,
        { tests: [], limitHit: null, loadErrors: [], crash: message },
        '',
        performance.now() - t0,
        lim,
      );
    }
  }

  dispose(): void {
    this.engine = null;
  }
}

function checkLimits(l: RunLimits): string | null {
  for (const key of ['timeMs', 'memoryBytes', 'outputBytes'] as const) {
    if (typeof l[key] !== 'number' || !Number.isFinite(l[key]) || l[key] <= 0)
      return `limits.${key} must be a positive number, got ${String(l[key])}`;
  }
  return null;
}

/** A ready sandbox; one warm-up run lets the wasm engine compile its hot paths before limits matter. */
export async function createQuickJsSandbox(): Promise<Sandbox> {
  const sandbox = new QuickJsSandbox(loadQuickJsModule());
  await sandbox.run(
    { 'warmup.test.js': "it('warms up', () => { expect([1]).toEqual([1]); });" },
    { kind: 'tests' },
    { timeMs: 60_000 },
  );
  return sandbox;
}
