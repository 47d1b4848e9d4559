// What each command accepts, for `atomgym <command> --help` and for rejecting unknown flags before a command runs.
// A flag with `arg` takes a value; one without is a switch (so `--json pack.jsonl` leaves the file positional).
// A command without an entry here still runs (no --help page, no flag check): add one with every new command.
export interface FlagSpec {
  /** Value placeholder, e.g. 'file'; absent for a switch. */
  arg?: string;
  help: string;
}

export interface CommandSpec {
  usage: string[];
  about: string;
  flags: Record<string, FlagSpec>;
  /** Flags that only a subcommand (the first positional) takes. */
  subcommands?: Record<string, Record<string, FlagSpec>>;
}

const json: FlagSpec = { help: 'print the result as JSON on stdout' };
const noBrowser: FlagSpec = { help: 'skip the headless-Chromium part' };
const sizes: FlagSpec = { arg: 'list', help: 'N (square) or MxNxK items, comma-separated (default 256,512,1024,…)' };
const engines: FlagSpec = { arg: 'list', help: 'ours,ort-webgpu,ort-wasm,tfjs-webgpu (ours always runs)' };
const runs: FlagSpec = { arg: 'n', help: 'timed runs per case (>= 5)' };
const warmup: FlagSpec = { arg: 'n', help: 'untimed warm-up runs per case' };

export const SPECS: Record<string, CommandSpec> = {
  demo: {
    usage: ['atomgym demo [--sizes 256,512] [--engines list] [--json]'],
    about: 'Builds the app, opens it in headless Chromium, runs the GPU check, then the matmul bench.',
    flags: { json, sizes, engines, runs, warmup },
  },
  bench: {
    usage: ['atomgym bench <matmul|sandbox|train|rollout> [options] [--json]'],
    about: 'Speed and memory against anchors run in the same process; JSON with ratios.',
    flags: { json, 'no-browser': noBrowser },
    subcommands: {
      matmul: { sizes, engines, runs, warmup },
      sandbox: {
        runs,
        'per-sample': { arg: 'n', help: 'runs per timed sample' },
        batch: { arg: 'n', help: 'completions per reward batch' },
        seed: { arg: 'n', help: 'task seed' },
        skills: { arg: 'list', help: 'skills whose reward batches are timed' },
      },
      train: {
        presets: { arg: 'list', help: 'model presets (default micro,mini)' },
        batch: { arg: 'list', help: 'batch sizes' },
        seq: { arg: 'n', help: 'sequence length' },
        steps: { arg: 'n', help: 'timed steps' },
        warmup,
        tfjs: { arg: 'all|auto|none', help: 'run the tfjs anchor (auto skips big presets on CPU adapters)' },
        'no-tfjs': { help: 'same as --tfjs none' },
      },
      rollout: {
        quick: { help: 'fewer tokens and runs' },
        tokens: { arg: 'n', help: 'new tokens per run' },
        runs: { arg: 'n', help: 'timed runs per case' },
        presets: { arg: 'list', help: 'model presets (default micro,mini)' },
        backends: { arg: 'list', help: 'wasm,webgpu' },
        'skip-node': { help: 'skip the Node cases' },
      },
    },
  },
  replay: {
    usage: ['atomgym replay run.jsonl [--max-steps N] [--step-ms MS] [--out results/replay] [--json]'],
    about: 'Replays a saved StepRecord log in the headless training page (re-emits its steps, trains nothing):\n' +
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
    about: 'Installs what this machine lacks for the demo and the tests: Chromium and the Vulkan loader\n' +
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
        '                      --out pack.jsonl',
      'atomgym tasks check pack.jsonl [--json]',
    ],
    about: 'Makes seeded task packs, and checks packs (every oracle earns 1, every negative control 0).',
    flags: { json },
    subcommands: {
      generate: {
        skill: { arg: 'name', help: 'a skill, all (the five atomic skills) or composite' },
        split: { arg: 'split', help: 'train, val or test (default train)' },
        n: { arg: 'N', help: 'tasks per skill' },
        seed: { arg: 'S', help: 'seed (default 0)' },
        level: { arg: '1-5', help: 'difficulty (default mixed)' },
        out: { arg: 'file', help: 'the pack to write (JSONL)' },
      },
      check: {},
    },
  },
  score: {
    usage: ['atomgym score --pack pack.jsonl --answers answers.jsonl [--json]'],
    about: 'Rewards any model\'s answers ({"id","answer"} per line) on a pack, in the sandbox.',
    flags: {
      json,
      pack: { arg: 'file', help: 'the task pack (JSONL)' },
      answers: { arg: 'file', help: 'answers, one {"id","answer"} per line' },
    },
  },
  realcode: {
    usage: ['atomgym realcode [--out public/packs/realcode.jsonl] [--seed 1] [--bugs 2] [--check] [--json]'],
    about: 'Builds the real-code task pack from npm modules in node_modules.',
    flags: {
      json,
      out: { arg: 'file', help: 'where to write the pack' },
      seed: { arg: 'n', help: 'mutation seed' },
      bugs: { arg: 'n', help: 'bugs per package' },
      check: { help: 'check every task (oracle 1, negatives 0)' },
    },
  },
  tokenizer: {
    usage: [
      'atomgym tokenizer train --corpus <file|dir>[,…] --vocab N --out tokenizer.json [--json]',
      'atomgym tokenizer encode --tokenizer tokenizer.json --text "…" [--allow-special] [--json]',
    ],
    about: 'Trains a byte-level BPE tokenizer (Hugging Face tokenizer.json), or encodes text with one.',
    flags: { json },
    subcommands: {
      train: {
        corpus: { arg: 'paths', help: 'files or folders, comma-separated' },
        vocab: { arg: 'N', help: 'vocabulary size' },
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

export function formatHelp(name: string, spec: CommandSpec): string {
  const lines = [`usage: ${spec.usage.join('\n       ')}`, '', spec.about, ''];
  const row = (flag: string, f: FlagSpec) => `  --${flag}${f.arg ? ` <${f.arg}>` : ''}`.padEnd(30) + ` ${f.help}`;
  lines.push('options:');
  for (const [flag, f] of Object.entries(flagsFor(spec, undefined))) lines.push(row(flag, f));
  for (const [sub, flags] of Object.entries(spec.subcommands ?? {})) {
    if (Object.keys(flags).length === 0) continue;
    lines.push(`${name} ${sub}:`);
    for (const [flag, f] of Object.entries(flags)) lines.push(row(flag, f));
  }
  return lines.join('\n');
}
