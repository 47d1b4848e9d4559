// What each command accepts, for `atomgym <command> --help` and for rejecting unknown flags before a command runs.
// A flag with `arg` takes a value; one without is a switch (so `--json pack.jsonl` leaves the file positional).
// A command without an entry here still runs (no --help page, no flag check): add one with every new command.
import {
  engines,
  evalTasks,
  families,
  grpo,
  jobs,
  json,
  noBrowser,
  policy,
  runs,
  sizes,
  taskSpec,
  unseenPackages,
  warmup,
  type CommandSpec,
  type FlagSpec,
} from './spec-flags.ts';

export type { CommandSpec, FlagSpec };

// The GRPO flags an experiment passes to every RL arm: an arm's mode, steps and seed are the experiment's, and
// --temperature is the evaluation's (the arms' is --train-temperature); the unseen-package flags are the experiment's
// own (they move its test tasks too).
const notForArms = [
  'mode',
  'max_steps',
  'seed',
  'temperature',
  'sandboxes',
  'families',
  ...Object.keys(unseenPackages),
];
const experimentGrpo = Object.fromEntries(Object.entries(grpo).filter(([k]) => !notForArms.includes(k)));

export const SPECS: Record<string, CommandSpec> = {
  demo: {
    usage: ['atomgym demo [--steps 24] [--pool 8] [--held-out 10] [--out results/demo] [--json]'],
    about:
      'Builds the app, opens it in headless Chromium, runs the GPU check, then trains the shipped base policy\n' +
      'with GRPO in the page: a progress line per step, the before/after table and the chart PNGs.',
    flags: {
      json,
      steps: { arg: 'N', help: 'GRPO steps (default 24)' },
      pool: { arg: 'N', help: 'train tasks generated per skill in the page (default 8)' },
      'held-out': { arg: 'N', help: 'test tasks per skill for base vs trained at the end (default 10; 0 skips)' },
      out: { arg: 'dir', help: 'where the chart PNGs and a screenshot go (default results/demo)' },
    },
  },
  bench: {
    usage: ['atomgym bench <matmul|sandbox|train|rollout|sizing|serve|rl|gen> [options] [--json]'],
    about: 'Speed and memory against anchors run in the same process; JSON with ratios.',
    flags: { json, 'no-browser': noBrowser },
    subcommands: {
      matmul: { sizes, engines, runs, warmup },
      sandbox: {
        runs,
        'per-sample': { arg: 'n', help: 'runs per timed sample (default 10)' },
        batch: { arg: 'n', help: 'completions per reward batch (default 64)' },
        seed: { arg: 'n', help: 'task seed (default 1)' },
        skills: { arg: 'list', help: 'skills whose reward batches are timed (default all)' },
      },
      train: {
        presets: { arg: 'list', help: 'model presets (default micro,mini)' },
        batch: { arg: 'pairs', help: 'preset=B pairs (default micro=2,demo=2,mini=1,small=1)' },
        seq: { arg: 'n', help: 'sequence length (default 256)' },
        steps: { arg: 'n', help: 'timed steps (>= 5, default 5)' },
        warmup,
        sides: { arg: 'list', help: 'wasm,forward,tfjs-wasm,webgpu,tfjs-webgpu (default all)' },
        tfjs: { arg: 'all|auto|none', help: 'run the tfjs anchor (auto skips big presets on CPU adapters)' },
        'no-tfjs': { help: 'same as --tfjs none' },
      },
      rollout: {
        quick: { help: 'fewer tokens and runs' },
        tokens: { arg: 'n', help: 'new tokens per run (default 256, 64 with --quick)' },
        runs: { arg: 'n', help: 'timed runs per case (default 5, 2 with --quick)' },
        presets: { arg: 'list', help: 'model presets (default micro,mini)' },
        backends: { arg: 'list', help: 'wasm,webgpu' },
        'skip-node': { help: 'skip the Node cases' },
      },
      sizing: {
        contexts: { arg: 'list', help: 'context lengths (default 256,512,1024)' },
        reps: { arg: 'n', help: 'timed forward passes per case (default 3)' },
        batch: { arg: 'n', help: 'rows per forward pass (default 4)' },
      },
      serve: {
        workers: { arg: 'list', help: 'worker counts to time (default 1,2,4)' },
        batch: { arg: 'n', help: 'completions per request (default 256)' },
        runs: { arg: 'n', help: 'timed requests per worker count (default 3)' },
        skills: { arg: 'list', help: 'skills of the tasks (default editing,test-generation,reproduction)' },
      },
      rl: {
        ...policy,
        preset: { arg: 'name', help: 'a fresh, seeded model of this preset (default demo)' },
        steps: { arg: 'n', help: 'timed RL steps (default 2)' },
        warmup: { arg: 'n', help: 'untimed warm-up steps (default 1)' },
        ...grpo,
        max_steps: { arg: 'N', help: 'no effect here (--steps sets the timed steps)' },
        prompts_per_step: { arg: 'n', help: 'tasks per step (default 2)' },
        num_generations: { arg: 'n', help: 'completions per task, the group (default 4)' },
        max_completion_length: { arg: 'n', help: 'new tokens per completion (default 32)' },
        max_prompt_length: { arg: 'n', help: 'longer prompts are left out (default 480)' },
        learning_rate: { arg: 'lr', help: 'AdamW learning rate (default 1e-5)' },
      },
      gen: {
        skills: { arg: 'list', help: 'skills whose task generation is timed (default test-generation,review)' },
        n: { arg: 'n', help: 'level-1 train tasks per sample (default 8)' },
        runs: { arg: 'n', help: 'interleaved samples per side (default 5)' },
        jobs: { arg: 'N', help: 'sandbox workers of the sliced side (default one per core, at most 16)' },
      },
    },
  },
  sft: {
    usage: [
      'atomgym sft (--preset P | --init DIR) (--minutes M | --steps N) --out DIR [--skills a,b] [--levels 1,2]',
      '            [--per-skill 200] [--per-skill-of editing=800,…] [--families core|extended] [--seq-len T]',
      '            [--batch 8] [--lr 1e-3] [--warmup 20] [--min-lr-ratio 0.1]',
      '            [--prompt-loss-weight 0] [--rename-copies 0] [--keep-originals]',
      '            [--rename-style words|syllables|mixed] [--copy-drills 0] [--drill-code] [--random-repeats 0]',
      '            [--recall-drills 0] [--lookup-drills 0 [--declare-first 0.5]] [--edit-demos span|lines]',
      '            [--short-forms 0] [--package-surface 0]',
      '            [--batching packed|bucketed] [--seed 0] [--save-steps 50] [--pool-from DIR,…] [--json]',
    ],
    about:
      'Supervised fine-tuning on oracle demonstrations of the train split. Resumes from --out when it holds a\n' +
      'snapshot; at the end DIR/model is the HF-layout checkpoint and DIR/log.jsonl the log.',
    flags: {
      json: { help: 'print the summary as JSON on stdout (progress goes to stderr)' },
      out: { arg: 'dir', help: 'run folder: snapshots, log.jsonl, model/ (resumes from it)' },
      ...policy,
      steps: { arg: 'N', help: 'train this many steps (give --steps or --minutes)' },
      minutes: { arg: 'M', help: 'train this many minutes' },
      skills: { arg: 'list', help: 'atomic skills, comma-separated (default all five)' },
      levels: { arg: 'list', help: 'task levels, comma-separated (default 1)' },
      'per-skill': { arg: 'N', help: 'train tasks generated per skill (default 200)' },
      'per-skill-of': { arg: 'pairs', help: 'skill=N pairs: task counts for these skills instead of --per-skill' },
      families,
      'seq-len': { arg: 'T', help: "tokens per row (default min(1024, the model's context))" },
      batch: { arg: 'B', help: 'rows per step (default 8)' },
      lr: { arg: 'lr', help: 'peak learning rate (default 1e-3)' },
      warmup: { arg: 'N', help: 'warm-up steps (default 5% of --steps, or 20)' },
      'min-lr-ratio': { arg: 'r', help: 'final learning rate over the peak, cosine decay (default 0.1)' },
      'prompt-loss-weight': {
        arg: 'w',
        help: "weight of the prompt tokens' mean NLL beside the answers' (default 0: answers only)",
      },
      'rename-copies': {
        arg: 'N',
        help: 'demonstrations per task with fresh function and module names, instead of the task as is (default 0)',
      },
      'keep-originals': {
        help: 'with --rename-copies, also keep each demonstration with its own names',
      },
      'copy-drills': {
        arg: 'N',
        help: 'add N short drills whose answers are copied from their prompts (a file path, an import line, a call)',
      },
      'drill-code': {
        help: "with --copy-drills, lead each drill with its modules' code, as the skills' prompts list it",
      },
      'random-repeats': {
        arg: 'N',
        help: 'add N runs of 8–24 random tokens whose answer repeats them: they keep the copying (induction) circuit',
      },
      'recall-drills': {
        arg: 'N',
        help: 'add N sets of 4–30 random runs whose answer is one of them: the copy from far back in a prompt',
      },
      'lookup-drills': {
        arg: 'N',
        help: 'add N random-token file sets asking which file declares a key (the header above it): the lookup hop',
      },
      'declare-first': {
        arg: 'P',
        help: 'with --lookup-drills, the chance a file declares its key first, as a one-function module does (0.5)',
      },
      'edit-demos': {
        arg: 'how',
        help: 'editing SEARCH blocks: span (default: changed tokens, least unique context) or lines (whole lines)',
      },
      'short-forms': {
        arg: 'N',
        help: 'add N copies of each demonstration with its prompt fitted to a random smaller budget (default 0)',
      },
      'package-surface': {
        arg: 'P',
        help: 'chance a localization demonstration is also shown as an npm package (lib/<name>/index.js, CommonJS)',
      },
      'rename-style': {
        arg: 'how',
        help: 'fresh names: words (verb+noun, default), syllables (pronounceable nonsense) or mixed',
      },
      batching: { arg: 'how', help: 'packed (default) or bucketed' },
      seed: { arg: 'S', help: 'seed (default 0)' },
      'save-steps': { arg: 'N', help: 'snapshot every N steps (default 50)' },
      'pool-from': {
        arg: 'dirs',
        help: 'run folders whose task pool to copy when it was made with the same options (saves generating it)',
      },
    },
  },
  warmup: {
    usage: [
      'atomgym warmup (--preset P [--tokenizer F] [--layers N] [--rope-theta θ] [--vocab N] [--context N]',
      '               | --init DIR) --steps N --out DIR [--runs next|recall|lookup [--declare-first 0.5] [--chat]]',
      '               [--seq-len 96] [--batch 16] [--lr 1e-3] [--warmup 20] [--seed 0] [--json]',
    ],
    about:
      'Induction warm-up: random token runs that come back later in the row, loss on the repeats only, so the\n' +
      'policy learns to copy out of its context before SFT. DIR/model is written at the end; not resumable.',
    flags: {
      json: { help: 'print the summary as JSON on stdout (progress goes to stderr)' },
      out: { arg: 'dir', help: 'run folder: model/, log.jsonl, warmup-summary.json' },
      ...policy,
      steps: { arg: 'N', help: 'updates' },
      runs: {
        arg: 'how',
        help:
          'next (each run followed by its repeat, default), recall (back anywhere later) or lookup (which ' +
          'random file declares a key: the answer is the header above it; rows of ≥ 256 tokens)',
      },
      'declare-first': {
        arg: 'P',
        help: 'lookup rows: chance a file declares its key first, as a one-function module does (default 0.5)',
      },
      chat: {
        help: 'lookup rows: each question closes as a chat prompt (<|end|><|assistant|>), each answer with <|end|>',
      },
      'seq-len': { arg: 'T', help: 'tokens per row (default 96)' },
      batch: { arg: 'B', help: 'rows per step (default 16)' },
      lr: { arg: 'lr', help: 'peak learning rate (default 1e-3)' },
      warmup: { arg: 'N', help: 'steps of linear ramp to the peak (default 20)' },
      seed: { arg: 'S', help: 'seed of the initial weights and of the rows (default 0)' },
    },
  },
  base: {
    usage: ['atomgym base --recipe FILE --out DIR [--through STAGE] [--json]'],
    about:
      "Builds a base policy by a recipe's stages (warmup and sft commands), each in DIR/<stage> from the previous\n" +
      "stage's model; finished stages are skipped, an interrupted one resumes. public/base/recipe.json is the\n" +
      "shipped base's recipe. The last stage's model is copied to DIR/model.",
    flags: {
      json: { help: 'print the summary as JSON on stdout (progress goes to stderr)' },
      recipe: { arg: 'file', help: 'the recipe (JSON: stages of {name, command, args})' },
      out: { arg: 'dir', help: 'build folder: one folder per stage, model/, base-summary.json' },
      through: { arg: 'stage', help: 'stop after this stage (default: the last)' },
    },
  },
  train: {
    usage: [
      'atomgym train --mode joint|single:<skill>|composite|sft (--init DIR | --preset P) --out DIR [--steps N]',
      '              [TRL-named options, e.g. --num_generations 8 --loss_type dapo] [--json]',
    ],
    about:
      'GRPO from a base checkpoint. Resumes from --out; one JSONL line per step in DIR/log.jsonl (and on\n' +
      'stdout with --json), the latest rollouts in DIR/rollouts-last.json, the final policy in DIR/model.',
    flags: {
      json: { help: 'print one JSON line of metrics per step on stdout' },
      out: { arg: 'dir', help: 'run folder: snapshots, log.jsonl, model/ (resumes from it)' },
      ...policy,
      steps: { arg: 'N', help: 'same as --max_steps' },
      page: { help: 'train in the headless training page (its run worker) instead of this process' },
      'held-out': { arg: 'N', help: 'with --page: base vs trained on N test tasks per kind at the end' },
      ...grpo,
    },
  },
  eval: {
    usage: [
      'atomgym eval --checkpoint DIR --out DIR [--split test] [--k 3] [--n N] [--pack P] [--skills …] [--base B]',
      '           [--page]',
    ],
    about:
      'Avg@k and greedy pass@1 per kind with bootstrap CIs, trivial baselines on the same tasks, composite\n' +
      'tasks end to end and composed; with --base the change per kind. Writes eval.json, eval.md, eval.png.',
    flags: {
      json: { help: 'print the report JSON instead of the markdown' },
      checkpoint: { arg: 'dir', help: 'the checkpoint to evaluate' },
      out: { arg: 'dir', help: 'where eval.json, eval.md and eval.png go' },
      split: { arg: 'split', help: 'test (default), val or train; with --pack only filters when given' },
      n: { arg: 'N', help: 'tasks per kind (generated: default 10; pack: at most N per kind)' },
      ...evalTasks,
      base: { arg: 'file|dir', help: 'an earlier eval.json, or a checkpoint evaluated on the same tasks' },
      page: { help: "run in the page's Evaluation tab (headless Chromium, the run worker); page.png kept" },
    },
  },
  experiment: {
    usage: [
      'atomgym experiment paper --preset P (--budget-minutes M | --budget-steps N) --seeds S [--out results/DIR]',
      '                         [options]',
    ],
    about:
      "The paper's arms (base, joint, single-skill ×5, composite-only) trained with the same budget and\n" +
      'evaluated on the same test tasks; a rerun with the same options skips finished arms.',
    flags: {
      json: { help: 'print the results JSON' },
      preset: { arg: 'name', help: 'model preset of every arm (micro, demo, mini, small)' },
      'budget-minutes': { arg: 'M', help: 'training budget per arm' },
      'budget-steps': { arg: 'N', help: 'a fixed number of updates per arm instead of minutes' },
      seeds: { arg: 'S', help: 'training seeds per arm (default 1)' },
      out: { arg: 'dir', help: 'results folder (default results/paper-<preset>)' },
      base: { arg: 'dir', help: 'use this checkpoint as the base instead of training one' },
      arms: { arg: 'list', help: 'only these arms this sitting (base, joint, single-<skill>, composite)' },
      'reuse-arms': { arg: 'dir', help: 'copy RL arms finished there with the same training inputs' },
      families,
      n: { arg: 'N', help: 'test tasks per kind (default 10)' },
      ...evalTasks,
      ...experimentGrpo,
      ...unseenPackages,
      'train-temperature': { arg: 't', help: "the RL arms' sampling temperature (default 1)" },
    },
  },
  export: {
    usage: [
      'atomgym export --format verl|openrlhf|trl --out DIR',
      '               (--skills S --split S --n N --seed S [--level L] | --pack P) [--ground-truth id|task] [--json]',
    ],
    about:
      'The task world as a dataset for veRL, OpenRLHF or TRL: DIR/<split>.parquet (verl) or DIR/<split>.jsonl,\n' +
      'DIR/tasks.jsonl (for `atomgym serve --pack`) and DIR/export.json.',
    flags: {
      json,
      format: { arg: 'fmt', help: 'verl, openrlhf or trl' },
      out: { arg: 'dir', help: 'the folder to write' },
      ...taskSpec,
      pack: { arg: 'file', help: 'export this task pack instead of generated tasks' },
      'ground-truth': { arg: 'id|task', help: 'label: the task id (default) or the whole task as JSON' },
    },
  },
  serve: {
    usage: [
      'atomgym serve [--port 8000] [--host 127.0.0.1] [--workers N]',
      '              (--pack DIR/tasks.jsonl[,more.jsonl] | --skills S --split S --n N --seed S [--level L])',
    ],
    about:
      'The reward service for veRL, OpenRLHF and TRL: POST /get_reward (OpenRLHF), POST /score, GET /health,\n' +
      'GET /metrics. Labels are task ids of the loaded tasks, or whole tasks as JSON. Runs until SIGINT/SIGTERM.',
    flags: {
      json: { help: 'print the address and the task count as JSON' },
      port: { arg: 'P', help: 'port (default 8000)' },
      host: { arg: 'H', help: 'address to listen on (default 127.0.0.1)' },
      workers: { arg: 'N', help: 'sandbox worker threads (1..256; default cores, at most 4)' },
      pack: { arg: 'files', help: 'task packs to load, comma-separated' },
      ...taskSpec,
      n: { arg: 'N', help: 'tasks per kind: load generated tasks of this spec' },
      'job-timeout-ms': { arg: 'ms', help: 'limit per reward job (default 20000)' },
      'max-body-mb': { arg: 'MB', help: 'largest request body (default 32)' },
      'max-items': { arg: 'N', help: 'most completions per request (default 4096)' },
      'max-inflight-mb': { arg: 'MB', help: 'request bytes in flight at once (default 512)' },
    },
  },
  replay: {
    usage: ['atomgym replay run.jsonl [--max-steps N] [--step-ms MS] [--out results/replay] [--json]'],
    about:
      'Replays a saved StepRecord log in the headless training page (re-emits its steps, trains nothing):\n' +
      'a progress line per step, then the before/after table and the charts as PNG files.',
    flags: {
      json,
      'max-steps': { arg: 'N', help: 'stop after step N (default: the whole log)' },
      'step-ms': { arg: 'ms', help: 'pause between replayed steps (default 50)' },
      out: { arg: 'dir', help: 'where the chart PNGs go (default results/replay)' },
    },
  },
  setup: {
    usage: ['atomgym setup [--check] [--json]'],
    about:
      'Installs what this machine lacks for the demo and the tests: Chromium and the Vulkan loader\n' +
      '(libvulkan1), with apt-get --no-install-recommends (as root or with password-less sudo).\n' +
      'The demo, every headless launch and the tests do this too.',
    flags: { json, check: { help: 'only report what is present and what is missing' } },
  },
  gpu: {
    usage: ['atomgym gpu [--json]'],
    about: 'Reports the WebGPU adapter headless Chromium gets.',
    flags: { json },
  },
  tasks: {
    usage: [
      'atomgym tasks generate --skill <name|all|composite> --split <train|val|test> --n N --seed S [--level 1-5]\n' +
        '                      [--families core|extended] [--package-surface P [--package-names N]] [--jobs N]\n' +
        '                      --out pack.jsonl',
      'atomgym tasks check pack.jsonl [--jobs N] [--no-baselines] [--json]',
      'atomgym tasks baselines --pack pack.jsonl [--json]',
      'atomgym tasks lengths --pack pack.jsonl [--tokenizer public/tokenizer/demo.json] [--json]',
      'atomgym tasks corpus --out corpus.txt [--n 30] [--seed 7] [--json]',
    ],
    about:
      'Makes seeded task packs, checks packs (every oracle earns 1, every negative control 0, no trivial\n' +
      'baseline above its ceiling), scores the baselines, reports token lengths, writes the tokenizer corpus.',
    flags: { json },
    subcommands: {
      generate: {
        skill: { arg: 'name', help: 'a skill, all (the five atomic skills) or composite' },
        split: { arg: 'split', help: 'train, val or test (default train)' },
        n: { arg: 'N', help: 'tasks per skill' },
        seed: { arg: 'S', help: 'seed (default 0)' },
        level: { arg: '1-5', help: 'difficulty (default mixed)' },
        families,
        ...unseenPackages,
        jobs: { arg: 'N', help: 'sandbox workers that make it (default one per core, at most 16; same pack)' },
        out: { arg: 'file', help: 'the pack to write (JSONL)' },
      },
      check: {
        jobs,
        'no-baselines': { help: 'skip scoring the trivial baselines against their ceilings' },
      },
      baselines: {
        pack: { arg: 'file', help: 'the task pack (or give it as the positional)' },
      },
      lengths: {
        pack: { arg: 'file', help: 'the task pack' },
        tokenizer: { arg: 'file', help: 'tokenizer.json (default public/tokenizer/demo.json)' },
      },
      corpus: {
        out: { arg: 'file', help: 'the text file to write' },
        n: { arg: 'N', help: 'train tasks per atomic skill and level (default 30; twice that per composite kind)' },
        seed: { arg: 'S', help: 'seed (default 7)' },
      },
    },
  },
  score: {
    usage: ['atomgym score --pack pack.jsonl --answers answers.jsonl [--jobs N] [--json]'],
    about: 'Rewards any model\'s answers ({"id","answer"} per line) on a pack, in sandbox workers.',
    flags: {
      json,
      pack: { arg: 'file', help: 'the task pack (JSONL)' },
      answers: { arg: 'file', help: 'answers, one {"id","answer"} per line' },
      jobs,
    },
  },
  realcode: {
    usage: [
      'atomgym realcode [--out public/packs/realcode.jsonl] [--seed 1] [--bugs 3] [--check] [--json]',
      'atomgym realcode --module <name|path>[,…] [--exports a,b] --out pack.jsonl [--seed 1] [--bugs 3] [--check]',
    ],
    about:
      'Builds the real-code task pack from the npm modules in node_modules, or from any single-file module of\n' +
      "pure functions (--module; several: each is the others' neighbour).",
    flags: {
      json,
      out: { arg: 'file', help: 'where to write the pack (default public/packs/realcode.jsonl; needed with --module)' },
      seed: { arg: 'n', help: 'mutation seed (default 1)' },
      bugs: { arg: 'n', help: 'bugs per package (default 3)' },
      check: { help: 'check every task (oracle 1, negatives 0)' },
      module: { arg: 'list', help: 'build from these modules (npm names or paths, comma-separated), not the six' },
      exports: { arg: 'list', help: 'with --module: only these exported functions, comma-separated' },
    },
  },
  tokenizer: {
    usage: [
      'atomgym tokenizer train --corpus <file|dir>[,…] --vocab N [--pattern code|ident] --out F.json [--json]',
      'atomgym tokenizer encode --tokenizer tokenizer.json --text "…" [--allow-special] [--json]',
    ],
    about: 'Trains a byte-level BPE tokenizer (Hugging Face tokenizer.json), or encodes text with one.',
    flags: { json },
    subcommands: {
      train: {
        corpus: { arg: 'paths', help: 'files or folders, comma-separated' },
        vocab: { arg: 'N', help: 'vocabulary size' },
        pattern: {
          arg: 'name',
          help: 'pre-tokenizer: code (default; any one punctuation character may lead a word) or ident (a space only)',
        },
        out: { arg: 'file', help: 'tokenizer.json to write' },
      },
      encode: {
        tokenizer: { arg: 'file', help: 'a tokenizer.json' },
        text: { arg: 'text', help: 'text to encode' },
        'allow-special': { help: 'let special-token strings in the text encode as special tokens' },
      },
    },
  },
};

/** Flags a command (and, when the first positional names one, its subcommand) accepts, plus --help. */
export function flagsFor(spec: CommandSpec, sub: string | undefined): Record<string, FlagSpec> {
  const extra = sub !== undefined ? spec.subcommands?.[sub] : undefined;
  return { ...spec.flags, ...(extra ?? {}), help: { help: 'show this help' } };
}

/** The help page; with a subcommand it names (e.g. `bench rl --help`), only that subcommand's own flags. */
export function formatHelp(name: string, spec: CommandSpec, sub?: string): string {
  const lines = [`usage: ${spec.usage.join('\n       ')}`, '', spec.about, ''];
  const only = sub !== undefined && spec.subcommands?.[sub] ? sub : undefined;
  const sections = Object.entries(spec.subcommands ?? {}).filter(([s, f]) =>
    only ? s === only : Object.keys(f).length > 0,
  );
  const label = (flag: string, f: FlagSpec) => `  --${flag}${f.arg ? ` <${f.arg}>` : ''}`;
  const all = [flagsFor(spec, undefined), ...sections.map(([, f]) => f)].flatMap((f) => Object.entries(f));
  const width = Math.max(30, ...all.map(([flag, f]) => label(flag, f).length + 1));
  const row = (flag: string, f: FlagSpec) => `${label(flag, f).padEnd(width)} ${f.help}`;
  lines.push('options:');
  for (const [flag, f] of Object.entries(flagsFor(spec, undefined))) lines.push(row(flag, f));
  for (const [s, flags] of sections) {
    lines.push(`${name} ${s}:`);
    for (const [flag, f] of Object.entries(flags)) lines.push(row(flag, f));
  }
  return lines.join('\n');
}
