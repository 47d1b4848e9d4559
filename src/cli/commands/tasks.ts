// `atomgym tasks generate|check|baselines`: make task packs from the registry's generators, verify packs (every
// task's oracle earns 1, each negative control 0, no trivial baseline above its ceiling) and score the baselines.
import { readFile, writeFile } from 'node:fs/promises';
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
import { availableParallelism } from 'node:os';
import { createNodeWorkerPool } from '../../sandbox/worker/node.ts';
import { GENERATORS, SKILLS } from '../../tasks/registry.ts';
import { generateInSlices } from '../../tasks/generate/slices.ts';
import { generationJobs } from '../../rl/node/setup.ts';
import { hashSeed } from '../../rl/seed.ts';
import { createRng } from '../../tasks/rng.ts';
import { asUnseenPackages } from '../../tasks/surface.ts';
import { checkTask, type CheckResult } from '../../tasks/check.ts';
import { scoreBaselines, type BaselineRow } from '../../tasks/baseline-score.ts';
import { lengthTable } from '../../tasks/lengths.ts';
import { tokenizerFromHfJson } from '../../model/tokenizer/index.ts';
import { formatProblem, writePack } from '../../tasks/pack.ts';
import { readPackFile } from '../files.ts';
import {
  ATOMIC_SKILLS,
  COMPOSITE_KINDS,
  type Level,
  type Split,
  type TaskBase,
  type TaskKind,
} from '../../tasks/types.ts';

function kindsFor(skill: string): TaskKind[] {
  if (skill === 'all') return [...ATOMIC_SKILLS];
  if (skill === 'composite') {
    const kinds = COMPOSITE_KINDS.filter((k) => GENERATORS[k]);
    if (kinds.length === 0) throw new UsageError('no composite generators are registered');
    return kinds;
  }
  if (!GENERATORS[skill as TaskKind])
    throw new UsageError(`--skill must be all, composite or one of: ${Object.keys(GENERATORS).join(', ')}`);
  return [skill as TaskKind];
}

async function generate(args: ParsedArgs): Promise<number> {
  const kinds = kindsFor(stringFlag(args, 'skill'));
  const split = stringFlag(args, 'split', 'train');
  if (!['train', 'val', 'test'].includes(split)) throw new UsageError('--split must be train, val or test');
  const n = numberFlag(args, 'n');
  const seed = numberFlag(args, 'seed', 0);
  const levelFlag = args.flags.get('level');
  const level = levelFlag === undefined ? undefined : numberFlag(args, 'level');
  if (level !== undefined && ![1, 2, 3, 4, 5].includes(level)) throw new UsageError('--level must be 1..5');
  if (!Number.isInteger(n) || n < 1) throw new UsageError('--n must be a positive integer');
  const out = stringFlag(args, 'out');
  const families = familiesFlag(args);
  // Tasks are seeded one by one, so the pack is the same whatever --jobs is (the sandbox workers that make it).
  const jobs = args.flags.has('jobs') ? numberFlag(args, 'jobs') : generationJobs();
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError('--jobs must be an integer 1..64');
  const sandbox = jobs === 1 ? await createQuickJsSandbox() : createNodeWorkerPool(jobs);
  const t0 = performance.now();
  const tasks: TaskBase[] = [];
  const perKind: Record<string, number> = {};
  for (const kind of kinds) {
    const made = await generateInSlices(GENERATORS[kind]!, {
      split: split as Split,
      n,
      seed,
      level: level as Level | undefined,
      families,
      sandbox,
    });
    tasks.push(...made);
    perKind[kind] = made.length;
  }
  const { share, names, neighbors, oneWord } = unseenPackageFlags(args);
  // Its own stream after generation, so the tasks are those of the same call without the flag.
  const rng = createRng(hashSeed(seed, 'tasks-package-surface', 0));
  const shown = asUnseenPackages(tasks, share, rng, names, neighbors, oneWord);
  await writeFile(out, writePack(shown));
  const summary = {
    out,
    jobs,
    split,
    seed,
    level: level ?? 'mixed',
    families,
    ...(share > 0 ? { packageSurface: share, packageNames: names } : {}),
    ...(share > 0 && neighbors > 0 ? { packageNeighbors: neighbors } : {}),
    ...(share > 0 && oneWord > 0 ? { packageOneWord: oneWord } : {}),
    tasks: tasks.length,
    perKind,
    seconds: Number(((performance.now() - t0) / 1000).toFixed(2)),
  };
  if (boolFlag(args, 'json')) console.log(JSON.stringify(summary, null, 2));
  else
    console.log(
      `wrote ${tasks.length} tasks to ${out} in ${summary.seconds}s (${Object.entries(perKind)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')})`,
    );
  sandbox.dispose?.();
  return 0;
}

async function check(args: ParsedArgs): Promise<number> {
  const file = args.positionals[0];
  if (!file) throw new UsageError('tasks check needs a pack file: atomgym tasks check pack.jsonl [--json]');
  const { tasks, problems } = await readPackFile(file);
  // A pack is untrusted input too: every run is in a worker that a watchdog terminates at its limit; tasks are
  // checked `--jobs` at a time (default: one per core, at most 4) over a pool of such workers.
  const jobs = args.flags.has('jobs') ? numberFlag(args, 'jobs') : Math.max(1, Math.min(4, availableParallelism()));
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError('--jobs must be an integer 1..64');
  const sandbox = createNodeWorkerPool(jobs);
  const t0 = performance.now();
  const perSkill: Record<string, { tasks: number; ok: number; failed: number }> = {};
  const failures: Array<Pick<CheckResult, 'id' | 'skill' | 'problems'>> = [];
  const checked = new Array<CheckResult>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < tasks.length; i = next++) checked[i] = await checkTask(tasks[i], sandbox);
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  for (const [i, r] of checked.entries()) {
    const s = (perSkill[tasks[i].skill] ??= { tasks: 0, ok: 0, failed: 0 });
    s.tasks++;
    if (r.ok) s.ok++;
    else {
      s.failed++;
      failures.push({ id: r.id, skill: r.skill, problems: r.problems });
    }
  }
  const baselines = boolFlag(args, 'no-baselines') ? [] : await scoreBaselines(tasks, sandbox);
  const overCeiling = baselines.filter((b) => b.exceeds);
  const ok = problems.length === 0 && failures.length === 0 && overCeiling.length === 0;
  const report = {
    pack: file,
    ok,
    tasks: tasks.length,
    perSkill,
    badLines: problems.map(formatProblem),
    failures,
    baselinesOverCeiling: overCeiling,
    seconds: Number(((performance.now() - t0) / 1000).toFixed(2)),
  };
  if (boolFlag(args, 'json')) console.log(JSON.stringify(report, null, 2));
  else {
    for (const [k, s] of Object.entries(perSkill)) console.log(`${k.padEnd(16)} ${s.ok}/${s.tasks} ok`);
    for (const p of report.badLines) console.log(`bad line: ${p}`);
    for (const f of failures) console.log(`FAILED ${f.id} (${f.skill}): ${f.problems.join('; ')}`);
    for (const b of overCeiling)
      console.log(
        `BASELINE ${b.kind}/${b.baseline} earns ${b.mean.toFixed(3)} > ceiling ${b.ceiling} on ${b.tasks} tasks`,
      );
    console.log(
      ok
        ? `pack ok: ${tasks.length} tasks checked in ${report.seconds}s`
        : `pack FAILED: ${failures.length} task(s) failed, ${problems.length} bad line(s), ${overCeiling.length} baseline(s) over the ceiling`,
    );
  }
  sandbox.dispose?.();
  return ok ? 0 : 1;
}

/**
 * `tasks corpus --out F [--n N] [--seed S]`: the task world's own text (prompt + oracle answer of N train tasks per
 * atomic skill per level 1–5, and per composite kind) for training the demo tokenizer. Train split only, so the
 * tokenizer never saw held-out families' text; deterministic for a given seed.
 */
async function corpus(args: ParsedArgs): Promise<number> {
  const out = stringFlag(args, 'out');
  const n = numberFlag(args, 'n', 30);
  const seed = numberFlag(args, 'seed', 7);
  const sandbox = await createQuickJsSandbox();
  const parts: string[] = [];
  const jobs: Array<{ kind: TaskKind; level?: Level }> = [
    ...ATOMIC_SKILLS.flatMap((kind) => ([1, 2, 3, 4, 5] as const).map((level) => ({ kind, level }))),
    ...COMPOSITE_KINDS.filter((k) => GENERATORS[k]).map((kind) => ({ kind })),
  ];
  for (const { kind, level } of jobs) {
    const made = await GENERATORS[kind]!({ split: 'train', n: level === undefined ? n * 2 : n, seed, level, sandbox });
    for (const t of made) parts.push(`${SKILLS[kind]!.renderPrompt(t)}\n${SKILLS[kind]!.oracleAnswer(t)}\n`);
  }
  sandbox.dispose?.();
  await writeFile(out, parts.join('\n'));
  const chars = parts.reduce((a, p) => a + p.length, 0);
  console.log(
    boolFlag(args, 'json')
      ? JSON.stringify({ out, tasks: parts.length, chars })
      : `wrote ${parts.length} tasks' text (${chars} chars) to ${out}`,
  );
  return 0;
}

/** p50/p90/p95 of tokens in prompt + oracle answer, per kind and level, with a tokenizer.json; and chars/token. */
async function lengths(args: ParsedArgs): Promise<number> {
  const file = stringFlag(args, 'pack');
  const tokPath = stringFlag(args, 'tokenizer', 'public/tokenizer/demo.json');
  const { tasks, problems } = await readPackFile(file);
  if (problems.length > 0)
    throw new UsageError(`${file}: ${problems.length} bad line(s), first: ${formatProblem(problems[0])}`);
  const tok = tokenizerFromHfJson(await readFile(tokPath, 'utf8'), tokPath);
  const rows = lengthTable(tasks, (t) => tok.encode(t).length);
  if (boolFlag(args, 'json')) console.log(JSON.stringify({ pack: file, tokenizer: tokPath, rows }, null, 2));
  else
    for (const r of rows)
      console.log(
        `${r.kind.padEnd(16)} L${r.level} n=${r.tasks} p50 ${r.p50} p90 ${r.p90} p95 ${r.p95} max ${r.max} tokens; prompt ${r.promptCharsPerToken} chars/token`,
      );
  return 0;
}

export function baselineTable(rows: readonly BaselineRow[]): string {
  const lines = rows.map(
    (r) =>
      `${r.kind.padEnd(16)} ${r.baseline.padEnd(24)} ${r.mean.toFixed(3)}  (ceiling ${r.ceiling}, n=${r.tasks})${r.exceeds ? '  OVER' : r.judged ? '' : '  (too few tasks to judge)'}`,
  );
  return [`${'kind'.padEnd(16)} ${'baseline'.padEnd(24)} mean`, ...lines].join('\n');
}

async function baselines(args: ParsedArgs): Promise<number> {
  const file = stringFlag(args, 'pack', args.positionals[0] ?? '');
  if (!file) throw new UsageError('tasks baselines needs a pack: atomgym tasks baselines --pack pack.jsonl [--json]');
  const { tasks, problems } = await readPackFile(file);
  if (problems.length > 0)
    throw new UsageError(`${file}: ${problems.length} bad line(s), first: ${formatProblem(problems[0])}`);
  const sandbox = await createQuickJsSandbox();
  const rows = await scoreBaselines(tasks, sandbox);
  sandbox.dispose?.();
  const over = rows.filter((r) => r.exceeds);
  if (boolFlag(args, 'json'))
    console.log(JSON.stringify({ pack: file, tasks: tasks.length, ok: over.length === 0, baselines: rows }, null, 2));
  else console.log(baselineTable(rows));
  return over.length === 0 ? 0 : 1;
}

export async function run(args: ParsedArgs): Promise<number> {
  const [sub, ...rest] = args.positionals;
  const inner = { positionals: rest, flags: args.flags };
  if (sub === 'generate') return generate(inner);
  if (sub === 'check') return check(inner);
  if (sub === 'baselines') return baselines(inner);
  if (sub === 'corpus') return corpus(inner);
  if (sub === 'lengths') return lengths(inner);
  throw new UsageError('tasks needs a subcommand: generate | check | baselines | corpus | lengths');
}
