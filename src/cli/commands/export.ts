// `atomgym export --format verl|openrlhf|trl --skills S --split S --n N --seed S [--level L] [--ground-truth id|task]
// --out DIR` (or `--pack P` instead of a spec): the task world as a dataset of veRL, OpenRLHF or TRL.
import { readFile } from 'node:fs/promises';
import { boolFlag, numberFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { exportDataset } from '../../export/write.ts';
import { FORMATS, type ExportFormat } from '../../export/rows.ts';
import { SpecError, tasksFromSpec, type TaskSpec } from '../../export/spec.ts';
import type { GroundTruthMode } from '../../export/label.ts';
import { readPack } from '../../tasks/pack.ts';
import type { Level, Split, TaskBase } from '../../tasks/types.ts';

export const HELP = `usage: atomgym export --format verl|openrlhf|trl --out DIR
         (--skills all|composite|a,b --split train|val|test --n N --seed S [--level 1-5] | --pack P)
         [--ground-truth id|task] [--json]
  writes DIR/<split>.parquet (verl) or DIR/<split>.jsonl, DIR/tasks.jsonl (for \`atomgym serve --pack\`)
  and DIR/export.json.
  --ground-truth id (default): the label is the task id; task: the whole task as JSON (no pack needed by the service).`;

/** The spec flags shared with `atomgym serve`. */
export function specFromArgs(args: ParsedArgs): TaskSpec {
  const level = args.flags.has('level') ? (numberFlag(args, 'level') as Level) : undefined;
  return {
    skills: stringFlag(args, 'skills', 'all'),
    split: stringFlag(args, 'split', 'train') as Split,
    n: numberFlag(args, 'n'),
    seed: numberFlag(args, 'seed', 0),
    level,
  };
}

export async function run(args: ParsedArgs): Promise<number> {
  if (boolFlag(args, 'help')) {
    console.log(HELP);
    return 0;
  }
  const format = stringFlag(args, 'format') as ExportFormat;
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(format)}`);
  const groundTruth = stringFlag(args, 'ground-truth', 'id') as GroundTruthMode;
  if (groundTruth !== 'id' && groundTruth !== 'task')
    throw new UsageError(`--ground-truth must be id or task, got ${JSON.stringify(groundTruth)}`);
  const out = stringFlag(args, 'out');
  const t0 = performance.now();
  let tasks: TaskBase[];
  let source: Record<string, unknown>;
  if (args.flags.has('pack')) {
    const pack = stringFlag(args, 'pack');
    tasks = readPack(await readFile(pack, 'utf8'), pack);
    source = { pack };
  } else {
    const spec = specFromArgs(args);
    try {
      tasks = await tasksFromSpec(spec);
    } catch (e) {
      if (e instanceof SpecError) throw new UsageError(e.message);
      throw e;
    }
    source = { ...spec };
  }
  const summary = await exportDataset(tasks, { format, out, groundTruth, source });
  const seconds = Number(((performance.now() - t0) / 1000).toFixed(2));
  if (boolFlag(args, 'json')) console.log(JSON.stringify({ ...summary, seconds }, null, 2));
  else {
    console.log(`wrote ${summary.rows} rows to ${summary.dataset} and the pack to ${summary.tasks} in ${seconds}s`);
    console.log(`serve their rewards with: atomgym serve --pack ${summary.tasks}`);
  }
  return 0;
}
