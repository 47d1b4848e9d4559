// The run worker: owns the RunDriver and the run's OPFS store, so training (or a replay) and disk writes never run
// on the page's main thread. Exposed with comlink; the page gets a typed proxy from spawnRunWorker().
import { expose, proxy, transfer, wrap, type Remote } from 'comlink';
import type { CheckpointEvalRequest, HeldOutRequest, HeldOutResult } from '../api/page-state.ts';
import type { EvalReport } from '../eval/report.ts';
import { MODEL_FILE } from '../model/checkpoint.ts';
import { modelFiles, zipModel } from '../model/checkpoint-zip.ts';
import type { GrpoOptions, StepRecord } from '../rl/types.ts';
import { evaluateCheckpoints } from './checkpoint-eval.ts';
import { GrpoDriver } from './grpo-driver.ts';
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
  const d = driver!;
  // Checkpoints every save_steps (every step for a replay: they are tiny) and when the run ends; each is taken
  // inside onStep, which the driver awaits, so it sees the state between two steps, after that step's log line.
  const every = Math.max(1, options.save_steps ?? (d.kind === 'replay' ? 1 : 5));
  let saved = from?.driver.step ?? -1;
  let logWrites = Promise.resolve();
  const checkpoint = async () => {
    const snap = await d.snapshot();
    if (snap.step === saved) return;
    await logWrites;
    await s.saveCheckpoint({ meta: meta!, driver: snap, savedAt: new Date().toISOString() });
    saved = snap.step;
  };
  const onStep = async (record: StepRecord) => {
    events?.onStep(record);
    logWrites = logWrites.then(() => s.appendSteps([record]));
    if (record.metrics.step % every === 0) await checkpoint();
  };
  events?.onStatus('running', d.describe());
  let status = await d.start(options, onStep, from?.driver).catch((e: unknown) => {
    events?.onStatus('failed', e instanceof Error ? e.message : String(e));
    return 'failed' as const;
  });
  await logWrites;
  if (status !== 'failed') {
    await checkpoint().catch((e: unknown) => {
      events?.onStatus('failed', `the final checkpoint was not written: ${e instanceof Error ? e.message : e}`);
      status = 'failed';
    });
  }
  events?.onStatus(status, d.describe());
  return status;
}

/**
 * The name a run's source is stored under: a replayed log's, a policy URL, or `folder:<name>` / `zip:<name>` (picked
 * files: not re-readable after a reload, so a resumed run starts from its checkpoint alone).
 */
function sourceName(source: DriverSource): string {
  if (source.kind === 'replay') return source.name;
  if (!source.policy) return 'stored checkpoint';
  if ('url' in source.policy) return source.policy.url;
  return `${'zip' in source.policy ? 'zip' : 'folder'}:${source.policy.name}`;
}

const noteStatus = (note: string) => events?.onStatus('running', note);

export const runWorkerApi = {
  subscribe(e: RunEvents): void {
    events = e;
  },
  /** Starts a new run (the old one in OPFS is replaced). */
  async start(source: DriverSource, options: GrpoOptions): Promise<string> {
    driver?.stop();
    await running;
    driver = createDriver(source, noteStatus);
    const pool = source.kind === 'grpo' ? source.poolPerKind : undefined;
    meta = {
      options,
      source: { kind: source.kind, name: sourceName(source), poolPerKind: pool },
      startedAt: new Date().toISOString(),
    };
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
    const replay = ckpt.meta.source.kind === 'replay';
    const text = replay ? await s.readText('source.jsonl') : undefined;
    if (replay && text === undefined) throw new Error('the replayed log is missing from OPFS');
    const name = ckpt.meta.source.name;
    const policy = /^folder:|^zip:|^stored checkpoint$/.test(name) ? undefined : { url: name };
    const grpo = { kind: 'grpo' as const, policy, poolPerKind: ckpt.meta.source.poolPerKind };
    driver = createDriver(replay ? { kind: 'replay', name, text: text!, stepMs } : grpo, noteStatus);
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
  /** Base vs trained on held-out test tasks (a GRPO run, paused or ended); progress goes to onStatus notes. */
  async evaluateHeldOut(o: HeldOutRequest = {}): Promise<HeldOutResult> {
    if (!(driver instanceof GrpoDriver)) throw new Error('held-out evaluation needs a GRPO run in this tab');
    const d = driver;
    try {
      return await d.evaluateHeldOut(o, (note) => events?.onStatus(d.status(), note));
    } finally {
      events?.onStatus(d.status(), d.describe());
    }
  },
  /** Checkpoints by URL on the same tasks (./checkpoint-eval.ts); progress lines go to onNote (a comlink proxy). */
  evaluateCheckpoints: (r: CheckpointEvalRequest, onNote?: (s: string) => void): Promise<EvalReport[]> =>
    evaluateCheckpoints(r, onNote),
  files: async (): Promise<string[]> => (await openStore()).files(),
  /** The newest complete checkpoint file, for a download. */
  async checkpointFile(): Promise<{ name: string; text: string } | undefined> {
    const s = await openStore();
    const name = (await s.files()).filter((n) => /^ckpt-\d{8}\.json$/.test(n)).at(-1);
    const text = name ? await s.readText(name) : undefined;
    return name && text !== undefined ? { name, text } : undefined;
  },
  logText: async (): Promise<string> => (await (await openStore()).readText('log.jsonl')) ?? '',
  /**
   * The policy of the newest complete checkpoint as a Hugging Face model folder (config.json, model.safetensors,
   * tokenizer files; no optimizer state): zipped, or as files for a folder the page writes. Undefined for a replay.
   */
  async exportModel(as: 'zip' | 'folder'): Promise<ModelExport | undefined> {
    const ckpt = await (await openStore()).latestCheckpoint();
    const blobs = ckpt?.driver.blobs;
    if (!ckpt || !blobs?.[MODEL_FILE]) return undefined;
    const name = `atomgym-model-step-${ckpt.driver.step}`;
    if (as === 'zip') {
      const zip = zipModel(blobs, name);
      return transfer({ name: `${name}.zip`, step: ckpt.driver.step, zip }, [zip.buffer]);
    }
    return { name, step: ckpt.driver.step, files: modelFiles(blobs) };
  },
};

/** A trained policy leaving the page: a zip, or the files of the folder to write. */
export interface ModelExport {
  name: string;
  step: number;
  zip?: Uint8Array;
  files?: Record<string, Uint8Array>;
}

export type RunWorkerApi = typeof runWorkerApi;

declare const WorkerGlobalScope: { new (): unknown } | undefined;
if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) expose(runWorkerApi);

export function spawnRunWorker(): { api: Remote<RunWorkerApi>; terminate(): void } {
  const worker = new Worker(new URL('./run-worker.ts', import.meta.url), { type: 'module', name: 'atomgym-run' });
  return { api: wrap<RunWorkerApi>(worker), terminate: () => worker.terminate() };
}

export { proxy };
