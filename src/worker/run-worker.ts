// The run worker: owns the RunDriver and the run's OPFS store, so training (or a replay) and disk writes never run
// on the page's main thread. Exposed with comlink; the page gets a typed proxy from spawnRunWorker().
import { expose, proxy, wrap, type Remote } from 'comlink';
import type { GrpoOptions, StepRecord } from '../rl/types.ts';
import type { RunDriver, RunStatus } from './driver.ts';
import { createDriver, type DriverSource } from './drivers.ts';
import { RunStore, type Checkpoint, type RunMeta, type SaveOptions } from './run-store.ts';

export interface RunEvents {
  onStep(record: StepRecord): void;
  onStatus(status: RunStatus, note?: string): void;
}

/** What a reload finds in OPFS: the run's options and source, and its log up to the last complete checkpoint. */
export interface Restored {
  meta: RunMeta;
  step: number;
  log: StepRecord[];
}

let driver: RunDriver | undefined;
let store: RunStore | undefined;
let events: RunEvents | undefined;
let meta: RunMeta | undefined;
let running: Promise<RunStatus> | undefined;

const openStore = async () => (store ??= await RunStore.open());

async function drive(options: GrpoOptions, from?: Checkpoint): Promise<RunStatus> {
  const s = await openStore();
  let writes = Promise.resolve();
  const onStep = (record: StepRecord) => {
    events?.onStep(record);
    // Log, then checkpoint, in order; a step's checkpoint is written only once its log line is.
    writes = writes.then(async () => {
      await s.appendSteps([record]);
      await s.saveCheckpoint({ meta: meta!, driver: await driver!.snapshot(), savedAt: new Date().toISOString() });
    });
  };
  events?.onStatus('running', driver!.describe());
  const status = await driver!.start(options, onStep, from?.driver).catch((e: unknown) => {
    events?.onStatus('failed', e instanceof Error ? e.message : String(e));
    return 'failed' as const;
  });
  await writes;
  events?.onStatus(status, driver!.describe());
  return status;
}

export const runWorkerApi = {
  subscribe(e: RunEvents): void {
    events = e;
  },
  /** Starts a new run (the old one in OPFS is replaced). */
  async start(source: DriverSource, options: GrpoOptions): Promise<string> {
    driver?.stop();
    await running;
    driver = createDriver(source);
    const name = source.kind === 'replay' ? source.name : 'grpo';
    meta = { options, source: { kind: source.kind, name }, startedAt: new Date().toISOString() };
    await (await openStore()).reset(meta, source.kind === 'replay' ? source.text : undefined);
    running = drive(options);
    return driver.describe();
  },
  pause: (): void => driver?.pause(),
  resume: (): void => driver?.resume(),
  stop: (): void => driver?.stop(),
  status: (): RunStatus => driver?.status() ?? 'idle',
  /** Reads the last run from OPFS (nothing is started). */
  async restore(): Promise<Restored | undefined> {
    const s = await openStore();
    const ckpt = await s.latestCheckpoint();
    if (!ckpt) return undefined;
    return { meta: ckpt.meta, step: ckpt.driver.step, log: await s.readLog(ckpt.driver.step) };
  },
  /** Continues the stored run from its last complete checkpoint. */
  async continueStored(stepMs?: number): Promise<string> {
    const s = await openStore();
    const ckpt = await s.latestCheckpoint();
    if (!ckpt) throw new Error('no checkpoint in OPFS to resume from');
    meta = ckpt.meta;
    const text = ckpt.meta.source.kind === 'replay' ? await s.readText('source.jsonl') : undefined;
    const replay = ckpt.meta.source.kind === 'replay';
    if (replay && text === undefined) throw new Error('the replayed log is missing from OPFS');
    const name = ckpt.meta.source.name;
    driver = createDriver(text === undefined ? { kind: 'grpo' } : { kind: 'replay', name, text, stepMs });
    await s.truncateLog(ckpt.driver.step);
    running = drive(ckpt.meta.options, ckpt);
    return driver.describe();
  },
  /** Writes a checkpoint of the current state now (with `extraBytes` of blob, e.g. weights); returns its file name. */
  async checkpointNow(extraBytes = 0, opts: SaveOptions = {}): Promise<string> {
    if (!driver || !meta) throw new Error('no run to checkpoint');
    const snap = await driver.snapshot();
    if (extraBytes > 0) snap.blobs = { ...snap.blobs, extra: new Uint8Array(extraBytes).fill(7) };
    return (await openStore()).saveCheckpoint({ meta, driver: snap, savedAt: new Date().toISOString() }, opts);
  },
  files: async (): Promise<string[]> => (await openStore()).files(),
  /** The newest complete checkpoint file, for a download. */
  async checkpointFile(): Promise<{ name: string; text: string } | undefined> {
    const s = await openStore();
    const name = (await s.files()).filter((n) => /^ckpt-\d{8}\.json$/.test(n)).at(-1);
    const text = name ? await s.readText(name) : undefined;
    return name && text !== undefined ? { name, text } : undefined;
  },
  logText: async (): Promise<string> => (await (await openStore()).readText('log.jsonl')) ?? '',
};

export type RunWorkerApi = typeof runWorkerApi;

declare const WorkerGlobalScope: { new (): unknown } | undefined;
if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) expose(runWorkerApi);

export function spawnRunWorker(): { api: Remote<RunWorkerApi>; terminate(): void } {
  const worker = new Worker(new URL('./run-worker.ts', import.meta.url), { type: 'module', name: 'atomgym-run' });
  return { api: wrap<RunWorkerApi>(worker), terminate: () => worker.terminate() };
}

export { proxy };
