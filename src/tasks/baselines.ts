// Trivial baselines: declared policies that ignore a task's substance (constant answers, the first/only/every/a
// random candidate, empty or tautological tests, the visible test copied back, always approve/reject, the prompt's
// own text pasted back). They are scored beside every policy, and a pack where one earns more than its ceiling is
// rejected (`tasks check`): a task a constant can solve measures nothing.
import type { FileMap } from '../sandbox/types.ts';
import { createRng, hashString } from './rng.ts';
import { COMPOSITE_KINDS, type CompositeKind, type TaskBase, type TaskKind } from './types.ts';
import { relativeImport, resolveRelativeImport } from './world/tests.ts';
import { editBlockText } from './skills/edits.ts';

export interface Baseline {
  name: string;
  answer: string;
}

/** Highest mean reward a trivial baseline may earn on a pack, per task kind (every level, every split). */
export const BASELINE_CEILING: Record<TaskKind, number> = {
  localization: 0.2,
  editing: 0.2,
  'test-generation': 0.2,
  reproduction: 0.2,
  review: 0.2,
  'bug-fixing': 0.2,
  refactoring: 0.2,
  'security-fix': 0.2,
  feature: 0.2,
  'ml-engineering': 0.2,
};

/**
 * Baselines that are a pure coin flip on a two-way verdict may reach 0.5 (review generates half clean, half faulty
 * changes, so "always approve" earns exactly that); a faulty change's verdict needs its line, so "always reject"
 * cannot.
 */
export const COIN_FLIP_CEILING = 0.5;
const COIN_FLIPS: ReadonlySet<string> = new Set(['review/always-approve']);

export function baselineCeiling(kind: TaskKind, name: string): number {
  return COIN_FLIPS.has(`${kind}/${name}`) ? COIN_FLIP_CEILING : BASELINE_CEILING[kind];
}

const isTest = (p: string) => /\.(test|spec)\.[cm]?[jt]s$/.test(p) || p.startsWith('__hidden__/');
const sources = (files: FileMap) =>
  Object.keys(files)
    .filter((p) => !isTest(p))
    .sort();
const tests = (files: FileMap) => Object.keys(files).filter(isTest).sort();
const str = (task: TaskBase, field: string): string => {
  const v = (task as unknown as Record<string, unknown>)[field];
  return typeof v === 'string' ? v : '';
};
const block = editBlockText;

/** A line that occurs once in `text` (so an edit block on it applies), preferring an export line. */
function uniqueLine(text: string): string | null {
  const lines = text.split('\n').filter((l) => l.trim().length > 3 && text.split(l).length === 2);
  return lines.find((l) => l.startsWith('export ')) ?? lines[0] ?? null;
}

/** The visible test file closest to `module` (same base name first), or the first test file. */
function visibleTestFor(files: FileMap, module: string): string | null {
  const base = module
    .split('/')
    .pop()!
    .replace(/\.[cm]?js$/, '');
  const all = tests(files);
  return all.find((p) => p.split('/').pop()!.startsWith(`${base}.`)) ?? all[0] ?? null;
}

/** A visible test file re-pointed from its own location to `testPath` (import paths rewritten). */
function copiedTest(files: FileMap, from: string, testPath: string): string {
  return files[from].replace(/from '([^']+)'/g, (_, imp: string) => {
    const target = resolveRelativeImport(from, imp);
    return `from '${relativeImport(testPath, target)}'`;
  });
}

const TAUTOLOGY = "it('works', () => {\n  expect(1).toBe(1);\n});\n";

function localization(task: TaskBase): Baseline[] {
  const files = sources(task.repo.files);
  const rng = createRng(hashString(`baseline|${task.id}`));
  return [
    { name: 'empty', answer: '' },
    { name: 'first-file', answer: files[0] ?? '' },
    { name: 'last-file', answer: files[files.length - 1] ?? '' },
    { name: 'random-file', answer: files.length > 0 ? rng.pick(files) : '' },
    { name: 'every-file', answer: files.join('\n') },
    { name: 'issue-pasted', answer: str(task, 'issue') },
  ];
}

/** Editing: no edit, a no-op edit, and hard-coding the instruction's expected value as the function's result. */
function editing(task: TaskBase): Baseline[] {
  const file = str(task, 'file');
  const text = task.repo.files[file] ?? '';
  const line = uniqueLine(text);
  const out: Baseline[] = [
    { name: 'empty', answer: '' },
    { name: 'instruction-pasted', answer: str(task, 'instruction') },
  ];
  if (line !== null) out.push({ name: 'no-op-edit', answer: block(file, line, line) });
  const expected = /should give `([^`]+)`/.exec(str(task, 'instruction'))?.[1];
  const fn = (task as unknown as { location?: { fn?: string } }).location?.fn;
  const decl = fn
    ? text.split('\n').find((l) => l.startsWith('export ') && new RegExp(`\\b${fn}\\b`).test(l))
    : undefined;
  if (expected !== undefined && decl !== undefined) {
    const hard = decl.trimEnd().endsWith('{')
      ? `${decl}\n  return ${expected};`
      : decl.replace(/=>.*$/, `=> ${expected};`);
    out.push({ name: 'return-issue-example', answer: block(file, decl, hard) });
  }
  return out;
}

/** Test generation and reproduction: empty, tautological, a smoke test, and the visible test file copied back. */
function testWriting(task: TaskBase, module: string, fn: string, testPath: string): Baseline[] {
  const imp = module && fn ? `import { ${fn} } from '${relativeImport(testPath, module)}';\n\n` : '';
  const out: Baseline[] = [
    { name: 'empty', answer: '' },
    { name: 'tautology', answer: `${imp}${TAUTOLOGY}` },
    {
      name: 'smoke',
      answer: `${imp}it('is a function', () => {\n  expect(typeof ${fn || 'Object'}).toBe('function');\n});\n`,
    },
  ];
  const visible = visibleTestFor(task.repo.files, module);
  if (visible) out.push({ name: 'visible-test-copied', answer: copiedTest(task.repo.files, visible, testPath) });
  return out;
}

function review(task: TaskBase): Baseline[] {
  const diff = str(task, 'diff');
  const added = diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
  const out: Baseline[] = [
    { name: 'always-approve', answer: 'VERDICT: approve' },
    { name: 'always-reject', answer: 'VERDICT: request changes' },
    { name: 'reject-line-1', answer: 'VERDICT: request changes\nLINE: 1' },
  ];
  if (added.length > 0)
    out.push({
      name: 'reject-first-added-line',
      answer: `VERDICT: request changes\nLINE: ${added[0].slice(1).trim()}`,
    });
  if (added.length > 1)
    out.push({
      name: 'reject-last-added-line',
      answer: `VERDICT: request changes\nLINE: ${added[added.length - 1].slice(1).trim()}`,
    });
  return out;
}

/** Composite kinds (answers are edit blocks): nothing, a no-op edit, the request pasted back, disabling a test. */
function composite(task: TaskBase): Baseline[] {
  const files = task.repo.files;
  const out: Baseline[] = [
    { name: 'empty', answer: '' },
    { name: 'statement-pasted', answer: str(task, 'statement') },
  ];
  const src = sources(files).find((p) => uniqueLine(files[p]) !== null);
  if (src) {
    const line = uniqueLine(files[src])!;
    out.push({ name: 'no-op-edit', answer: block(src, line, line) });
  }
  const test = tests(files)[0];
  if (test) {
    const first = files[test].split('\n')[0];
    if (first.trim() !== '' && files[test].split(first).length === 2)
      out.push({ name: 'disable-test', answer: block(test, first, '// disabled') });
  }
  return out;
}

/** The declared trivial baselines for a task (atomic or composite); deterministic for a given task. */
export function trivialBaselines(task: TaskBase): Baseline[] {
  switch (task.skill) {
    case 'localization':
      return localization(task);
    case 'editing':
      return editing(task);
    case 'test-generation':
      return testWriting(task, str(task, 'module'), str(task, 'fn'), str(task, 'testPath'));
    case 'reproduction': {
      // The policy does not know which module is buggy: its baselines use the first source file's first export.
      const module = sources(task.repo.files)[0] ?? '';
      const fn = /export (?:function|const) (\w+)/.exec(task.repo.files[module] ?? '')?.[1] ?? '';
      return [
        ...testWriting(task, module, fn, str(task, 'testPath')),
        { name: 'issue-pasted', answer: str(task, 'issue') },
      ];
    }
    case 'review':
      return review(task);
    default:
      if ((COMPOSITE_KINDS as readonly string[]).includes(task.skill)) return composite(task);
      throw new Error(`${task.id}: no trivial baselines declared for task kind '${task.skill as CompositeKind}'`);
  }
}
