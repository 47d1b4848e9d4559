// Renames every identifier `from` to `to` in a module (AST-based: strings and comments are left alone).
import MagicString from 'magic-string';
import { parseModule } from '../mutate/index.ts';
import { walkAst } from '../mutate/walk.ts';

export function renameIdentifier(source: string, fileName: string, from: string, to: string): string {
  const program = parseModule(source, fileName);
  const s = new MagicString(source);
  walkAst(program, ({ node, parent, key }) => {
    if (node.type !== 'Identifier' || node.name !== from) return;
    // `{ from }` shorthand in an object literal or import: keep the property name, rename the binding.
    if (parent?.type === 'Property' && parent.shorthand === true && key === 'value') return;
    if (parent?.type === 'Property' && parent.shorthand === true && key === 'key') {
      s.overwrite(node.start, node.end, `${from}: ${to}`);
      return;
    }
    s.overwrite(node.start, node.end, to);
  });
  return s.toString();
}
