// A generic walk over an acorn AST that reports each node with its parent and the key that holds it.
import type { Node } from 'acorn';

export interface AstNode extends Node {
  [key: string]: unknown;
}

export interface Visit {
  node: AstNode;
  parent: AstNode | null;
  /** The property of `parent` holding `node` (e.g. 'test', 'left', 'arguments'). */
  key: string;
  /** Enclosing nodes, outermost first (not including `node`). */
  ancestors: AstNode[];
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

const SKIP_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'raw']);

/** Depth-first, source order (children in key order, arrays in order), deterministic. */
export function walkAst(root: AstNode, visit: (v: Visit) => void): void {
  const ancestors: AstNode[] = [];
  const go = (node: AstNode, parent: AstNode | null, key: string): void => {
    visit({ node, parent, key, ancestors: ancestors.slice() });
    ancestors.push(node);
    for (const k of Object.keys(node)) {
      if (SKIP_KEYS.has(k)) continue;
      const value = node[k];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) go(item, node, k);
      } else if (isNode(value)) {
        go(value, node, k);
      }
    }
    ancestors.pop();
  };
  go(root, null, '');
}
