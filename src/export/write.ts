// `atomgym export`: tasks → one framework's dataset file in DIR, plus DIR/tasks.jsonl (the pack `atomgym serve
// --pack` loads to resolve task ids) and DIR/export.json (what was written, and the matching serve command).
// Every file is written to a temporary name first and renamed into place, so a failure leaves no half-written set.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writePack } from '../tasks/pack.ts';
import type { TaskBase } from '../tasks/types.ts';
import type { GroundTruthMode } from './label.ts';
import { verlParquet } from './parquet.ts';
import { openRlhfRow, trlRow, verlRow, type ExportFormat } from './rows.ts';

export const TASKS_FILE = 'tasks.jsonl';
export const MANIFEST_FILE = 'export.json';

export interface ExportOptions {
  format: ExportFormat;
  out: string;
  groundTruth: GroundTruthMode;
  /** Free-form description of where the tasks came from (the spec), kept in the manifest. */
  source: Record<string, unknown>;
}

export interface ExportSummary {
  format: ExportFormat;
  dataset: string;
  tasks: string;
  rows: number;
  perSkill: Record<string, number>;
  groundTruth: GroundTruthMode;
  columns: string[];
}

const jsonl = (rows: readonly unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

function datasetBytes(
  tasks: readonly TaskBase[],
  format: ExportFormat,
  mode: GroundTruthMode,
): { name: string; bytes: Uint8Array | string; columns: string[] } {
  const split = tasks[0].split;
  if (format === 'verl') {
    return {
      name: `${split}.parquet`,
      bytes: verlParquet(tasks.map((t, i) => verlRow(t, i, mode))),
      columns: ['data_source', 'prompt', 'ability', 'reward_model', 'extra_info'],
    };
  }
  if (format === 'openrlhf')
    return {
      name: `${split}.jsonl`,
      bytes: jsonl(tasks.map((t) => openRlhfRow(t, mode))),
      columns: ['prompt', 'label', 'task_id', 'skill'],
    };
  return {
    name: `${split}.jsonl`,
    bytes: jsonl(tasks.map((t) => trlRow(t, mode))),
    columns: ['prompt', 'ground_truth', 'task_id', 'skill'],
  };
}

export async function exportDataset(tasks: readonly TaskBase[], opts: ExportOptions): Promise<ExportSummary> {
  if (tasks.length === 0) throw new Error('export: no tasks to write');
  const splits = new Set(tasks.map((t) => t.split));
  if (splits.size > 1)
    throw new Error(`export: tasks from several splits (${[...splits].join(', ')}); export one split at a time`);
  const data = datasetBytes(tasks, opts.format, opts.groundTruth);
  const perSkill: Record<string, number> = {};
  for (const t of tasks) perSkill[t.skill] = (perSkill[t.skill] ?? 0) + 1;
  const summary: ExportSummary = {
    format: opts.format,
    dataset: join(opts.out, data.name),
    tasks: join(opts.out, TASKS_FILE),
    rows: tasks.length,
    perSkill,
    groundTruth: opts.groundTruth,
    columns: data.columns,
  };
  const manifest = { ...summary, source: opts.source, serve: `atomgym serve --pack ${summary.tasks}` };
  const files: Record<string, Uint8Array | string> = {
    [data.name]: data.bytes,
    [TASKS_FILE]: writePack(tasks),
    [MANIFEST_FILE]: `${JSON.stringify(manifest, null, 2)}\n`,
  };
  await mkdir(opts.out, { recursive: true });
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const temps = Object.keys(files).map((name) => ({ name, temp: join(opts.out, `.${name}.tmp-${tag}`) }));
  try {
    for (const { name, temp } of temps) await writeFile(temp, files[name]);
    for (const { name, temp } of temps) await rename(temp, join(opts.out, name));
  } catch (e) {
    await Promise.all(temps.map(({ temp }) => rm(temp, { force: true })));
    throw e;
  }
  return summary;
}
