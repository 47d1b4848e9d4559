// `atomgym eval --checkpoint DIR --out DIR [--split test] [--k 3] [--n N] [--pack P] [--skills …] [--base B]`:
// Avg@k and greedy pass@1 per kind with bootstrap CIs, trivial baselines on the same tasks, composite tasks end to
// end and composed, the 10-task average; with --base (an eval.json or a checkpoint folder) the change per kind and
// the relative improvement by both formulas. Writes eval.json, eval.md and eval.png to --out. With --page the page's
// run worker evaluates (src/cli/page-eval.ts) and this process only writes what it returns.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { boolFlag, numberFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { createQuickJsSandbox } from '../../sandbox/index.ts';
import { createNodeWorkerPool } from '../../sandbox/worker/node.ts';
import { generationJobs } from '../../rl/node/setup.ts';
import { trivialBaselines } from '../../tasks/baselines.ts';
import { loadCheckpointPolicy, loadTasks, writeFileAtomic } from '../../eval/node-io.ts';
import { parseKinds } from '../../eval/tasks.ts';
import { evalChart, evalMarkdown, type EvalReport } from '../../eval/report.ts';
import { runEvaluation } from '../../eval/run.ts';
import { compare } from '../../eval/summary.ts';
import { chatTemplate } from '../../eval/template.ts';
import type { Level, Split } from '../../tasks/types.ts';
import { evaluateInPage } from '../page-eval.ts';
import { writeChartPngs } from '../report-png.ts';

export const HELP = `atomgym eval --checkpoint DIR --out DIR [options]
  --split S           test (default) | val | train; with --pack only filters when given
  --pack P            evaluate a task pack (e.g. public/packs/realcode.jsonl) instead of generated tasks
  --skills LIST       all (default) | atomic | composite | kind names, comma-separated
  --n N               tasks per kind (generated: default 10; pack: at most N per kind)
  --level L           generated tasks: one level 1..5 (default: mixed)
  --k K               samples per task for Avg@K (default 3)
  --temperature T     sampling temperature (default 1.0); greedy pass@1 is always run too
  --max-new-tokens N  default 256
  --seed S            task generation, sampling and bootstrap seed (default 0)
  --base B            an earlier eval.json, or a checkpoint folder evaluated on the same tasks
  --no-composed       skip the composed (atomic-scaffold) run of composite tasks
  --no-png            skip the chart (it needs headless Chromium)
  --page              evaluate in the page (its Evaluation tab, in headless Chromium) instead of in Node;
                      the same tasks and numbers, plus a screenshot of the tab in --out/page.png
  --json              print the report JSON instead of the markdown`;

export async function run(args: ParsedArgs): Promise<number> {
  if (boolFlag(args, 'help')) {
    console.log(HELP);
    return 0;
  }
  const checkpoint = stringFlag(args, 'checkpoint');
  const out = stringFlag(args, 'out');
  const splitFlag = args.flags.get('split');
  if (splitFlag !== undefined && !['train', 'val', 'test'].includes(String(splitFlag)))
    throw new UsageError('--split must be train, val or test');
  const k = numberFlag(args, 'k', 3);
  if (!Number.isInteger(k) || k < 1) throw new UsageError('--k must be a positive integer');
  const levelFlag = args.flags.get('level');
  const level = levelFlag === undefined ? undefined : numberFlag(args, 'level');
  if (level !== undefined && ![1, 2, 3, 4, 5].includes(level)) throw new UsageError('--level must be 1..5');
  const nFlag = args.flags.get('n');
  const n = nFlag === undefined ? undefined : numberFlag(args, 'n');
  if (n !== undefined && (!Number.isInteger(n) || n < 1)) throw new UsageError('--n must be a positive integer');
  const seed = numberFlag(args, 'seed', 0);
  const sampling = {
    k,
    temperature: numberFlag(args, 'temperature', 1),
    seed,
    maxNewTokens: numberFlag(args, 'max-new-tokens', 256),
    composed: !boolFlag(args, 'no-composed'),
  };
  const options = { ...sampling, baselines: trivialBaselines };
  const json = boolFlag(args, 'json');
  const say = (m: string) => console.error(`[eval] ${m}`);

  const pack = args.flags.has('pack') ? stringFlag(args, 'pack') : undefined;
  const tasksWanted = {
    split: splitFlag === undefined ? undefined : (String(splitFlag) as Split),
    kinds: parseKinds(stringFlag(args, 'skills', 'all')),
    n,
    seed,
    level: level as Level | undefined,
  };
  const baseArg = args.flags.has('base') ? stringFlag(args, 'base') : undefined;
  const baseIsDir = baseArg !== undefined && (await stat(baseArg)).isDirectory();
  const readBase = async (b: string) => {
    const r = JSON.parse(await readFile(b, 'utf8')) as EvalReport;
    if (r.format !== 'atomgym-eval/1')
      throw new Error(`${b}: not an atomgym eval report (format ${JSON.stringify(r.format)})`);
    return r;
  };

  let base: EvalReport | undefined;
  let report: EvalReport;
  if (boolFlag(args, 'page')) {
    const dirs = baseIsDir ? [baseArg, checkpoint] : [checkpoint];
    const reports = await evaluateInPage({
      dirs,
      pack,
      request: { ...tasksWanted, ...sampling },
      screenshot: join(out, 'page.png'),
      log: say,
    });
    report = reports[reports.length - 1];
    if (baseIsDir) base = reports[0];
  } else {
    const sandbox = await createQuickJsSandbox();
    try {
      // Generated tasks are made on worker sandboxes (one per core): the same tasks, sooner.
      const makers = pack ? null : createNodeWorkerPool(generationJobs());
      const { tasks, label } = await loadTasks({ pack, ...tasksWanted }, makers ?? sandbox).finally(() =>
        makers?.dispose(),
      );
      say(`${label}`);
      const evaluateDir = async (dir: string) => {
        const policy = await loadCheckpointPolicy(dir);
        say(`${dir}: sampler backend ${policy.backend.backend} (${policy.backend.reason})`);
        try {
          return await runEvaluation({
            policy,
            tasks,
            tasksLabel: label,
            sandbox,
            options: { ...options, onProgress: (m) => say(`${dir}: ${m}`) },
            baselinesName: 'trivial baselines of the task suite (src/tasks/baselines.ts)',
            templateName: chatTemplate.name,
            policyStats: () => ({ ...policy.stats }),
          });
        } finally {
          await policy.release();
        }
      };
      if (baseIsDir) base = await evaluateDir(baseArg);
      report = await evaluateDir(checkpoint);
    } finally {
      sandbox.dispose?.();
    }
  }
  if (baseArg !== undefined && !baseIsDir) base = await readBase(baseArg);
  if (base) report.comparison = { base: base.policy, ...compare(base.results, report.results, { seed }) };
  await writeFileAtomic(join(out, 'eval.json'), `${JSON.stringify(report, null, 1)}\n`);
  await writeFileAtomic(join(out, 'eval.md'), evalMarkdown(report));
  if (!boolFlag(args, 'no-png')) await writeChartPngs([{ spec: evalChart(report), file: join(out, 'eval.png') }]);
  if (json) console.log(JSON.stringify(report, null, 2));
  else console.log(evalMarkdown(report));
  return 0;
}
