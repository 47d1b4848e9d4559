// Held-out evaluation inside the run worker: the base policy and the policy being trained answer the same test-split
// tasks (src/eval: Avg@k with bootstrap CIs), next to the trivial baselines scored on those tasks. The page's
// Evaluation tab and the demo show it as the before/after that is not the run's own training rollouts.
import type { HeldOutResult } from '../api/page-state.ts';
import type { Checkpoint } from '../model/checkpoint.ts';
import { OrtPolicy } from '../eval/ort-policy.ts';
import { runEvaluation } from '../eval/run.ts';
import type { EvalOptions } from '../eval/evaluate.ts';
import { generateTaskPool } from '../rl/task-env.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { trivialBaselines } from '../tasks/baselines.ts';
import type { TaskKind } from '../tasks/types.ts';

export interface HeldOutOptions {
  kinds: readonly TaskKind[];
  levels: readonly number[];
  /** Test tasks per kind and level (default 10). */
  perKind?: number;
  /** Samples per task (default 2). */
  k?: number;
  temperature?: number;
  maxNewTokens: number;
  seed: number;
}

export async function evaluateHeldOut(
  base: Checkpoint,
  trained: Checkpoint,
  sandbox: Sandbox,
  o: HeldOutOptions,
  note: (s: string) => void = () => {},
): Promise<HeldOutResult> {
  const t0 = performance.now();
  const perKind = o.perKind ?? 10;
  const k = o.k ?? 2;
  const temperature = o.temperature ?? 0.6;
  note(`held-out: generating ${perKind} test tasks per kind …`);
  const tasks = await generateTaskPool({ ...o, perKind, split: 'test', sandbox });
  const options: EvalOptions = {
    k,
    temperature,
    seed: o.seed,
    maxNewTokens: o.maxNewTokens,
    composed: false,
    baselines: trivialBaselines,
    onProgress: (m) => note(`held-out: ${m}`),
  };
  const evaluate = async (name: string, ckpt: Checkpoint) => {
    const policy = await OrtPolicy.create(ckpt, { name, backend: 'wasm' });
    try {
      const input = { policy, tasks, tasksLabel: 'test split', sandbox, options, baselinesName: '', templateName: '' };
      return await runEvaluation(input);
    } finally {
      await policy.release();
    }
  };
  note('held-out: the base policy …');
  const before = await evaluate('base', base);
  note('held-out: the trained policy …');
  const after = await evaluate('trained', trained);
  const rows = before.summary.kinds.map((b) => {
    const a = after.summary.kinds.find((x) => x.kind === b.kind)!;
    return { kind: b.kind, base: b.avgAtK, trained: a.avgAtK, baseline: b.bestBaseline };
  });
  const levels = o.levels.join(',');
  return {
    tasks: `test split, level ${levels}, ${perKind} per kind, seed ${o.seed}`,
    k,
    temperature,
    rows,
    seconds: (performance.now() - t0) / 1000,
  };
}
