// `atomgym replay <log.jsonl> [--max-steps N] [--step-ms MS] [--out DIR] [--json]`: replays a saved StepRecord log
// in the headless training page (the REPLAY driver: it re-emits the steps, trains nothing), printing a progress
// line per step, then the before/after table and the charts as PNG files.
import { basename, resolve } from 'node:path';
import { boolFlag, numberFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { readInputFile } from '../files.ts';
import { followRun, formatBeforeAfter } from '../follow-run.ts';
import { openPageSession } from '../headless.ts';
import { parseStepLog } from '../../api/step-log.ts';

export async function run(args: ParsedArgs): Promise<number> {
  const file = args.positionals[0];
  if (!file) throw new UsageError('replay needs a StepRecord log: atomgym replay run.jsonl');
  const text = await readInputFile(file, 'a StepRecord log: JSONL, one step per line');
  const steps = parseStepLog(text, file);
  const maxSteps = numberFlag(args, 'max-steps', steps.at(-1)!.metrics.step);
  const stepMs = numberFlag(args, 'step-ms', 50);
  const outDir = resolve(stringFlag(args, 'out', 'results/replay'));
  const { page, origin, close } = await openPageSession();
  try {
    // The log reaches the page as if it were a URL, whatever folder it lives in.
    const served = `/__atomgym/${encodeURIComponent(basename(file))}`;
    await page.route(`**${served}`, (route) => route.fulfill({ body: text, contentType: 'application/x-ndjson' }));
    const name = encodeURIComponent(served);
    await page.goto(`${origin}/?source=${name}&max_steps=${maxSteps}&stepMs=${stepMs}&start=1`);
    const result = await followRun(page, { outDir });
    if (boolFlag(args, 'json')) console.log(JSON.stringify({ log: file, ...result }, null, 2));
    else {
      console.log(`${result.status} at step ${result.step}: ${result.driver ?? ''}`);
      console.log(formatBeforeAfter(result.rows));
      console.log(`charts: ${result.charts.join(', ')}`);
    }
    return result.status === 'done' ? 0 : 1;
  } finally {
    await close();
  }
}
