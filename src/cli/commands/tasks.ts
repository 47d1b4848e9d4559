// `atomgym tasks generate|check`: make task packs from the registry's generators, and verify packs (every
// task's oracle earns 1 and each negative control 0).
import { writeFile } from 'node:fs/promises';
import { boolFlag, numberFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { createQuickJsSandbox } from '../../sandbox/index.ts';
import { GENERATORS } from '../../tasks/registry.ts';
import { checkTask, type CheckResult } from '../../tasks/check.ts';
import { formatProblem, writePack } from '../../tasks/pack.ts';
import { readPackFile } from '../files.ts';
import { ATOMIC_SKILLS, COMPOSITE_KINDS, type Level, type Split, type TaskBase, type TaskKind } from '../../tasks/types.ts';

function kindsFor(skill: string): TaskKind[] {
  if (skill === 'all') return [...ATOMIC_SKILLS];
  if (skill === 'composite') {
    const kinds = COMPOSITE_KINDS.filter((k) => GENERATORS[k]);
    if (kinds.length === 0) throw new UsageError('no composite generators are registered');
    return kinds;
  }
  if (!GENERATORS[skill as TaskKind]) throw new UsageError(`--skill must be all, composite or one of: ${Object.keys(GENERATORS).join(', ')}`);
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
  const sandbox = await createQuickJsSandbox();
  const t0 = performance.now();
  const tasks: TaskBase[] = [];
  const perKind: Record<string, number> = {};
  for (const kind of kinds) {
    const made = await GENERATORS[kind]!({ split: split as Split, n, seed, level: level as Level | undefined, sandbox });
    tasks.push(...made);
    perKind[kind] = made.length;
  }
  await writeFile(out, writePack(tasks));
  const summary = { out, split, seed, level: level ?? 'mixed', tasks: tasks.length, perKind, seconds: Number(((performance.now() - t0) / 1000).toFixed(2)) };
  if (boolFlag(args, 'json')) console.log(JSON.stringify(summary, null, 2));
  else console.log(`wrote ${tasks.length} tasks to ${out} in ${summary.seconds}s (${Object.entries(perKind).map(([k, v]) => `${k}: ${v}`).join(', ')})`);
  sandbox.dispose?.();
  return 0;
}

async function check(args: ParsedArgs): Promise<number> {
  const file = args.positionals[0];
  if (!file) throw new UsageError('tasks check needs a pack file: atomgym tasks check pack.jsonl [--json]');
  const { tasks, problems } = await readPackFile(file);
  const sandbox = await createQuickJsSandbox();
  const t0 = performance.now();
  const perSkill: Record<string, { tasks: number; ok: number; failed: number }> = {};
  const failures: Array<Pick<CheckResult, 'id' | 'skill' | 'problems'>> = [];
  for (const task of tasks) {
    const r = await checkTask(task, sandbox);
    const s = (perSkill[task.skill] ??= { tasks: 0, ok: 0, failed: 0 });
    s.tasks++;
    if (r.ok) s.ok++;
    else {
      s.failed++;
      failures.push({ id: r.id, skill: r.skill, problems: r.problems });
    }
  }
  const ok = problems.length === 0 && failures.length === 0;
  const report = {
    pack: file,
    ok,
    tasks: tasks.length,
    perSkill,
    badLines: problems.map(formatProblem),
    failures,
    seconds: Number(((performance.now() - t0) / 1000).toFixed(2)),
  };
  if (boolFlag(args, 'json')) console.log(JSON.stringify(report, null, 2));
  else {
    for (const [k, s] of Object.entries(perSkill)) console.log(`${k.padEnd(16)} ${s.ok}/${s.tasks} ok`);
    for (const p of report.badLines) console.log(`bad line: ${p}`);
    for (const f of failures) console.log(`FAILED ${f.id} (${f.skill}): ${f.problems.join('; ')}`);
    console.log(ok ? `pack ok: ${tasks.length} tasks checked in ${report.seconds}s` : `pack FAILED: ${failures.length} task(s) failed, ${problems.length} bad line(s)`);
  }
  sandbox.dispose?.();
  return ok ? 0 : 1;
}

export async function run(args: ParsedArgs): Promise<number> {
  const [sub, ...rest] = args.positionals;
  const inner = { positionals: rest, flags: args.flags };
  if (sub === 'generate') return generate(inner);
  if (sub === 'check') return check(inner);
  throw new UsageError('tasks needs a subcommand: generate | check');
}
