// `atomgym experiment paper --preset P --budget-minutes M --seeds S [--out results/DIR] …`: the paper's arms (base,
// joint, single-skill ×5, composite-only) trained with the same budget and evaluated on the same test tasks; a rerun
// skips finished arms. Records the command, commit, machine and wall time of every sitting.
import { execFileSync } from 'node:child_process';
import { cpus, hostname, totalmem } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  boolFlag,
  familiesFlag,
  numberFlag,
  unseenPackageFlags,
  stringFlag,
  UsageError,
  type ParsedArgs,
} from '../args.ts';
import { createQuickJsSandbox } from '../../sandbox/index.ts';
import { createNodeWorkerPool } from '../../sandbox/worker/node.ts';
import { generationJobs } from '../../rl/node/setup.ts';
import { loadCheckpointPolicy } from '../../eval/node-io.ts';
import { parseKinds } from '../../eval/tasks.ts';
import { armInputs, makeTrainArm } from '../../eval/experiment/train-arm.ts';
import { grpoFlagValues } from '../rl/grpo-setup.ts';
import { resolveGrpoOptions } from '../../rl/options.ts';
import type { GrpoOptions } from '../../rl/types.ts';
import { runExperiment, type ExperimentOptions } from '../../eval/experiment/run.ts';
import { PRESETS, type PresetName } from '../../model/config.ts';
import type { Level } from '../../tasks/types.ts';
import { PROJECT_ROOT } from '../headless.ts';
import { writeChartPngs } from '../report-png.ts';

export const HELP = `atomgym experiment paper --preset P (--budget-minutes M | --budget-steps N) --seeds S [options]
  --out DIR           results folder (default results/paper-<preset>); rerun with the same options to resume
  --base DIR          use this checkpoint as the base instead of training one (e.g. the shipped base policy)
  --budget-steps N    a fixed number of updates per arm instead of minutes
  --arms LIST         only these arms in this sitting (base, joint, single-<skill>, composite)
  --reuse-arms DIR    copy an RL arm finished in experiment folder DIR instead of training it, when its mode, seed,
                      updates, GRPO options, starting weights and task pool are the same there (it is evaluated here,
                      keeping its results there on identical test tasks; so is a --base that DIR evaluated too)
  --families SET      core (default) or extended: the arms' train-split tasks also from the train-only families
  --n N               test tasks per kind (default 10)   --skills LIST  kinds evaluated (default all)
  --pack P            evaluate on a pack instead of generated test tasks
  --k K               Avg@K (default 3)   --temperature T (default 1)   --max-new-tokens N (default 256)
  --seed S            task and sampling seed (default 0)   --level L  one task level (default mixed)
  --no-composed       skip the composed scaffold runs   --no-png   skip the chart   --json   print results JSON
  --pool N            train tasks per kind for each RL arm's pool (default 64)
  --package-surface P this share of localization tasks as unseen npm packages, in the arms' pools and the generated
                      test tasks (not a --pack); --package-names syllables (default), words or mixed;
                      --package-neighbors N  0 to N other repos' modules beside each package's;
                      --package-one-word P  that share of their functions named by one lower-case word
  --train-temperature T  the RL arms' sampling temperature (default 1; --temperature is the evaluation's)
  GRPO options of every RL arm under TRL's names (atomgym train --help), e.g. --prompts_per_step 8 --levels 1,2,3
  --max_prompt_length 640 --beta 0.04 --review_verdict_credit 0.5`;

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export async function run(args: ParsedArgs): Promise<number> {
  if (boolFlag(args, 'help') || args.positionals[0] !== 'paper') {
    console.log(HELP);
    return args.positionals[0] === 'paper' || boolFlag(args, 'help') ? 0 : 2;
  }
  const options = experimentOptions(args);
  const out = stringFlag(args, 'out', `results/paper-${options.preset}`);
  const arms = args.flags.has('arms')
    ? stringFlag(args, 'arms')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
  const commit = sh('git', ['rev-parse', 'HEAD']) || 'unknown';
  const dirty = sh('git', ['status', '--porcelain', '--untracked-files=no']) !== '';
  const cpu = cpus();
  const sandbox = await createQuickJsSandbox();
  try {
    const { results, markdown, trained, skipped } = await runExperiment(out, options, {
      trainArm: makeTrainArm({ grpo: options.grpo, poolPerKind: options.poolPerKind }),
      loadPolicy: (dir) => loadCheckpointPolicy(dir),
      sandbox,
      generationSandbox: () => createNodeWorkerPool(generationJobs()),
      writeCharts: boolFlag(args, 'no-png') ? undefined : writeChartPngs,
      say: (m) => console.error(`[experiment] ${m}`),
      sitting: {
        command: `atomgym experiment ${process.argv.slice(3).join(' ')}`.trim(),
        commit: `${commit}${dirty ? ' (with uncommitted changes)' : ''}`,
        machine:
          `${hostname()}: ${cpu.length}× ${cpu[0]?.model ?? 'cpu'}, ` +
          `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
      },
      arms,
      ...(args.flags.has('reuse-arms') ? { reuseFrom: existingDir(stringFlag(args, 'reuse-arms')), armInputs } : {}),
    });
    if (boolFlag(args, 'json')) console.log(JSON.stringify({ out, trained, skipped, ...results }, null, 2));
    else {
      console.log(markdown);
      console.log(
        `trained this sitting: ${trained.join(', ') || 'nothing'}; ` +
          `skipped (finished before): ${skipped.join(', ') || 'none'}`,
      );
      console.log(`results: ${out}/results.md, results.json${boolFlag(args, 'no-png') ? '' : ', results.png'}`);
    }
    return 0;
  } finally {
    sandbox.dispose?.();
  }
}

function existingDir(dir: string): string {
  if (!existsSync(join(dir, 'experiment.json'))) throw new UsageError(`--reuse-arms ${dir}: no experiment.json there`);
  return dir;
}

/** The experiment's options from its flags (usage errors name the flag). */
export function experimentOptions(args: ParsedArgs): ExperimentOptions {
  const preset = stringFlag(args, 'preset') as PresetName;
  if (!(preset in PRESETS)) throw new UsageError(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
  const bySteps = args.flags.has('budget-steps');
  if (bySteps === args.flags.has('budget-minutes'))
    throw new UsageError('give exactly one of --budget-minutes M and --budget-steps N');
  // With --budget-steps the minutes are never read (every arm trains that many updates).
  const budgetMinutes = bySteps ? 0 : numberFlag(args, 'budget-minutes');
  if (!bySteps && !(budgetMinutes > 0)) throw new UsageError('--budget-minutes must be > 0');
  const seeds = numberFlag(args, 'seeds', 1);
  if (!Number.isInteger(seeds) || seeds < 1) throw new UsageError('--seeds must be a positive integer');
  const levelFlag = args.flags.get('level');
  const level = levelFlag === undefined ? undefined : numberFlag(args, 'level');
  if (level !== undefined && ![1, 2, 3, 4, 5].includes(level)) throw new UsageError('--level must be 1..5');
  const options: ExperimentOptions = {
    preset,
    budgetMinutes,
    seeds,
    tasks: {
      kinds: parseKinds(stringFlag(args, 'skills', 'all')),
      n: numberFlag(args, 'n', 10),
      seed: numberFlag(args, 'seed', 0),
      ...(level ? { level: level as Level } : {}),
    },
    eval: {
      k: numberFlag(args, 'k', 3),
      temperature: numberFlag(args, 'temperature', 1),
      maxNewTokens: numberFlag(args, 'max-new-tokens', 256),
      composed: !boolFlag(args, 'no-composed'),
    },
  };
  if (bySteps) {
    options.budgetSteps = numberFlag(args, 'budget-steps');
    if (!Number.isInteger(options.budgetSteps) || options.budgetSteps < 1)
      throw new UsageError('--budget-steps must be a positive integer');
  }
  if (familiesFlag(args) === 'extended') options.families = 'extended';
  const { share, names, neighbors, oneWord } = unseenPackageFlags(args);
  if (share > 0)
    options.unseenPackages = { share, names, ...(neighbors ? { neighbors } : {}), ...(oneWord ? { oneWord } : {}) };
  // Only options given on the command line are recorded, so experiments made before these flags still resume.
  // --seed and --temperature are the evaluation's here (an arm's seed is the experiment's).
  const { seed: _seed, temperature: _evalTemperature, ...given } = grpoFlagValues(args);
  const grpo: Partial<GrpoOptions> = given;
  if (args.flags.has('train-temperature')) grpo.temperature = numberFlag(args, 'train-temperature');
  if (Object.keys(grpo).length) options.grpo = grpo;
  resolveGrpoOptions({ ...grpo }); // a bad value is named now, not when the first RL arm starts
  if (args.flags.has('pool')) options.poolPerKind = numberFlag(args, 'pool');
  if (args.flags.has('base')) options.baseCheckpoint = stringFlag(args, 'base');
  if (args.flags.has('pack')) options.tasks.pack = stringFlag(args, 'pack');
  return options;
}
