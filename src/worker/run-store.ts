// A run on disk, in the origin-private file system (OPFS): meta.json (options and source), source.jsonl (a replayed
// log), log.jsonl (one StepRecord per step, what the charts and the inspector reload) and ckpt-<step>.json.
// Every file is written whole to a temporary name and then renamed (FileSystemHandle.move), so a crash mid-write
// leaves the previous checkpoint as the newest complete one; loading skips anything that does not parse.
import type { GrpoOptions, StepRecord } from '../rl/types.ts';
import type { DriverState } from './driver.ts';
import { parseStepLog, stepLine } from '../api/step-log.ts';

export interface RunMeta {
  options: GrpoOptions;
  /** name: the replayed log, the policy URL, or folder:<name>; poolPerKind: a GRPO run's train tasks per kind. */
  source: { kind: 'grpo' | 'replay'; name: string; poolPerKind?: number };
  startedAt: string;
}

export interface Checkpoint {
  meta: RunMeta;
  driver: DriverState;
  savedAt: string;
}

export interface SaveOptions {
  /** Bytes per write call. */
  chunkBytes?: number;
  /** Called after each chunk with bytes written so far and the total. */
  onProgress?: (written: number, total: number) => void;
  /** Pause between chunks (keeps a big save from hogging the disk; tests use it to crash mid-write). */
  throttleMs?: number;
}

type MovableHandle = FileSystemFileHandle & { move(name: string): Promise<void> };

const CKPT = /^ckpt-(\d{8})\.json$/;
const enc = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

const fromBase64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export class RunStore {
  private constructor(private readonly dir: FileSystemDirectoryHandle) {}

  static async open(name = 'current'): Promise<RunStore> {
    const root = await navigator.storage.getDirectory();
    const runs = await root.getDirectoryHandle('atomgym-runs', { create: true });
    return new RunStore(await runs.getDirectoryHandle(name, { create: true }));
  }

  /** Starts a new run here: everything of the old one goes. */
  async reset(meta: RunMeta, sourceText?: string): Promise<void> {
    for await (const name of this.dir.keys()) await this.dir.removeEntry(name, { recursive: true });
    await this.writeAtomic('meta.json', enc.encode(JSON.stringify(meta)));
    if (sourceText !== undefined) await this.writeAtomic('source.jsonl', enc.encode(sourceText));
    await this.writeAtomic('log.jsonl', new Uint8Array());
  }

  async readText(name: string): Promise<string | undefined> {
    try {
      return await (await (await this.dir.getFileHandle(name)).getFile()).text();
    } catch {
      return undefined;
    }
  }

  async appendSteps(records: readonly StepRecord[]): Promise<void> {
    const handle = await this.dir.getFileHandle('log.jsonl', { create: true });
    const size = (await handle.getFile()).size;
    const w = await handle.createWritable({ keepExistingData: true });
    await w.seek(size);
    await w.write(records.map(stepLine).join(''));
    await w.close();
  }

  /** Steps logged up to and including `step` (a log may run past the last checkpoint). */
  async readLog(step = Infinity): Promise<StepRecord[]> {
    const text = await this.readText('log.jsonl');
    if (!text?.trim()) return [];
    return parseStepLog(text, 'OPFS log.jsonl').filter((r) => r.metrics.step <= step);
  }

  /** Rewrites the log to end at `step`, before a resumed run appends from there. */
  async truncateLog(step: number): Promise<void> {
    const kept = await this.readLog(step);
    await this.writeAtomic('log.jsonl', enc.encode(kept.map(stepLine).join('')));
  }

  async saveCheckpoint(ckpt: Checkpoint, opts: SaveOptions = {}): Promise<string> {
    const blobs = Object.fromEntries(Object.entries(ckpt.driver.blobs ?? {}).map(([k, v]) => [k, toBase64(v)]));
    const body = { ...ckpt, driver: { ...ckpt.driver, blobs } };
    const name = `ckpt-${String(ckpt.driver.step).padStart(8, '0')}.json`;
    await this.writeAtomic(name, enc.encode(JSON.stringify(body)), opts);
    for await (const old of this.dir.keys()) {
      if (CKPT.test(old) && old < name) await this.dir.removeEntry(old);
    }
    return name;
  }

  /** The newest checkpoint that is complete (parses); undefined when there is none. */
  async latestCheckpoint(): Promise<Checkpoint | undefined> {
    const names: string[] = [];
    for await (const n of this.dir.keys()) if (CKPT.test(n)) names.push(n);
    for (const n of names.sort().reverse()) {
      try {
        type Stored = Checkpoint & { driver: { blobs: Record<string, string> } };
        const raw = JSON.parse((await this.readText(n)) ?? '') as Stored;
        const blobs = Object.fromEntries(Object.entries(raw.driver.blobs ?? {}).map(([k, v]) => [k, fromBase64(v)]));
        return { ...raw, driver: { ...raw.driver, blobs } };
      } catch {
        continue; // incomplete or corrupt: an older one may be whole
      }
    }
    return undefined;
  }

  async files(): Promise<string[]> {
    const out: string[] = [];
    for await (const n of this.dir.keys()) out.push(n);
    return out.sort();
  }

  /** Writes `bytes` to `<name>.tmp` chunk by chunk, then renames it over `name`. */
  private async writeAtomic(name: string, bytes: Uint8Array<ArrayBuffer>, opts: SaveOptions = {}): Promise<void> {
    const tmpName = `${name}.tmp`;
    const tmp = (await this.dir.getFileHandle(tmpName, { create: true })) as MovableHandle;
    const w = await tmp.createWritable();
    const chunk = opts.chunkBytes ?? 1 << 20;
    for (let at = 0; at < bytes.length; at += chunk) {
      await w.write(bytes.subarray(at, Math.min(bytes.length, at + chunk)));
      opts.onProgress?.(Math.min(bytes.length, at + chunk), bytes.length);
      if (opts.throttleMs) await new Promise((r) => setTimeout(r, opts.throttleMs));
    }
    await w.close();
    await tmp.move(name); // replaces an existing `name` in one step (checked in Chromium): never a moment without it
  }
}
