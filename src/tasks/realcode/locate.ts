// Where a mutation sits in a real module: the enclosing named function (for the editing location and the
// review prompt), and a behaviour-preserving local rename (the clean change a reviewer should approve).
import MagicString from 'magic-string';
import { parseModule } from '../mutate/index.ts';
import { collectLocalBindings } from '../mutate/scope.ts';
import { walkAst, type AstNode } from '../mutate/walk.ts';

export interface EnclosingFunction {
  name: string;
  startLine: number;
  endLine: number;
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

function nameOf(fn: AstNode, parent: AstNode | null): string | null {
  const id = fn.id as AstNode | null | undefined;
  if (id && typeof id.name === 'string') return id.name;
  if (parent?.type === 'VariableDeclarator') return ((parent.id as AstNode).name as string) ?? null;
  if (parent?.type === 'AssignmentExpression' || parent?.type === 'Property') return null;
  return null;
}

/** The outermost named function around `offset` (falls back to `fallback` for anonymous exports). */
export function enclosingFunction(
  source: string,
  fileName: string,
  offset: number,
  fallback: string,
): EnclosingFunction {
  const program = parseModule(source, fileName);
  let best: { node: AstNode; name: string } | null = null;
  walkAst(program, ({ node, parent }) => {
    if (!FUNCTIONS.has(node.type) || node.start > offset || node.end < offset) return;
    if (best) return; // walk is outer-first: keep the outermost
    best = { node, name: nameOf(node, parent) ?? fallback };
  });
  const found = best as { node: AstNode; name: string } | null;
  if (!found) return { name: fallback, startLine: 1, endLine: source.split('\n').length };
  const line = (at: number): number => source.slice(0, at).split('\n').length;
  return { name: found.name, startLine: line(found.node.start), endLine: line(found.node.end) };
}

/** Renames one local binding (the first, in seeded order, whose new name is free); null when there is none. */
export function renameLocal(
  source: string,
  fileName: string,
  pickIndex: number,
): { source: string; from: string; to: string } | null {
  const program = parseModule(source, fileName);
  const names = [...new Set(collectLocalBindings(program).map((b) => b.name))].filter(
    (n) => n.length > 1 && !source.includes(`${n}Value`),
  );
  if (names.length === 0) return null;
  const from = names[pickIndex % names.length];
  const to = `${from}Value`;
  const s = new MagicString(source);
  walkAst(program, ({ node, parent, key }) => {
    if (node.type !== 'Identifier' || node.name !== from) return;
    if (parent?.type === 'MemberExpression' && key === 'property' && parent.computed !== true) return;
    if (parent?.type === 'Property' && key === 'key' && parent.computed !== true) {
      if (parent.shorthand === true) s.overwrite(node.start, node.end, `${from}: ${to}`);
      return;
    }
    if (parent?.type === 'Property' && key === 'value' && parent.shorthand === true) return;
    s.overwrite(node.start, node.end, to);
  });
  return { source: s.toString(), from, to };
}
