// `atomgym train --mode joint|single:<skill>|composite|sft --init DIR --out DIR [--steps N] [TRL-named options]`:
// GRPO from a base checkpoint (src/rl). Resumes from DIR; one JSONL line per step in DIR/log.jsonl (and on stdout
// with --json), the latest step's rollouts in DIR/rollouts-last.json, the final policy in DIR/model (HF layout).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeCheckpoint } from '../../model/checkpoint.ts';
import { directoryWriter } from '../../model/checkpoint-node.ts';
import { runGrpo, type GrpoRunState } from '../../rl/grpo-run.ts';
import { nodeRunStore } from '../../rl/run-store-node.ts';
import { stepLines } from '../../rl/step-line.ts';
import { boolFlag, stringFlag, type ParsedArgs } from '../args.ts';
import { buildGrpoContextFromArgs, grpoOptionsFromArgs } from '../rl/grpo-setup.ts';
import { trainInPage } from '../rl/page-train.ts';

export const HELP = `atomgym train --mode joint|single:<skill>|composite|sft (--init DIR | --preset P) --out DIR [--steps N] [--json]
  TRL-named options: --prompts_per_step 4 --num_generations 8 --temperature 1 --top_p 1 --max_completion_length 128
  --max_prompt_length 512 --learning_rate 1e-4 --beta 0 --epsilon 0.2 --epsilon_high 0.2 --loss_type dapo|grpo|dr_grpo
  --scale_rewards group|batch|none --mask_truncated_completions true --num_iterations 1 --per_device_train_batch_size 8
  --save_steps 10 --seed 0 --levels 1 --skill_mix localization=1,editing=2   (and --pool 64 tasks per kind, --sandboxes N)`;

export async function run(args: ParsedArgs): Promise<number> {
  if (boolFlag(args, 'help')) return (console.log(HELP), 0);
  const out = stringFlag(args, 'out');
  const json = boolFlag(args, 'json');
  const say = (s: string) => (json ? console.error(s) : console.log(s));
  if (boolFlag(args, 'page')) return trainInPage(args, json);
  const opts = grpoOptionsFromArgs(args);
  const built = await buildGrpoContextFromArgs(args, out, opts, say);
  const line = stepLines(opts.max_steps);
  const state = await runGrpo(built.ctx, nodeRunStore<GrpoRunState>(out), {
    tokenizer: built.policy.tokenizerJson,
    onStep: async (r) => {
      await writeFile(join(out, 'rollouts-last.json'), JSON.stringify(r.rollouts));
      if (json) console.log(JSON.stringify(r.metrics));
      else say(line(r.metrics));
    },
  });
  const ckpt = await built.ctx.trainer.save(built.policy.tokenizerJson);
  delete ckpt.extraFiles;
  await writeCheckpoint(directoryWriter(join(out, 'model')), ckpt);
  await built.close();
  say(
    `done: ${state.step} steps (${state.counters.skipped_steps} skipped, ${state.counters.zero_std_groups} zero-variance groups dropped); model in ${join(out, 'model')}`,
  );
  return 0;
}
