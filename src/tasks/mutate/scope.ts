// Just enough scope analysis for the wrong-variable operator: which local names are visible at a position.
import type { AstNode } from './walk.ts';
import { walkAst } from './walk.ts';

export interface LocalBinding {
  name: string;
  /** Visible from `declaredAt` to `scopeEnd` (exclusive), starting at `scopeStart`. */
  declaredAt: number;
  scopeStart: number;
  scopeEnd: number;
}

const SCOPE_TYPES = new Set([
  'BlockStatement',
  'ForStatement',
  'ForOfStatement',
  'ForInStatement',
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'Program',
]);
export const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

function nearestScope(ancestors: AstNode[]): AstNode {
  for (let i = ancestors.length - 1; i >= 0; i--) if (SCOPE_TYPES.has(ancestors[i].type)) return ancestors[i];
  return ancestors[0];
}

/** Parameters and `var/let/const x = …` declarations of plain identifiers, inside functions only. */
export function collectLocalBindings(program: AstNode): LocalBinding[] {
  const out: LocalBinding[] = [];
  walkAst(program, ({ node, parent, key, ancestors }) => {
    if (node.type !== 'Identifier' || !parent) return;
    const name = node.name as string;
    if (FUNCTION_TYPES.has(parent.type) && key === 'params') {
      out.push({ name, declaredAt: node.end, scopeStart: parent.start, scopeEnd: parent.end });
    } else if (parent.type === 'AssignmentPattern' && key === 'left') {
      const fn = ancestors[ancestors.length - 2];
      if (fn && FUNCTION_TYPES.has(fn.type))
        out.push({ name, declaredAt: parent.end, scopeStart: fn.start, scopeEnd: fn.end });
    } else if (parent.type === 'VariableDeclarator' && key === 'id') {
      const declaration = ancestors[ancestors.length - 2];
      // module-level names: functions/constants, not locals
      if (!ancestors.some((a) => FUNCTION_TYPES.has(a.type))) return;
      const scope = nearestScope(ancestors.slice(0, -2));
      // A loop header declaration is visible in the loop; `for (const x of xs)` binds x before the body.
      out.push({
        name,
        declaredAt: declaration ? declaration.end : parent.end,
        scopeStart: scope.start,
        scopeEnd: scope.end,
      });
    }
  });
  return out;
}

/** Names (sorted, unique) of locals visible at `position`, other than `exclude`. */
export function visibleLocals(bindings: LocalBinding[], position: number, exclude: string): string[] {
  const names = new Set<string>();
  for (const b of bindings) {
    if (b.name !== exclude && b.declaredAt <= position && b.scopeStart <= position && position < b.scopeEnd)
      names.add(b.name);
  }
  return [...names].sort();
}
