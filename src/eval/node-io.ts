// Node-only helpers of the evaluation and the experiment: a checkpoint folder as a Policy, the evaluation tasks
// from a pack file or generated (./tasks.ts), and atomic file writes (a report or a marker is
// never left half-written).
import { readFile } from 'node:fs/promises';
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

export { writeFileAtomic } from '../util/atomic-file.ts';
