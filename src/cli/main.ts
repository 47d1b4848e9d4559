// `atomgym <command> …`: each command lives in its own module under ./commands, loaded on demand.
import { readFileSync } from 'node:fs';
import { checkFlags, parseArgs, UsageError, type ParsedArgs } from './args.ts';
import { flagsFor, formatHelp, SPECS, type CommandSpec } from './specs.ts';
import { didYouMean } from './suggest.ts';

export type Command = (args: ParsedArgs) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  demo: {
    summary: 'build, start the app headless, run the GPU check and the matmul bench',
    load: () => import('./commands/demo.ts'),
  },
  bench: {
    summary: 'bench <matmul|sandbox|train|rollout|sizing|serve|rl> [--json]',
    load: () => import('./commands/bench.ts'),
  },
  // Other issues add their commands here: tasks, score, eval, train, tokenizer.
  tokenizer: {
    summary: 'tokenizer train --corpus <paths> --vocab N --out tokenizer.json | encode',
    load: () => import('./commands/tokenizer.ts'),
  },
  realcode: {
    summary: 'build the real-code task pack from npm modules [--out F] [--seed S] [--bugs N] [--check]',
    load: () => import('./commands/realcode.ts'),
  },
  tasks: {
    summary:
      'tasks generate --skill <name|all|composite> --split S --n N --seed S [--level L] --out P | tasks check P | tasks baselines --pack P',
    load: () => import('./commands/tasks.ts'),
  },
  score: {
    summary: "score --pack P --answers A: reward any model's answers",
    load: () => import('./commands/score.ts'),
  },
  export: {
    summary: 'export --format verl|openrlhf|trl --skills S --split S --n N --seed S --out DIR: datasets for RL engines',
    load: () => import('./commands/export.ts'),
  },
  serve: {
    summary:
      'serve [--port P] [--workers N] --pack P: the reward service (OpenRLHF /get_reward, /score, /health, /metrics)',
    load: () => import('./commands/serve.ts'),
  },
  sft: {
    summary: 'sft --preset P (--minutes M | --steps N) --out DIR: supervised fine-tuning on oracle demonstrations',
    load: () => import('./commands/sft.ts'),
  },
  warmup: {
    summary: 'warmup (--preset P [--layers N] [--rope-theta θ] | --init DIR) --steps N --out DIR: induction warm-up',
    load: () => import('./commands/warmup.ts'),
  },
  base: {
    summary: 'base --recipe FILE --out DIR: build a base policy by its recipe (warm-ups, SFT), resumable',
    load: () => import('./commands/base.ts'),
  },
  train: {
    summary: 'train --mode joint|single:<skill>|composite|sft --init DIR --out DIR: GRPO (TRL option names)',
    load: () => import('./commands/train.ts'),
  },
  eval: {
    summary:
      'eval --checkpoint DIR --out DIR [--pack P] [--split S] [--k K] [--skills …] [--base B]: ' +
      'Avg@k, pass@1, baselines',
    load: () => import('./commands/eval.ts'),
  },
  experiment: {
    summary: "experiment paper --preset P --budget-minutes M --seeds S [--out results/DIR]: the paper's arms",
    load: () => import('./commands/experiment.ts'),
  },
  replay: {
    summary: 'replay a saved StepRecord log in the headless training page [--out DIR]',
    load: () => import('./commands/replay.ts'),
  },
  setup: {
    summary: 'install what this machine lacks (Chromium, libvulkan1) [--check]',
    load: () => import('./commands/setup.ts'),
  },
  gpu: { summary: 'report the WebGPU adapter headless Chromium gets', load: () => import('./commands/gpu.ts') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  const head = 'usage: atomgym <command> [options]   (every command takes --json and --help; atomgym --version)';
  return `${head}\n${lines.join('\n')}`;
}

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Every switch (value-less flag) the command or any of its subcommands declares. */
function switchesOf(spec: CommandSpec | undefined): Set<string> {
  const all = [spec?.flags ?? {}, ...Object.values(spec?.subcommands ?? {}), { help: { help: '' } }];
  return new Set(
    all.flatMap((flags) =>
      Object.entries(flags)
        .filter(([, f]) => !f.arg)
        .map(([k]) => k),
    ),
  );
}

function helpFor(name: string, sub?: string): string {
  const spec = SPECS[name];
  return spec ? formatHelp(name, spec, sub) : `usage: atomgym ${name} …  ${COMMANDS[name].summary}`;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    console.log(`atomgym ${version()}`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic && COMMANDS[topic]) console.log(helpFor(topic, rest[1]));
    else console.log(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`atomgym: unknown command '${name}'${didYouMean(name, Object.keys(COMMANDS))}\n${usage()}`);
    return 2;
  }
  const spec = SPECS[name];
  try {
    const args = parseArgs(rest, switchesOf(spec));
    if (args.flags.has('help') || args.positionals.includes('-h')) {
      console.log(helpFor(name, args.positionals[0]));
      return 0;
    }
    if (spec) checkFlags(args, Object.keys(flagsFor(spec, args.positionals[0])));
    const { run } = await command.load();
    return await run(args);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`atomgym ${name}: ${e.message}\n(see: atomgym ${name} --help)`);
      return 2;
    }
    console.error(`atomgym ${name}: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.ATOMGYM_DEBUG && e instanceof Error) console.error(e.stack);
    return 1;
  }
}
