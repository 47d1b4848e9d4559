// Documented examples: call expressions found in a package README's code blocks, kept only when every argument
// is a literal (so the call means the same in a test). Their results come from running the original module.
import { parseExpressionAt } from 'acorn';

interface Expr {
  type: string;
  [key: string]: unknown;
}

const SAFE_IDENTIFIERS = new Set(['NaN', 'Infinity', 'undefined']);

function isLiteralish(node: Expr): boolean {
  switch (node.type) {
    case 'Literal':
      return !('regex' in node);
    case 'Identifier':
      return SAFE_IDENTIFIERS.has(node.name as string);
    case 'UnaryExpression':
      return (node.operator === '-' || node.operator === '+') && isLiteralish(node.argument as Expr);
    case 'BinaryExpression':
      return (
        ['+', '-', '*', '/'].includes(node.operator as string) &&
        isLiteralish(node.left as Expr) &&
        isLiteralish(node.right as Expr)
      );
    case 'ArrayExpression':
      return (node.elements as Array<Expr | null>).every((e) => e !== null && isLiteralish(e));
    case 'ObjectExpression':
      return (node.properties as Expr[]).every(
        (p) => p.type === 'Property' && p.computed === false && p.kind === 'init' && isLiteralish(p.value as Expr),
      );
    default:
      return false;
  }
}

function codeBlocks(markdown: string): string[] {
  const out: string[] = [];
  const fence = /```[a-z]*\n([\s\S]*?)```/g;
  for (let m = fence.exec(markdown); m; m = fence.exec(markdown)) out.push(m[1]);
  return out;
}

/** Literal-argument calls of `callees` in the README's code blocks, in order, without duplicates. */
export function readmeExamples(markdown: string, callees: readonly string[]): string[] {
  const found: string[] = [];
  for (const block of codeBlocks(markdown)) {
    for (const callee of [...callees].sort((a, b) => b.length - a.length)) {
      const needle = `${callee}(`;
      for (let at = block.indexOf(needle); at >= 0; at = block.indexOf(needle, at + 1)) {
        const before = block[at - 1];
        if (before !== undefined && /[\w$.]/.test(before)) continue; // part of a longer name
        let node: Expr;
        try {
          node = parseExpressionAt(block, at, { ecmaVersion: 'latest' }) as unknown as Expr;
        } catch {
          continue;
        }
        // parseExpressionAt may take more than the call (e.g. `a(1) + b`); keep only a plain call.
        if (node.type !== 'CallExpression') continue;
        const text = block.slice(at, node.end as number);
        if (!(node.arguments as Expr[]).every(isLiteralish)) continue;
        if (!found.includes(text)) found.push(text);
      }
    }
  }
  return found;
}
