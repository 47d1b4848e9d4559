// Per-kind checks of the fields a reward reads, run when a pack is loaded. Every field that sets a limit or a size
// (test counts that become time limits, variants that become runs, files and strings that become parse and
// compile work) is bounded here, so a pack line cannot remove a limit or make a reward function throw.
export interface FieldProblem {
  field: string;
  message: string;
}

/** Bounds on pack contents (far above anything the generators make). */
export const PACK_LIMITS = {
  /** A task's JSON line. */
  lineChars: 8 * 2 ** 20,
  files: 200,
  /** One file; the sandbox refuses larger sources anyway (src/sandbox/quickjs/modules.ts). */
  fileChars: 256 * 1024,
  repoChars: 4 * 2 ** 20,
  pathChars: 256,
  /** Prompt text fields (issue, instruction, statement, diff, context). */
  textChars: 64 * 1024,
  /** Oracle answers and negative controls (the sandbox's answer screen allows 100,000). */
  answerChars: 100_000,
  /** Tests a reference run passes: editing turns this into its time limit (2 s + 25 ms per test). */
  expectedTests: 500,
  /** Buggy variants of a test-generation task: each is one sandbox run per reward. */
  variants: 32,
  negatives: 16,
  /** Ground-truth files of a localization task, changed files of a composite one. */
  listItems: 50,
  lineNumber: 100_000,
} as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly problems: FieldProblem[] = [];
  bad(field: string, message: string): false {
    this.problems.push({ field, message });
    return false;
  }
  str(o: Obj, key: string, field: string, max: number, optional = false): boolean {
    const v = o[key];
    if (v === undefined && optional) return true;
    if (typeof v !== 'string') return this.bad(field, `expected a string, got ${describe(v)}`);
    if (v.length > max) return this.bad(field, `${v.length} characters; at most ${max} are allowed`);
    return true;
  }
  int(o: Obj, key: string, field: string, min: number, max: number): boolean {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      return this.bad(field, `expected an integer ${min}..${max}, got ${describe(v)}`);
    return true;
  }
  strings(o: Obj, key: string, field: string, minItems: number, maxItems: number, maxChars: number): boolean {
    const v = o[key];
    if (!Array.isArray(v)) return this.bad(field, `expected an array of strings, got ${describe(v)}`);
    if (v.length < minItems || v.length > maxItems)
      return this.bad(field, `expected ${minItems}..${maxItems} items, got ${v.length}`);
    v.forEach((x, i) => {
      if (typeof x !== 'string') this.bad(`${field}[${i}]`, `expected a string, got ${describe(x)}`);
      else if (x.length > maxChars)
        this.bad(`${field}[${i}]`, `${x.length} characters; at most ${maxChars} are allowed`);
    });
    return true;
  }
  /** A path → content map: bounded file count, path length, file and total size. */
  files(v: unknown, field: string, maxFiles: number = PACK_LIMITS.files): v is Obj {
    if (!isObj(v)) return this.bad(field, 'expected an object path → content');
    const entries = Object.entries(v);
    if (entries.length > maxFiles) return this.bad(field, `${entries.length} files; at most ${maxFiles} are allowed`);
    let total = 0;
    for (const [path, content] of entries) {
      const f = `${field}.${path.slice(0, 80)}`;
      if (path.length === 0 || path.length > PACK_LIMITS.pathChars)
        this.bad(f, `path length must be 1..${PACK_LIMITS.pathChars}`);
      else if (path.startsWith('/') || path.startsWith('./') || path.split('/').includes('..'))
        this.bad(f, 'paths are relative POSIX paths without ./ or ..');
      if (typeof content !== 'string') this.bad(f, 'file content must be a string');
      else {
        if (content.length > PACK_LIMITS.fileChars)
          this.bad(f, `${content.length} characters; files of at most ${PACK_LIMITS.fileChars} are allowed`);
        total += content.length;
      }
    }
    if (total > PACK_LIMITS.repoChars)
      this.bad(field, `${total} characters in all; at most ${PACK_LIMITS.repoChars} are allowed`);
    return true;
  }
  /** `o[key]` names a file of `files`. */
  inRepo(o: Obj, key: string, field: string, files: Obj): boolean {
    if (!this.str(o, key, field, PACK_LIMITS.pathChars)) return false;
    if (!Object.hasOwn(files, o[key] as string))
      return this.bad(field, `${JSON.stringify(o[key])} is not a file of repo.files`);
    return true;
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `a string of ${v.length} characters`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.slice(0, 60);
}

const L = PACK_LIMITS;

/** Problems with the kind-specific fields of a task whose common fields are valid. */
export function kindFieldProblems(task: Obj & { skill: string; hidden: Obj; repo: { files: Obj } }): FieldProblem[] {
  const c = new Checker();
  const h = task.hidden;
  const files = task.repo.files;
  switch (task.skill) {
    case 'localization':
      c.str(task, 'issue', 'issue', L.textChars);
      c.strings(h, 'files', 'hidden.files', 1, L.listItems, L.pathChars);
      break;
    case 'editing':
      c.inRepo(task, 'file', 'file', files);
      c.str(task, 'instruction', 'instruction', L.textChars);
      if (!isObj(task.location)) c.bad('location', 'expected an object { fn, startLine, endLine }');
      c.str(h, 'fixedSource', 'hidden.fixedSource', L.fileChars);
      c.files(h.hiddenTests, 'hidden.hiddenTests');
      c.int(h, 'expectedTests', 'hidden.expectedTests', 0, L.expectedTests);
      break;
    case 'test-generation': {
      c.inRepo(task, 'module', 'module', files);
      c.str(task, 'fn', 'fn', L.pathChars);
      c.str(task, 'testPath', 'testPath', L.pathChars);
      c.str(h, 'oracleTest', 'hidden.oracleTest', L.answerChars);
      const variants = h.variants;
      if (!Array.isArray(variants) || variants.length < 1 || variants.length > L.variants)
        c.bad('hidden.variants', `expected 1..${L.variants} buggy variants, got ${describe(variants)}`);
      else
        variants.forEach((v, i) =>
          isObj(v)
            ? c.str(v, 'source', `hidden.variants[${i}].source`, L.fileChars)
            : c.bad(`hidden.variants[${i}]`, 'expected an object { source, mutation }'),
        );
      break;
    }
    case 'reproduction':
      c.str(task, 'issue', 'issue', L.textChars);
      c.str(task, 'testPath', 'testPath', L.pathChars);
      c.inRepo(h, 'file', 'hidden.file', files);
      c.str(h, 'fixedSource', 'hidden.fixedSource', L.fileChars);
      c.str(h, 'oracleTest', 'hidden.oracleTest', L.answerChars);
      c.str(h, 'fn', 'hidden.fn', L.pathChars);
      c.str(h, 'module', 'hidden.module', L.pathChars);
      break;
    case 'review':
      c.str(task, 'diff', 'diff', L.textChars);
      c.str(task, 'context', 'context', L.textChars, true);
      c.str(task, 'file', 'file', L.pathChars);
      c.str(task, 'fn', 'fn', L.pathChars);
      if (h.verdict !== 'approve' && h.verdict !== 'request-changes')
        c.bad('hidden.verdict', `expected approve or request-changes, got ${describe(h.verdict)}`);
      if (h.line !== null) c.int(h, 'line', 'hidden.line', 1, L.lineNumber);
      if (h.lineText !== null) c.str(h, 'lineText', 'hidden.lineText', L.textChars);
      break;
    default:
      // Composite kinds: one prompt field and one hidden layout (src/tasks/composite/types.ts).
      c.str(task, 'statement', 'statement', L.textChars);
      if (task.goal !== undefined && !isObj(task.goal)) c.bad('goal', 'expected an object');
      c.files(h.tests, 'hidden.tests');
      c.int(h, 'testCount', 'hidden.testCount', 0, L.expectedTests);
      c.str(h, 'oracle', 'hidden.oracle', L.answerChars);
      c.strings(h, 'negatives', 'hidden.negatives', 0, L.negatives, L.answerChars);
      if (h.changedFiles !== undefined)
        c.strings(h, 'changedFiles', 'hidden.changedFiles', 0, L.listItems, L.pathChars);
      c.str(h, 'safeRegexFile', 'hidden.safeRegexFile', L.pathChars, true);
  }
  return c.problems;
}

/** Checks shared by every kind: repository files. */
export function repoProblems(repo: unknown): FieldProblem[] {
  const c = new Checker();
  if (!isObj(repo)) c.bad('repo', 'expected an object { files }');
  else c.files(repo.files, 'repo.files');
  return c.problems;
}
