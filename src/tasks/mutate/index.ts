// Bug injection by AST mutation: acorn parses, a generic walk finds mutation sites, magic-string rewrites.
import { parse } from 'acorn';
import MagicString from 'magic-string';
import type { Mutation, MutationOperator } from './types.ts';
import { walkAst, type AstNode, type Visit } from './walk.ts';
import { collectLocalBindings, visibleLocals, FUNCTION_TYPES, type LocalBinding } from './scope.ts';

export type { Mutation, MutationOperator } from './types.ts';
export { MUTATION_OPERATORS } from './types.ts';

const ARITHMETIC: Record<string, string> = { '+': '-', '-': '+', '*': '/', '/': '*', '%': '/' };
const COMPARISON: Record<string, string> = {
  '<': '>',
  '>': '<',
  '<=': '>=',
  '>=': '<=',
  '===': '!==',
  '!==': '===',
  '==': '!=',
  '!=': '==',
};
const BOUNDARY: Record<string, string> = { '<': '<=', '<=': '<', '>': '>=', '>=': '>' };
const COMPOUND: Record<string, string> = { '+=': '-=', '-=': '+=', '*=': '/=' };
const LOGICAL: Record<string, string> = { '&&': '||', '||': '&&', '??': '||' };

export function parseModule(source: string, fileName: string): AstNode {
  try {
    return parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true }) as unknown as AstNode;
  } catch (e) {
    throw new Error(`${fileName}: cannot parse: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

function isStringish(node: unknown): boolean {
  const n = node as AstNode;
  return (n.type === 'Literal' && typeof n.value === 'string') || n.type === 'TemplateLiteral';
}

/** Identifier positions that are not plain reads of a local value. */
function isRead({ parent, key, node }: Visit): boolean {
  if (!parent) return false;
  switch (parent.type) {
    case 'VariableDeclarator':
      return key === 'init';
    case 'MemberExpression':
      return key === 'object' || parent.computed === true;
    case 'Property':
      return key === 'value' && parent.shorthand !== true && parent.computed !== true
        ? true
        : key === 'key' && parent.computed === true;
    case 'CallExpression':
    case 'NewExpression':
      return key === 'arguments';
    case 'AssignmentExpression':
      return key === 'right';
    case 'UpdateExpression':
    case 'RestElement':
    case 'ArrayPattern':
    case 'ObjectPattern':
    case 'AssignmentPattern':
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'CatchClause':
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'ExportSpecifier':
    case 'MethodDefinition':
    case 'PropertyDefinition':
      return false;
    default:
      if (FUNCTION_TYPES.has(parent.type)) return key === 'body';
      return node.type === 'Identifier';
  }
}

function constantReplacements(node: AstNode, offByOneContext: boolean): Array<{ op: MutationOperator; text: string }> {
  const value = node.value;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && offByOneContext) {
      const out = [{ op: 'off-by-one' as const, text: String(value + 1) }];
      if (value > 0) out.push({ op: 'off-by-one', text: String(value - 1) });
      return out;
    }
    return [{ op: 'wrong-constant', text: String(value === 0 ? 1 : Number.isInteger(value) ? value * 2 : value * 10) }];
  }
  if (typeof value === 'boolean') return [{ op: 'wrong-constant', text: String(!value) }];
  if (typeof value === 'string') {
    const next =
      value.length === 0
        ? ' '
        : value.length === 1
          ? String.fromCharCode(value.charCodeAt(0) === 126 ? 33 : value.charCodeAt(0) + 1)
          : value.slice(0, -1);
    return [
      {
        op: 'wrong-constant',
        text: JSON.stringify(next)
          .replace(/^"|"$/g, "'")
          .replace(/'/g, (q, i, s: string) => (i === 0 || i === s.length - 1 ? "'" : "\\'")),
      },
    ];
  }
  return [];
}

/** Every mutation site of `source`, in source order. Throws (naming the file) only when the source does not parse. */
export function listMutations(source: string, fileName: string): Mutation[] {
  const program = parseModule(source, fileName);
  const bindings: LocalBinding[] = collectLocalBindings(program);
  const out: Mutation[] = [];
  const add = (
    operator: MutationOperator,
    start: number,
    end: number,
    replacement: string,
    removesCode = false,
    lineAt = start,
  ): void => {
    const original = source.slice(start, end);
    if (original === replacement) return;
    const line = lineOf(source, lineAt);
    const index = out.filter((m) => m.start === start && m.operator === operator).length;
    const shown = (t: string) => (t.length > 60 ? `${t.slice(0, 57)}...` : t).replace(/\s+/g, ' ');
    out.push({
      id: `${fileName}:${start}:${operator}:${index}`,
      operator,
      file: fileName,
      line,
      start,
      end,
      original,
      replacement,
      description: `${operator}: \`${shown(original)}\` → \`${shown(replacement) || '(removed)'}\` at ${fileName}:${line}`,
      removesCode,
    });
  };
  const text = (n: AstNode) => source.slice(n.start, n.end);
  const operatorRange = (n: AstNode): [number, number] | null => {
    const left = n.left as AstNode;
    const right = n.right as AstNode;
    const between = source.slice(left.end, right.start);
    const at = between.indexOf(n.operator as string);
    return at < 0 ? null : [left.end + at, left.end + at + (n.operator as string).length];
  };

  walkAst(program, (visit) => {
    const { node, parent, key } = visit;
    if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration') return;
    if (node.type === 'BinaryExpression') {
      const op = node.operator as string;
      const range = operatorRange(node);
      if (!range) return;
      const concat = op === '+' && (isStringish(node.left) || isStringish(node.right));
      if (ARITHMETIC[op] && !concat) add('arithmetic-swap', range[0], range[1], ARITHMETIC[op]);
      if (BOUNDARY[op]) add('off-by-one', range[0], range[1], BOUNDARY[op]);
      if (COMPARISON[op]) add('comparison-swap', range[0], range[1], COMPARISON[op]);
    } else if (node.type === 'AssignmentExpression' && COMPOUND[node.operator as string] && !isStringish(node.right)) {
      const left = node.left as AstNode;
      const at = source.indexOf(node.operator as string, left.end);
      if (at >= 0) add('arithmetic-swap', at, at + (node.operator as string).length, COMPOUND[node.operator as string]);
    } else if (node.type === 'LogicalExpression') {
      const range = operatorRange(node);
      if (range && LOGICAL[node.operator as string])
        add('logical-swap', range[0], range[1], LOGICAL[node.operator as string]);
    } else if (node.type === 'Literal' && parent) {
      if (parent.type === 'ImportDeclaration' || parent.type === 'ExportNamedDeclaration' || 'regex' in node) return;
      if (parent.type === 'Property' && key === 'key') return;
      if (parent.type === 'ExpressionStatement') return; // directives
      if (
        parent.type === 'NewExpression' &&
        (parent.callee as AstNode).type === 'Identifier' &&
        /Error$/.test(String((parent.callee as AstNode).name))
      )
        return;
      const indexLike =
        (parent.type === 'MemberExpression' && key === 'property') ||
        (parent.type === 'BinaryExpression' && ['<', '<=', '>', '>=', '+', '-'].includes(parent.operator as string));
      for (const r of constantReplacements(node, indexLike)) add(r.op, node.start, node.end, r.text);
    } else if (node.type === 'Identifier' && isRead(visit)) {
      const name = node.name as string;
      const locals = visibleLocals(bindings, node.start, name);
      if (!bindings.some((b) => b.name === name)) return; // only locals are swapped, not imports or globals
      for (const other of locals) add('wrong-variable', node.start, node.end, other);
    } else if (node.type === 'ReturnStatement' && node.argument) {
      const arg = node.argument as AstNode;
      if (['ObjectExpression', 'FunctionExpression', 'ClassExpression'].includes(arg.type)) return;
      if (text(arg).startsWith('{') || text(arg).startsWith('function')) return;
      add('missing-return', node.start, arg.start, '', false);
    } else if (node.type === 'IfStatement' && !node.alternate) {
      const consequent = node.consequent as AstNode;
      const body = consequent.type === 'BlockStatement' ? (consequent.body as AstNode[]) : [consequent];
      const isGuard =
        body.length === 1 &&
        ['ReturnStatement', 'ThrowStatement', 'ContinueStatement', 'BreakStatement'].includes(body[0].type);
      if (isGuard) {
        // Drop the statement and the indentation/newline in front of it, so the mutant reads naturally.
        let start = node.start;
        while (start > 0 && (source[start - 1] === ' ' || source[start - 1] === '\t')) start--;
        if (start > 0 && source[start - 1] === '\n') start--;
        add('missing-guard', start, node.end, '', true, node.start);
      }
    } else if ((node.type === 'CallExpression' || node.type === 'NewExpression') && Array.isArray(node.arguments)) {
      const args = node.arguments as AstNode[];
      if (args.length >= 2 && !args.some((a) => a.type === 'SpreadElement') && text(args[0]) !== text(args[1])) {
        add(
          'swap-args',
          args[0].start,
          args[1].end,
          `${text(args[1])}${source.slice(args[0].end, args[1].start)}${text(args[0])}`,
        );
      }
    }
    if ((node.type === 'IfStatement' || node.type === 'ConditionalExpression') && node.test) {
      const test = node.test as AstNode;
      if (test.type === 'UnaryExpression' && test.operator === '!') {
        const inner = test.argument as AstNode;
        add('invert-condition', test.start, test.end, text(inner));
      } else {
        add('invert-condition', test.start, test.end, `!(${text(test)})`);
      }
    }
  });
  return out;
}

/** The mutant source. Throws when `m` was not listed for this exact source. */
export function applyMutation(source: string, m: Mutation): string {
  if (source.slice(m.start, m.end) !== m.original)
    throw new Error(`mutation ${m.id} does not match ${m.file} at line ${m.line}`);
  const s = new MagicString(source);
  if (m.start === m.end) s.appendLeft(m.start, m.replacement);
  else if (m.replacement === '') s.remove(m.start, m.end);
  else s.overwrite(m.start, m.end, m.replacement);
  return s.toString();
}
