// `atomgym train --page …`: the same GRPO run, driven through the training page in headless Chromium (the page's
// run worker trains; src/worker/grpo-driver.ts) instead of in this Node process. Flags become the page's URL
// parameters (TRL names); a --init folder is served to the page under /__atomgym/model/. Progress lines, the
// before/after table and the chart PNGs come from follow-run.ts; --json prints them as one object.
import { resolve } from 'node:path';
import { checkpointDir } from '../../rl/node/setup.ts';
import { numberFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { followRun, formatBeforeAfter, formatHeldOut } from '../follow-run.ts';
import { openPageSession } from '../headless.ts';
import { serveModelFolder } from '../page-files.ts';
import { trainUrl } from '../commands/demo.ts';
import type { HeldOutResult } from '../../api/page-state.ts';

/** Flags the page's controls take (TRL names), and the ones only a Node run has. */
const PAGE_KNOBS = [
  'mode',
  'prompts_per_step',
  'num_generations',
  'temperature',
  'max_completion_length',
  'learning_rate',
  'beta',
  'max_steps',
  'seed',
  'save_steps',
  'pool',
] as const;
const NODE_ONLY = [
  'top_p',
  'warmup_steps',
  'max_prompt_length',
  'epsilon',
  'epsilon_high',
  'loss_type',
  'scale_rewards',
  'mask_truncated_completions',
  'log_token_moves',
  'pack_groups',
  'num_iterations',
  'per_device_train_batch_size',
  'levels',
  'skill_mix',
  'review_verdict_credit',
  'max_num_gen_batches',
  'sandboxes',
  'preset',
  'families',
];

export async function trainInPage(args: ParsedArgs, json: boolean): Promise<number> {
  const bad = NODE_ONLY.filter((k) => args.flags.has(k));
  if (bad.length) {
    throw new UsageError(
      `--page: the page's controls do not take --${bad.join(', --')} (they take ${PAGE_KNOBS.join(', ')}); ` +
        'drop them or train in Node (without --page)',
    );
  }
  const out = resolve(stringFlag(args, 'out'));
  const knobs: Record<string, string | number> = {};
  for (const k of PAGE_KNOBS) {
    if (!args.flags.has(k)) continue;
    knobs[k] = k === 'mode' ? stringFlag(args, k) : numberFlag(args, k);
  }
  if (args.flags.has('steps')) knobs.max_steps = numberFlag(args, 'steps');
  const log = (m: string) => console.error(m);
  const initDir = args.flags.has('init') ? checkpointDir(stringFlag(args, 'init')) : undefined;
  const { page, origin, close } = await openPageSession(log);
  try {
    if (initDir) knobs.model = await serveModelFolder(page, '/__atomgym/model/', initDir);
    log(`train --page: ${initDir ?? 'the shipped base policy'} → the training page (${origin})`);
    await page.goto(trainUrl(origin, knobs));
    let note = '';
    const run = await followRun(page, {
      outDir: out,
      log,
      onIdle: (r) => {
        if (r.step === 0 && r.driver && r.driver !== note) log(`  ${(note = r.driver)}`);
      },
    });
    const perKind = numberFlag(args, 'held-out', 0);
    let heldOut: HeldOutResult | undefined;
    if (run.status === 'done' && perKind > 0) {
      heldOut = await page.evaluate((n) => window.atomgym.evaluateHeldOut!({ perKind: n }), perKind);
    }
    if (json) console.log(JSON.stringify({ ...run, heldOut }, null, 2));
    else {
      console.log(`${run.status} at step ${run.step}: ${run.driver ?? ''}${run.error ? ` — ${run.error}` : ''}`);
      console.log(formatBeforeAfter(run.rows));
      if (heldOut) console.log(formatHeldOut(heldOut));
      console.log(`charts: ${run.charts.join(', ')}`);
    }
    return run.status === 'done' ? 0 : 1;
  } finally {
    await close();
  }
}
