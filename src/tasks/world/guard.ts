// Deterministic loop detection for probing mutants: every loop body counts iterations and throws a marker past
// a bound, so a mutant that loops forever is recognised by its behaviour, not by a wall-clock limit that
// depends on how busy the machine is (which would make generation depend on load, not only on the seed).
import MagicString from 'magic-string';
import { parseModule } from '../mutate/index.ts';
import { walkAst, type AstNode } from '../mutate/walk.ts';

export const LOOP_MARKER = '__LOOP_GUARD__';
/** Far above any family's legitimate iteration count on its inputs (at most a few thousand). */
export const LOOP_BOUND = 200_000;
const GUARD = `if (++globalThis.__loopGuard > ${LOOP_BOUND}) throw new Error('${LOOP_MARKER}');`;
const LOOPS = new Set(['ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement']);

export function guardLoops(source: string, fileName: string): string {
  const s = new MagicString(source);
  walkAst(parseModule(source, fileName), ({ node }) => {
    if (!LOOPS.has(node.type)) return;
    const body = node.body as AstNode;
    if (body.type === 'BlockStatement') s.appendLeft(body.start + 1, ` ${GUARD}`);
    else {
      s.appendLeft(body.start, `{ ${GUARD} `);
      s.appendRight(body.end, ' }');
    }
  });
  return s.toString();
}
