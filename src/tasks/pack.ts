// Pack IO: one task per line of JSON. Loading validates every line and reports every bad one, never dropping silently.
import { kindFieldProblems, PACK_LIMITS, repoProblems } from './pack-fields.ts';
import { ATOMIC_SKILLS, COMPOSITE_KINDS, type TaskBase, type TaskKind } from './types.ts';

export interface PackProblem {
  file: string;
  /** 1-based line number in the pack. */
  line: number;
  /** The offending field (dotted path), or '(line)' when the line is not JSON at all. */
  field: string;
  message: string;
}

export class PackError extends Error {
  override name = 'PackError';
  constructor(readonly problems: PackProblem[]) {
    super(`${problems.length} bad line(s) in pack:\n${problems.map(formatProblem).join('\n')}`);
  }
}

export function formatProblem(p: PackProblem): string {
  return `${p.file}:${p.line}: field '${p.field}': ${p.message}`;
}

const KINDS = new Set<string>([...ATOMIC_SKILLS, ...COMPOSITE_KINDS]);
const SPLITS = new Set(['train', 'val', 'test']);
const SOURCES = new Set(['procedural', 'real-code', 'user']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Problems with one parsed task object (empty when it is valid). */
export function validateTask(value: unknown): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  if (!isObject(value)) return [{ field: '(line)', message: 'expected a JSON object' }];
  if (typeof value.id !== 'string' || value.id.length === 0)
    out.push({ field: 'id', message: 'expected a non-empty string' });
  if (typeof value.skill !== 'string' || !KINDS.has(value.skill))
    out.push({
      field: 'skill',
      message: `expected one of ${[...KINDS].join(', ')}, got ${JSON.stringify(value.skill)}`,
    });
  if (![1, 2, 3, 4, 5].includes(value.level as number))
    out.push({ field: 'level', message: `expected an integer 1..5, got ${JSON.stringify(value.level)}` });
  if (typeof value.split !== 'string' || !SPLITS.has(value.split))
    out.push({ field: 'split', message: `expected train, val or test, got ${JSON.stringify(value.split)}` });
  const repo = repoProblems(value.repo);
  out.push(...repo);
  if (!isObject(value.hidden)) out.push({ field: 'hidden', message: 'expected an object' });
  if (!isObject(value.meta)) out.push({ field: 'meta', message: 'expected an object' });
  else {
    if (typeof value.meta.source !== 'string' || !SOURCES.has(value.meta.source))
      out.push({ field: 'meta.source', message: 'expected procedural, real-code or user' });
    if (typeof value.meta.family !== 'string') out.push({ field: 'meta.family', message: 'expected a string' });
    if (typeof value.meta.promptChars !== 'number' || !Number.isFinite(value.meta.promptChars))
      out.push({ field: 'meta.promptChars', message: 'expected a number' });
  }
  // The fields each kind's reward reads, with every size and count bounded (src/tasks/pack-fields.ts).
  if (out.length === 0) out.push(...kindFieldProblems(value as Parameters<typeof kindFieldProblems>[0]));
  return out;
}

/** Parses every line; returns the valid tasks and a problem for each bad line (blank lines are allowed). */
export function parsePack(text: string, file: string): { tasks: TaskBase[]; problems: PackProblem[] } {
  const tasks: TaskBase[] = [];
  const problems: PackProblem[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    if (raw.length > PACK_LIMITS.lineChars) {
      problems.push({
        file,
        line,
        field: '(line)',
        message: `${raw.length} characters; a task line may have at most ${PACK_LIMITS.lineChars}`,
      });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      problems.push({
        file,
        line,
        field: '(line)',
        message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
      });
      return;
    }
    const bad = validateTask(value);
    if (bad.length > 0) {
      for (const b of bad) problems.push({ file, line, ...b });
      return;
    }
    const task = value as TaskBase;
    const earlier = seen.get(task.id);
    if (earlier !== undefined) {
      problems.push({
        file,
        line,
        field: 'id',
        message: `duplicate id ${JSON.stringify(task.id)} (first on line ${earlier})`,
      });
      return;
    }
    seen.set(task.id, line);
    tasks.push(task);
  });
  return { tasks, problems };
}

/** Strict load: throws a PackError listing every bad line when there is any. */
export function readPack(text: string, file: string): TaskBase[] {
  const { tasks, problems } = parsePack(text, file);
  if (problems.length > 0) throw new PackError(problems);
  return tasks;
}

export function writePack(tasks: readonly TaskBase[]): string {
  return tasks.map((t) => JSON.stringify(t)).join('\n') + (tasks.length > 0 ? '\n' : '');
}

export function countBy(tasks: readonly TaskBase[]): Partial<Record<TaskKind, number>> {
  const out: Partial<Record<TaskKind, number>> = {};
  for (const t of tasks) out[t.skill] = (out[t.skill] ?? 0) + 1;
  return out;
}
