// Flag specs shared by several commands in specs.ts, and the spec types: what a flag takes and says in --help.
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

export const json: FlagSpec = { help: 'print the result as JSON on stdout' };
export const families: FlagSpec = {
  arg: 'set',
  help: 'core (default) or extended: train-split tasks also from the train-only families',
};
export const noBrowser: FlagSpec = { help: 'skip the headless-Chromium part' };
export const sizes: FlagSpec = {
  arg: 'list',
  help: 'N (square) or MxNxK items, comma-separated (default 256,512,1024,…)',
};
export const engines: FlagSpec = { arg: 'list', help: 'ours,ort-webgpu,ort-wasm,tfjs-webgpu (ours always runs)' };
export const runs: FlagSpec = { arg: 'n', help: 'timed runs per case (>= 5)' };
export const warmup: FlagSpec = { arg: 'n', help: 'untimed warm-up runs per case' };
export const jobs: FlagSpec = {
  arg: 'N',
  help: 'tasks at a time, each in its own worker (1..64; default cores, at most 4)',
};

// The policy a training command starts from (src/cli/rl/setup.ts).
export const policy: Record<string, FlagSpec> = {
  init: { arg: 'dir', help: 'start from this checkpoint (or run folder)' },
  checkpoint: { arg: 'dir', help: 'same as --init' },
  preset: { arg: 'name', help: 'a fresh, seeded model of this preset (micro, demo, mini, small)' },
  tokenizer: { arg: 'file', help: 'tokenizer.json for --preset (default public/tokenizer/<preset>.json)' },
  layers: { arg: 'N', help: "with --preset: this many layers instead of the preset's" },
  'rope-theta': { arg: 'θ', help: "with --preset: this RoPE base instead of the preset's (10000)" },
  vocab: { arg: 'N', help: "with --preset: this vocab_size (≥ the tokenizer's) instead of the preset's" },
  context: { arg: 'N', help: "with --preset: max_position_embeddings (its training context) instead of the preset's" },
};

// GRPO options under TRL's names (src/cli/rl/grpo-setup.ts; defaults in src/rl/options.ts), and the run's setting.
// Localization tasks shown as unseen npm packages (src/tasks/surface.ts): a train pool's and a generated pack's.
export const unseenPackages: Record<string, FlagSpec> = {
  'package-surface': {
    arg: 'P',
    help: 'share of localization tasks shown as unseen npm packages (fresh names, lib/<name>/index.js; 0)',
  },
  'package-names': {
    arg: 'how',
    help: 'the fresh names of --package-surface: syllables (default), words (verb+noun) or mixed',
  },
  'package-neighbors': {
    arg: 'N',
    help: "with --package-surface: 0 to N other repos' modules beside each package's, as real repos have (0)",
  },
  'package-one-word': {
    arg: 'P',
    help: 'with --package-surface: that share of functions named by one lower-case word, as `leven`, `bytes` (0)',
  },
};

export const grpo: Record<string, FlagSpec> = {
  mode: { arg: 'mode', help: 'joint (default), single:<skill>, composite or sft' },
  max_steps: { arg: 'N', help: 'updates in all (default 100)' },
  prompts_per_step: { arg: 'n', help: 'tasks per step (default 4)' },
  num_generations: { arg: 'n', help: 'completions per task, the group (default 8)' },
  temperature: { arg: 't', help: 'sampling temperature (default 1)' },
  top_p: { arg: 'p', help: 'nucleus sampling (default 1)' },
  max_completion_length: { arg: 'n', help: 'new tokens per completion (default 128)' },
  max_prompt_length: { arg: 'n', help: 'longer prompts are rendered shorter, else left out (default 512)' },
  learning_rate: { arg: 'lr', help: 'AdamW learning rate (default 1e-4)' },
  warmup_steps: { arg: 'n', help: 'linear learning-rate warm-up over the first n steps, then constant (default 0)' },
  beta: { arg: 'b', help: 'KL coefficient (default 0)' },
  epsilon: { arg: 'e', help: 'lower clip range (default 0.2)' },
  epsilon_high: { arg: 'e', help: 'upper clip range (default: epsilon)' },
  loss_type: { arg: 'type', help: 'dapo (default), grpo or dr_grpo' },
  scale_rewards: { arg: 'how', help: 'group (default), batch or none' },
  mask_truncated_completions: { arg: 'bool', help: 'no loss on completions cut at the limit (default false)' },
  log_token_moves: {
    arg: 'bool',
    help: "log the explained group's log-probs after each update for the explainer (default true; one forward)",
  },
  num_iterations: { arg: 'n', help: 'updates per batch of completions (default 1)' },
  pack_groups: {
    arg: 'bool|auto',
    help:
      "each group's prompt once per trainer row, completions packed after it: true (wasm trainer), " +
      'auto (when the trainer takes them), false (default)',
  },
  max_num_gen_batches: {
    arg: 'n',
    help: 'dynamic sampling: up to n batches of prompts per step until prompts_per_step have reward spread (default 1)',
  },
  per_device_train_batch_size: { arg: 'n', help: 'sequences per micro-batch (default 8)' },
  save_steps: { arg: 'n', help: 'snapshot every n steps (default 10)' },
  seed: { arg: 'S', help: 'seed (default 0)' },
  levels: { arg: 'list', help: 'task levels, comma-separated (default 1)' },
  skill_mix: { arg: 'pairs', help: 'skill=weight pairs, e.g. localization=1,editing=2' },
  review_verdict_credit: {
    arg: 'r',
    help: 'training reward for a review with the right verdict but not the line (default 0; eval is unchanged)',
  },
  pool: { arg: 'N', help: 'tasks generated per kind for the pool (default 64)' },
  families,
  ...unseenPackages,
  sandboxes: { arg: 'N', help: 'sandbox workers (default cores - 1, at most 4)' },
};

// What a generated task set is made of (src/export/spec.ts): export and serve.
export const taskSpec: Record<string, FlagSpec> = {
  skills: { arg: 'list', help: 'all (the five atomic skills, default), composite, or kinds comma-separated' },
  split: { arg: 'split', help: 'train (default), val or test' },
  n: { arg: 'N', help: 'tasks per kind' },
  seed: { arg: 'S', help: 'seed (default 0)' },
  level: { arg: '1-5', help: 'difficulty (default mixed)' },
};

// What eval and experiment evaluate on, and how.
export const evalTasks: Record<string, FlagSpec> = {
  pack: { arg: 'file', help: 'evaluate a task pack (e.g. public/packs/realcode.jsonl) instead of generated tasks' },
  skills: { arg: 'list', help: 'all (default), atomic, composite, or kind names, comma-separated' },
  level: { arg: '1-5', help: 'generated tasks: one level (default mixed)' },
  k: { arg: 'K', help: 'samples per task for Avg@K (default 3)' },
  temperature: { arg: 't', help: 'sampling temperature (default 1); greedy pass@1 always runs too' },
  'max-new-tokens': { arg: 'N', help: 'new tokens per answer (default 256)' },
  seed: { arg: 'S', help: 'task, sampling and bootstrap seed (default 0)' },
  'no-composed': { help: 'skip the composed (atomic-scaffold) run of composite tasks' },
  'no-png': { help: 'skip the chart (it needs headless Chromium)' },
};
