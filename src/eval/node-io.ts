// Node-only helpers of the evaluation and the experiment: a checkpoint folder as a Policy, the evaluation tasks
// from a pack file or generated (./tasks.ts), and atomic file writes (a report or a marker is
// never left half-written).
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readCheckpoint } from '../model/checkpoint.ts';
import { directoryReader } from '../model/checkpoint-node.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { readPack } from '../tasks/pack.ts';
import type { TaskBase } from '../tasks/types.ts';
import { OrtPolicy, type OrtPolicyOptions } from './ort-policy.ts';
import { generateEvalTasks, selectPackTasks, type TaskSource } from './tasks.ts';

export async function loadCheckpointPolicy(
  dir: string,
  opts: Omit<OrtPolicyOptions, 'name'> & { name?: string } = {},
): Promise<OrtPolicy> {
  const { checkpoint } = await readCheckpoint(directoryReader(dir), { requireTokenizer: true, source: dir });
  return OrtPolicy.create(checkpoint, { ...opts, name: opts.name ?? dir });
}

export async function loadTasks(src: TaskSource, sandbox: Sandbox): Promise<{ tasks: TaskBase[]; label: string }> {
  if (!src.pack) return generateEvalTasks(src, sandbox);
  return selectPackTasks(readPack(await readFile(src.pack, 'utf8'), src.pack), src, src.pack);
}

/** Writes the whole file under a temporary name, then renames it over the target. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
