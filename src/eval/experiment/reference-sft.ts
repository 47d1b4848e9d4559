// A TrainArm that really trains, on any machine, with nothing but the float64 reference model (src/model/reference):
// supervised fine-tuning on oracle answers of the arm's task mix (train split), AdamW, clipped. It stands in for the
// GRPO loop until that is wired (train-arm.ts) and keeps the experiment's orchestration honest end to end; it is
// SFT, not RL, and float64 JavaScript is only fast enough for tiny models. Examples that do not fit the context keep
// their answer and lose the start of the prompt; examples whose answer alone does not fit are skipped; both counted.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readCheckpoint, writeCheckpoint } from '../../model/checkpoint.ts';
import { directoryReader, directoryWriter } from '../../model/checkpoint-node.ts';
import { PRESETS, type LlamaConfig } from '../../model/config.ts';
import { initParams, referenceBackward, referenceForward, type ParamMap } from '../../model/reference/model.ts';
import { newAdamwState, referenceOptimizerStep } from '../../model/reference/train-step.ts';
import { tokenizerFromHfJson } from '../../model/tokenizer/index.ts';
import type { RlMode } from '../../rl/types.ts';
import { createQuickJsSandbox } from '../../sandbox/index.ts';
import { GENERATORS, SKILLS } from '../../tasks/registry.ts';
import { createRng } from '../../tasks/rng.ts';
import { ATOMIC_SKILLS, COMPOSITE_KINDS, type Level, type TaskBase, type TaskKind } from '../../tasks/types.ts';
import { writeFileAtomic } from '../node-io.ts';
import { chatTemplate } from '../template.ts';
import type { TrainArm } from './arm.ts';

export interface ReferenceSftOptions {
  batch: number;
  /** Tokens per example (capped by the model's context). */
  seqLen: number;
  learningRate: number;
  /** Train-split tasks generated per kind to draw examples from. */
  poolPerKind: number;
  level?: Level;
}

export const REFERENCE_SFT_DEFAULTS: ReferenceSftOptions = {
  batch: 2,
  seqLen: 256,
  learningRate: 1e-3,
  poolPerKind: 8,
  level: 1,
};

/** The task kinds an arm trains on. */
export function kindsOfMode(mode: RlMode): TaskKind[] {
  if (mode === 'sft' || mode === 'joint') return [...ATOMIC_SKILLS];
  if (mode === 'composite') return [...COMPOSITE_KINDS];
  return [mode.slice('single:'.length) as TaskKind];
}

const TOKENIZER_DIR = fileURLToPath(new URL('../../../public/tokenizer/', import.meta.url));

export function referenceSftArmWith(o: ReferenceSftOptions): TrainArm {
  return async (req) => {
    const t0 = performance.now();
    const say = req.say ?? (() => {});
    let config: LlamaConfig;
    let tokenizer: unknown;
    let params: ParamMap;
    if (req.init) {
      const { checkpoint } = await readCheckpoint(directoryReader(req.init), {
        requireTokenizer: true,
        source: req.init,
      });
      config = checkpoint.config;
      tokenizer = checkpoint.tokenizer;
      params = new Map([...checkpoint.weights].map(([k, v]) => [k, Float64Array.from(v)]));
    } else {
      config = PRESETS[req.preset];
      const file = join(TOKENIZER_DIR, `${req.preset}.json`);
      if (!existsSync(file))
        throw new Error(
          `reference SFT: no tokenizer for preset '${req.preset}' at ${file}; start from a checkpoint instead`,
        );
      tokenizer = JSON.parse(await readFile(file, 'utf8'));
      params = initParams(config, req.seed, 0.02);
    }
    const tok = tokenizerFromHfJson(JSON.stringify(tokenizer), 'tokenizer.json');
    const T = Math.min(o.seqLen, config.max_position_embeddings);

    const sandbox = await createQuickJsSandbox();
    const pool = new Map<TaskKind, TaskBase[]>();
    try {
      for (const kind of kindsOfMode(req.mode)) {
        pool.set(
          kind,
          await GENERATORS[kind]!({
            split: 'train',
            n: o.poolPerKind,
            seed: req.seed,
            level: o.level,
            families: req.families,
            sandbox,
          }),
        );
      }
    } finally {
      sandbox.dispose?.();
    }
    const kinds = [...pool.keys()];
    const rng = createRng(req.seed ^ 0x5f7);
    const state = newAdamwState(params);
    const log: string[] = [];
    const counts = { truncatedPrompts: 0, skippedTooLong: 0 };
    const padId = tok.hasToken('<|pad|>') ? tok.tokenId('<|pad|>') : 0;
    let steps = 0,
      samples = 0;
    const deadline = 'minutes' in req.budget ? t0 + req.budget.minutes * 60_000 : Infinity;
    const maxSteps = 'steps' in req.budget ? req.budget.steps : Infinity;
    while (steps < maxSteps && (steps === 0 || performance.now() < deadline)) {
      const rows: number[][] = [],
        masks: number[][] = [],
        weights: number[][] = [];
      let answerTokens = 0;
      for (let tries = 0; rows.length < o.batch; tries++) {
        if (tries > 50 * o.batch) throw new Error(`reference SFT: no example of ${kinds.join(', ')} fits ${T} tokens`);
        const task = rng.pick(pool.get(rng.pick(kinds))!);
        const skill = SKILLS[task.skill]!;
        let { tokens, answerStart } = chatTemplate.encodeExample(
          tok,
          skill.renderPrompt(task),
          skill.oracleAnswer(task),
        );
        if (tokens.length > T) {
          const cut = tokens.length - T;
          if (cut >= answerStart) {
            counts.skippedTooLong++;
            continue;
          }
          counts.truncatedPrompts++;
          tokens = tokens.slice(cut);
          answerStart -= cut;
        }
        const n = tokens.length;
        rows.push([...tokens, ...new Array<number>(T - n).fill(padId)]);
        masks.push(Array.from({ length: T }, (_, t) => (t < n ? 1 : 0)));
        // Entry t scores token t+1 (src/train/backend.ts): the answer's tokens are scored at t = answerStart-1 … n-2.
        weights.push(Array.from({ length: T }, (_, t) => (t >= answerStart - 1 && t < n - 1 ? 1 : 0)));
        answerTokens += n - answerStart;
      }
      const w = weights.map((r) => r.map((x) => -x / answerTokens)); // descend Σ w·logprob = mean answer NLL
      const { logprobs, cache } = referenceForward(config, params, rows, masks);
      let nll = 0;
      w.forEach((r, b) => r.forEach((x, t) => (nll += x * logprobs[b * T + t])));
      const grads = referenceBackward(config, params, cache, w);
      const { gradNorm, skipped } = referenceOptimizerStep(params, grads, state, {
        lr: o.learningRate,
        beta1: 0.9,
        beta2: 0.95,
        eps: 1e-8,
        weightDecay: 0,
        maxNorm: 1,
      });
      steps++;
      samples += rows.length;
      const seconds = (performance.now() - t0) / 1000;
      log.push(
        JSON.stringify({ step: steps, loss: nll, grad_norm: gradNorm, skipped: skipped ? 1 : 0, samples, seconds }),
      );
      if (steps % 10 === 1) say(`step ${steps}: answer NLL ${nll.toFixed(3)}, ${seconds.toFixed(1)} s`);
    }
    const weightsOut = new Map([...params].map(([k, v]) => [k, Float32Array.from(v)]));
    await writeCheckpoint(directoryWriter(req.outDir), { config, weights: weightsOut, tokenizer });
    await writeFileAtomic(join(req.outDir, 'train-log.jsonl'), `${log.join('\n')}\n`);
    await writeFileAtomic(
      join(req.outDir, 'train-summary.json'),
      `${JSON.stringify({ mode: req.mode, kinds, steps, samples, ...counts, options: o }, null, 1)}\n`,
    );
    return {
      checkpoint: req.outDir,
      steps,
      samples,
      seconds: (performance.now() - t0) / 1000,
      trainer: "reference-sft (float64 SFT on oracle answers of the arm's task mix; not RL)",
    };
  };
}

export const referenceSftArm: TrainArm = referenceSftArmWith(REFERENCE_SFT_DEFAULTS);
