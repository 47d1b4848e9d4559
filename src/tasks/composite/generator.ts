// Shared generator plumbing for the composite kinds: seeds, levels, family splits, and the run that pins testCount.
import type { FileMap, Sandbox } from '../../sandbox/types.ts';
import type { Generator, GeneratorOptions } from '../registry.ts';
import { createRng, hashString, type Rng } from '../rng.ts';
import type { CompositeKind, Level, Split } from '../types.ts';
import { diffAsEditBlock, formatEditBlocks, type EditBlock } from './edits.ts';
import { answeredFiles, runHiddenTests } from './judge.ts';
import { renderCompositePrompt } from './prompt.ts';
import { familiesOf, SPLIT_SEED_OFFSET } from './splits.ts';
import type { CompositeHidden, CompositeTask } from './types.ts';

export interface BuildContext {
  seed: number;
  level: Level;
  split: Split;
  family: string;
  rng: Rng;
  sandbox: Sandbox;
}

/** What a kind's builder returns; the plumbing adds id, split, meta and the reference test count. */
export interface CompositeDraft {
  files: FileMap;
  statement: string;
  goal?: CompositeTask['goal'];
  hidden: Omit<CompositeHidden, 'testCount'>;
}

/** Returns null when this seed gives no usable task (e.g. no observable mutation); the plumbing tries the next seed. */
export type BuildOne = (ctx: BuildContext) => Promise<CompositeDraft | null>;

const MAX_ATTEMPTS = 12;

/** One edit block per file that differs between `before` and `after`. */
export function editsBetween(before: FileMap, after: FileMap): EditBlock[] {
  const blocks: EditBlock[] = [];
  for (const path of Object.keys(after).sort()) {
    const old = before[path];
    if (old === after[path]) continue;
    blocks.push(
      old === undefined ? { path, search: '', replace: after[path] } : diffAsEditBlock(path, old, after[path]),
    );
  }
  return blocks;
}
export const answerBetween = (before: FileMap, after: FileMap): string => formatEditBlocks(editsBetween(before, after));

/** A negative control that changes nothing but a comment: the untouched repo, expressed as a valid answer. */
export function commentOnlyAnswer(files: FileMap, path: string): string {
  const text = files[path];
  const lines = text.split('\n');
  const unique = lines.find(
    (l) => l.trim() !== '' && lines.filter((o) => o === l).length === 1 && text.split(l).length === 2,
  );
  if (unique === undefined) throw new Error(`commentOnlyAnswer: no unique line in ${path}`);
  return formatEditBlocks([{ path, search: unique, replace: `// reviewed, no change needed\n${unique}` }]);
}

export async function finishTask(
  kind: CompositeKind,
  ctx: BuildContext,
  draft: CompositeDraft,
): Promise<CompositeTask> {
  const task: CompositeTask = {
    id: `${kind}-${ctx.split}-L${ctx.level}-${ctx.seed}`,
    skill: kind,
    level: ctx.level,
    split: ctx.split,
    repo: { files: draft.files },
    statement: draft.statement,
    ...(draft.goal ? { goal: draft.goal } : {}),
    hidden: { ...draft.hidden, testCount: 0 },
    meta: { source: 'procedural', family: ctx.family, seed: ctx.seed, promptChars: 0 },
  };
  const files = answeredFiles(task, task.hidden.oracle);
  if ('reward' in files) throw new Error(`${task.id}: oracle answer does not apply: ${String(files.detail)}`);
  const run = await runHiddenTests(files, task, ctx.sandbox);
  if ('reward' in run || run.status !== 'ok' || run.totals.passed === 0 || run.totals.passed !== run.tests.length) {
    const failure = 'reward' in run ? '' : (run.tests.find((t) => t.status !== 'passed')?.message ?? run.message ?? '');
    const why = 'reward' in run ? run.detail : `${run.status} ${JSON.stringify(run.totals)} ${failure}`;
    throw new Error(`${task.id}: the reference solution does not pass its own tests: ${why}`);
  }
  task.hidden.testCount = run.totals.passed;
  task.meta.promptChars = renderCompositePrompt(task).length;
  return task;
}

/** A Generator (registry contract) from a kind's families and its one-task builder. */
export function compositeGenerator(kind: CompositeKind, families: readonly string[], build: BuildOne): Generator {
  return async (opts: GeneratorOptions) => {
    const chosen = familiesOf(families, opts.split);
    const tasks: CompositeTask[] = [];
    const first = opts.first ?? 0;
    for (let i = first; i < first + opts.n; i++) {
      const level = (opts.level ?? (i % 5) + 1) as Level;
      let made: CompositeTask | null = null;
      for (let attempt = 0; attempt < MAX_ATTEMPTS && !made; attempt++) {
        const seed = SPLIT_SEED_OFFSET[opts.split] + opts.seed + i + attempt * 100_003;
        const rng = createRng(hashString(`${kind}:${seed}:${level}`));
        const family = chosen[rng.int(0, chosen.length - 1)];
        const ctx: BuildContext = { seed, level, split: opts.split, family, rng, sandbox: opts.sandbox };
        const draft = await build(ctx);
        if (draft) made = await finishTask(kind, ctx, draft);
      }
      if (!made)
        throw new Error(
          `${kind}: no usable task after ${MAX_ATTEMPTS} seeds from ${opts.seed + i} (${opts.split}, level ${level})`,
        );
      tasks.push(made);
    }
    return tasks;
  };
}
