// RunStore on a Node directory:
//   DIR/checkpoint-<step>/  config.json, model.safetensors, tokenizer.json, optimizer.safetensors, state.json
//   DIR/latest              the name of the last complete checkpoint (written to a temp name, then renamed)
//   DIR/log.jsonl           one line per step
// A snapshot is written in full to its own directory before `latest` points at it; older ones are then removed.
import { appendFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeCheckpoint, readCheckpoint } from '../model/checkpoint.ts';
import { directoryReader, directoryWriter } from '../model/checkpoint-node.ts';
import { OPTIMIZER_FILE } from '../train/trainer-state.ts';
import { STATE_FILE, type RunStore, type SavedRun } from './run-store.ts';

export const LOG_FILE = 'log.jsonl';
const LATEST = 'latest';

export function nodeRunStore<S>(dir: string): RunStore<S> {
  const log = join(dir, LOG_FILE);
  const readLatest = async (): Promise<string | undefined> => {
    try {
      return (await readFile(join(dir, LATEST), 'utf8')).trim();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  };
  return {
    description: dir,
    async load() {
      const name = await readLatest();
      if (!name) return undefined;
      const where = join(dir, name);
      const { checkpoint } = await readCheckpoint(directoryReader(where), {
        source: where,
        extra: [OPTIMIZER_FILE, STATE_FILE],
      });
      const raw = checkpoint.extraFiles?.[STATE_FILE];
      if (!raw) throw new Error(`${where}/${STATE_FILE}: missing (the checkpoint was not written by a run)`);
      delete checkpoint.extraFiles![STATE_FILE];
      let state: S;
      try {
        state = JSON.parse(new TextDecoder().decode(raw)) as S;
      } catch (e) {
        throw new Error(`${where}/${STATE_FILE}: not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      }
      return { state, checkpoint };
    },
    async save(s: SavedRun<S>) {
      const step = (s.state as { step?: number }).step ?? 0;
      const name = `checkpoint-${step}`;
      const files = encodeCheckpoint(s.checkpoint);
      files[STATE_FILE] = new TextEncoder().encode(JSON.stringify(s.state, null, 1));
      await rm(join(dir, name), { recursive: true, force: true });
      await directoryWriter(join(dir, name)).writeAll(files);
      const temp = join(dir, `.${LATEST}.tmp-${process.pid}`);
      await writeFile(temp, name, { flush: true });
      await rename(temp, join(dir, LATEST));
      for (const other of await readdir(dir)) {
        if (other.startsWith('checkpoint-') && other !== name)
          await rm(join(dir, other), { recursive: true, force: true });
      }
    },
    async appendLog(record: object) {
      await mkdir(dir, { recursive: true });
      await appendFile(log, JSON.stringify(record) + '\n');
    },
    async truncateLog(lines: number) {
      let text = '';
      try {
        text = await readFile(log, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
      const kept = text
        .split('\n')
        .filter((l) => l.length > 0)
        .slice(0, lines);
      await mkdir(dir, { recursive: true });
      const temp = `${log}.tmp-${process.pid}`;
      await writeFile(temp, kept.map((l) => l + '\n').join(''), { flush: true });
      await rename(temp, log);
    },
    async readLog() {
      let text = '';
      try {
        text = await readFile(log, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
      return text
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l, i) => {
          try {
            return JSON.parse(l) as Record<string, unknown>;
          } catch {
            throw new Error(`${log}:${i + 1}: not valid JSON`);
          }
        });
    },
  };
}
