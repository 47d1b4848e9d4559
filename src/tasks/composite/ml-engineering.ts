// ML engineering: a numeric routine has a bug that keeps it from its metric; the hidden test computes the metric
// on data it draws in the sandbox and asserts the threshold. Bugs are hand-picked numeric faults, one per seed.
import type { FileMap } from '../../sandbox/types.ts';
import {
  answerBetween,
  commentOnlyAnswer,
  compositeGenerator,
  type BuildContext,
  type CompositeDraft,
} from './generator.ts';
import { fillerModules, renderHiddenTests, renderSources, renderVisibleTests } from './layout.ts';
import { LCG, ML_SCENARIOS, type MlScenario } from './ml-scenarios.ts';
import { PROBE_LIMITS } from './judge.ts';

export const ML_FAMILIES = ML_SCENARIOS.map((s) => s.family);

export function withBug(s: MlScenario, bug: readonly [string, string]): string {
  const [search, replace] = bug;
  const at = s.source.indexOf(search);
  if (at < 0 || s.source.indexOf(search, at + 1) >= 0)
    throw new Error(`ml-engineering ${s.family}: bug text must occur once: ${search}`);
  return s.source.slice(0, at) + replace + s.source.slice(at + search.length);
}

function metricFile(s: MlScenario, seed: number): string {
  return `import { ${s.fn} } from '../src/${s.file}.js';\n\n${LCG}\n\ndescribe(${JSON.stringify(`${s.fn} metric`)}, () => {\n${s.metricTest(seed)}\n});\n`;
}

async function build(ctx: BuildContext): Promise<CompositeDraft | null> {
  const s = ML_SCENARIOS.find((x) => x.family === ctx.family);
  if (!s) throw new Error(`ml-engineering: unknown scenario ${ctx.family}`);
  const order = ctx.rng.shuffle(s.bugs.map((_, i) => i));
  const path = `src/${s.file}.js`;
  const fillers = fillerModules(ctx.level, ctx.rng);
  // The visible metric test uses another data seed than the hidden one, so tuning to it alone is not enough.
  const visibleSeed = ctx.rng.int(1, 1e9);
  const repo: FileMap = { ...renderSources(fillers), ...renderVisibleTests(fillers) };
  // Levels 1–2 keep the prompt short: the statement names the metric; from level 3 the repo has a metric test.
  if (ctx.level >= 3) repo[`test/${s.file}.test.js`] = metricFile(s, visibleSeed);
  const hiddenTests: FileMap = {
    ...renderHiddenTests(fillers),
    [`test/${s.file}.hidden.test.js`]: metricFile(s, ctx.rng.int(1, 1e9)),
  };
  // Keep only bugs that really miss the metric on this task's hidden data (checked by running, not assumed).
  const metricOnly = { [`test/${s.file}.hidden.test.js`]: hiddenTests[`test/${s.file}.hidden.test.js`] };
  const failing: number[] = [];
  for (const i of order) {
    if (failing.length >= 2) break;
    const run = await ctx.sandbox.run(
      { [path]: withBug(s, s.bugs[i]), ...metricOnly },
      { kind: 'tests', files: Object.keys(metricOnly) },
      PROBE_LIMITS,
    );
    if (run.status !== 'ok' || run.totals.passed < run.tests.length || run.tests.length === 0) failing.push(i);
  }
  if (failing.length < 2) return null;
  const [bugIndex, otherIndex] = failing;
  const buggy = withBug(s, s.bugs[bugIndex]);
  repo[path] = buggy;
  return {
    files: repo,
    statement: s.targets[ctx.level <= 2 ? 0 : ctx.level === 3 ? 1 : 2],
    hidden: {
      tests: hiddenTests,
      oracle: answerBetween(repo, { ...repo, [path]: s.source }),
      negatives: [
        commentOnlyAnswer(repo, path),
        answerBetween(repo, { ...repo, [path]: withBug(s, s.bugs[otherIndex]) }),
      ],
      changedFiles: [path],
      note: `${s.family}: ${s.bugs[bugIndex].join(' → ')}`,
    },
  };
}

export const generateMlEngineering = compositeGenerator('ml-engineering', ML_FAMILIES, build);
