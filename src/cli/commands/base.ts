// `atomgym base --recipe FILE --out DIR`: builds a base policy by running a recipe's stages (induction warm-ups and
// SFT sittings) one after another, each in DIR/<stage>, each starting from the previous stage's model. A stage whose
// model is there is skipped and an interrupted one resumes (sft from its snapshot, warmup from its start), so the
// build can span several sittings; a stage folder made with other arguments is an error, never silently mixed.
// public/base/recipe.json is the recipe of the shipped base.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCheckpoint, writeCheckpoint } from '../../model/checkpoint.ts';
import { directoryReader, directoryWriter } from '../../model/checkpoint-node.ts';
import { boolFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { main } from '../main.ts';
import { parseRecipe, type RecipeStage } from '../base-recipe.ts';

export const HELP = `atomgym base --recipe FILE --out DIR [--through STAGE] [--json]
  Runs the recipe's stages in order (each in DIR/<stage>); the last stage's model is copied to DIR/model.`;

const STAGE_FILE = 'stage.json';

export async function run(args: ParsedArgs): Promise<number> {
  if (boolFlag(args, 'help')) return (console.log(HELP), 0);
  const recipeFile = stringFlag(args, 'recipe');
  const out = stringFlag(args, 'out');
  const json = boolFlag(args, 'json');
  const say = (s: string) => (json ? console.error(s) : console.log(s));
  if (!existsSync(recipeFile)) throw new UsageError(`--recipe ${recipeFile}: no such file`);
  const recipe = parseRecipe(readFileSync(recipeFile, 'utf8'), recipeFile);
  const through = args.flags.has('through') ? stringFlag(args, 'through') : recipe.stages.at(-1)!.name;
  const last = recipe.stages.findIndex((s) => s.name === through);
  if (last < 0)
    throw new UsageError(`--through ${through}: the recipe has ${recipe.stages.map((s) => s.name).join(', ')}`);

  const report: Array<{ stage: string; command: string; status: 'done before' | 'ran'; seconds: number }> = [];
  const sftDirs: string[] = [];
  for (const [i, stage] of recipe.stages.slice(0, last + 1).entries()) {
    const dir = join(out, stage.name);
    const argv = stageArgv(stage, dir, i === 0 ? undefined : join(out, recipe.stages[i - 1].name, 'model'), sftDirs);
    await claimStageDir(dir, stage, recipeFile);
    if (existsSync(join(dir, 'model', 'config.json'))) {
      say(`stage ${stage.name}: done before (${dir}/model)`);
      report.push({ stage: stage.name, command: stage.command, status: 'done before', seconds: 0 });
    } else {
      say(`stage ${stage.name}: atomgym ${argv.join(' ')}`);
      const t0 = performance.now();
      const rc = await runStage(argv, json);
      if (rc !== 0) throw new Error(`stage ${stage.name} (atomgym ${stage.command}) exited with ${rc}`);
      report.push({
        stage: stage.name,
        command: stage.command,
        status: 'ran',
        seconds: (performance.now() - t0) / 1000,
      });
    }
    if (stage.command === 'sft') sftDirs.push(dir);
  }
  const finalModel = join(out, recipe.stages[last].name, 'model');
  const { checkpoint } = await readCheckpoint(directoryReader(finalModel), { source: finalModel });
  await writeCheckpoint(directoryWriter(join(out, 'model')), checkpoint);
  const summary = { recipe: recipeFile, out, model: join(out, 'model'), through, stages: report };
  await writeFile(join(out, 'base-summary.json'), JSON.stringify(summary, null, 2));
  if (json) console.log(JSON.stringify(summary, null, 2));
  else say(`done: ${report.length} stages; the base policy is ${summary.model}`);
  return 0;
}

/** Runs one stage; with --json its progress and summary go to stderr, so stdout carries only the build's summary. */
async function runStage(argv: string[], json: boolean): Promise<number> {
  if (!json) return main(argv);
  const log = console.log;
  console.log = console.error;
  try {
    return await main(argv);
  } finally {
    console.log = log;
  }
}

/** The stage's command line: its own arguments, its folder, and (unless it names one) the previous stage's model. */
function stageArgv(stage: RecipeStage, dir: string, previous: string | undefined, sftDirs: string[]): string[] {
  const hasSource = stage.args.some((a) => ['--init', '--checkpoint', '--preset'].includes(a.split('=')[0]));
  if (!hasSource && !previous) throw new UsageError(`stage ${stage.name}: the first stage needs --preset or --init`);
  const argv = [stage.command, ...stage.args, '--out', dir];
  if (!hasSource) argv.push('--init', previous!);
  if (stage.command === 'sft' && sftDirs.length > 0 && !stage.args.includes('--pool-from'))
    argv.push('--pool-from', sftDirs.join(','));
  return argv;
}

/** Records the stage's arguments in its folder, or checks that the folder was made by the same ones. */
async function claimStageDir(dir: string, stage: RecipeStage, recipeFile: string): Promise<void> {
  const file = join(dir, STAGE_FILE);
  const mine = JSON.stringify({ command: stage.command, args: stage.args });
  if (existsSync(file)) {
    const had = readFileSync(file, 'utf8');
    if (had !== mine)
      throw new UsageError(
        `${dir} was made by stage ${had}, but ${recipeFile} now says ${mine}: give another --out, or delete ${dir}`,
      );
    return;
  }
  await mkdir(dir, { recursive: true });
  await writeFile(file, mine);
}
