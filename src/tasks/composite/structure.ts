// Structural goals checked on the AST (acorn), never by regex over text: refactoring goals and the ReDoS check.
import type { FileMap } from '../../sandbox/types.ts';
import { parseModule } from '../mutate/index.ts';
import { walkAst, type AstNode } from '../mutate/walk.ts';
import { nestedQuantifier } from './regex-safety.ts';

export type StructuralGoal =
  /**
   * A function `name` is declared in `file`, called at least `minCalls` times there, and `duplicated` appears at most
   * once.
   */
  | { kind: 'extract-function'; file: string; name: string; duplicated: string; minCalls: number }
  /** No identifier `from` is left in any source file, test files included, and `to` is declared. */
  | { kind: 'rename'; from: string; to: string }
  /** A top-level `const name = literal` in `file`, and that literal value appears nowhere else in the file. */
  | { kind: 'named-constant'; file: string; name: string; value: number | string };

export const isTestFile = (path: string): boolean => /\.test\.[cm]?[jt]s$/.test(path);
export const isSourceFile = (path: string): boolean => /\.[cm]?js$/.test(path) && !isTestFile(path);

export interface StructureVerdict {
  ok: boolean;
  detail: string;
}

function parseOrFail(files: FileMap, path: string): AstNode | string {
  const text = files[path];
  if (text === undefined) return `${path} is missing`;
  try {
    return parseModule(text, path);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Whitespace-free form of a code snippet, so reformatting does not hide a duplicate. */
const squash = (text: string): string => text.replace(/\s+/g, '');

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0 && needle.length > 0; at = haystack.indexOf(needle, at + 1)) n++;
  return n;
}

function declaredNames(program: AstNode): Set<string> {
  const names = new Set<string>();
  walkAst(program, ({ node }) => {
    if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id)
      names.add((node.id as AstNode).name as string);
    if (node.type === 'VariableDeclarator' && (node.id as AstNode).type === 'Identifier')
      names.add((node.id as AstNode).name as string);
  });
  return names;
}

function callsTo(program: AstNode, name: string): number {
  let n = 0;
  walkAst(program, ({ node }) => {
    if (
      node.type === 'CallExpression' &&
      (node.callee as AstNode).type === 'Identifier' &&
      (node.callee as AstNode).name === name
    )
      n++;
  });
  return n;
}

function identifiersNamed(program: AstNode, name: string): number {
  let n = 0;
  walkAst(program, ({ node }) => {
    if (node.type === 'Identifier' && node.name === name) n++;
  });
  return n;
}

export function checkGoal(goal: StructuralGoal, files: FileMap): StructureVerdict {
  if (goal.kind === 'extract-function') {
    const program = parseOrFail(files, goal.file);
    if (typeof program === 'string') return { ok: false, detail: program };
    if (!declaredNames(program).has(goal.name))
      return { ok: false, detail: `no function ${goal.name} declared in ${goal.file}` };
    const calls = callsTo(program, goal.name);
    if (calls < goal.minCalls)
      return { ok: false, detail: `${goal.name} is called ${calls} time(s) in ${goal.file}, need ${goal.minCalls}` };
    const dupes = count(squash(files[goal.file]), squash(goal.duplicated));
    if (dupes > 1) return { ok: false, detail: `the duplicated code still appears ${dupes} times` };
    return { ok: true, detail: `${goal.name} extracted and called ${calls} times` };
  }
  if (goal.kind === 'rename') {
    let declared = false;
    for (const path of Object.keys(files)
      .filter((p) => /\.[cm]?js$/.test(p))
      .sort()) {
      const program = parseOrFail(files, path);
      if (typeof program === 'string') return { ok: false, detail: program };
      const left = identifiersNamed(program, goal.from);
      if (left > 0) return { ok: false, detail: `${path} still uses ${goal.from} (${left} time(s))` };
      if (declaredNames(program).has(goal.to)) declared = true;
    }
    return declared
      ? { ok: true, detail: `${goal.from} renamed to ${goal.to} everywhere` }
      : { ok: false, detail: `${goal.to} is not declared anywhere` };
  }
  const program = parseOrFail(files, goal.file);
  if (typeof program === 'string') return { ok: false, detail: program };
  let declaredAtTop = false;
  for (const stmt of program.body as AstNode[]) {
    const decl = stmt.type === 'ExportNamedDeclaration' ? (stmt.declaration as AstNode | null) : stmt;
    if (!decl || decl.type !== 'VariableDeclaration' || decl.kind !== 'const') continue;
    for (const d of decl.declarations as AstNode[]) {
      const init = d.init as AstNode | null;
      if ((d.id as AstNode).name === goal.name && init?.type === 'Literal' && init.value === goal.value)
        declaredAtTop = true;
    }
  }
  if (!declaredAtTop)
    return { ok: false, detail: `no top-level const ${goal.name} = ${JSON.stringify(goal.value)} in ${goal.file}` };
  let uses = 0;
  walkAst(program, ({ node }) => {
    if (node.type === 'Literal' && node.value === goal.value) uses++;
  });
  if (uses > 1)
    return {
      ok: false,
      detail: `the literal ${JSON.stringify(goal.value)} still appears ${uses} times in ${goal.file}`,
    };
  return { ok: true, detail: `${goal.name} names the constant` };
}

/**
 * Every regular expression in `path` must be a literal (or `RegExp` of a string literal) without nested unbounded
 * quantifiers.
 */
export function checkSafeRegexes(files: FileMap, path: string): StructureVerdict {
  const program = parseOrFail(files, path);
  if (typeof program === 'string') return { ok: false, detail: program };
  const problems: string[] = [];
  walkAst(program, ({ node }) => {
    const regex = node.regex as { pattern: string } | undefined;
    if (node.type === 'Literal' && regex) {
      const bad = nestedQuantifier(regex.pattern);
      if (bad) problems.push(`/${regex.pattern}/: ${bad}`);
    }
    if (
      (node.type === 'NewExpression' || node.type === 'CallExpression') &&
      (node.callee as AstNode).type === 'Identifier' &&
      (node.callee as AstNode).name === 'RegExp'
    ) {
      const arg = (node.arguments as AstNode[])[0];
      if (!arg || arg.type !== 'Literal' || typeof arg.value !== 'string')
        problems.push('RegExp built from a non-literal pattern cannot be checked');
      else {
        const bad = nestedQuantifier(arg.value);
        if (bad) problems.push(`RegExp(${JSON.stringify(arg.value)}): ${bad}`);
      }
    }
  });
  return problems.length === 0
    ? { ok: true, detail: 'no nested unbounded quantifiers' }
    : { ok: false, detail: problems.join('; ') };
}
