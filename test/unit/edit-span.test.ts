import { describe, expect, it } from 'vitest';
import { spanEditBlock } from '../../src/tasks/skills/edit-span.ts';
import { applyEdits, diffToEditBlock, parseEdits } from '../../src/tasks/skills/edits.ts';

/** The block's SEARCH and REPLACE, and what applying it to `from` gives. */
function applied(path: string, from: string, to: string) {
  const text = spanEditBlock(path, from, to);
  const parsed = parseEdits(text);
  if (!parsed.ok) throw new Error(parsed.error);
  const result = applyEdits({ [path]: from }, parsed.blocks);
  if (!result.ok) throw new Error(result.error);
  return { search: parsed.blocks[0].search, replace: parsed.blocks[0].replace, after: result.files[path] };
}

describe('spanEditBlock: the changed tokens of one line and the fewest neighbours that make them unique', () => {
  it('takes one token of context on each side, then grows until SEARCH occurs once', () => {
    const from = 'export function f(pos) {\n  return pos + 2;\n}\n';
    const to = 'export function f(pos) {\n  return pos + 1;\n}\n';
    expect(applied('a.js', from, to)).toEqual({ search: '+ 2;', replace: '+ 1;', after: to });
    const twice = 'let a = x + 2;\nlet b = y + 2;\n';
    const fixed = 'let a = x + 2;\nlet b = y + 1;\n';
    const { search, after } = applied('a.js', twice, fixed);
    expect(search).toBe('y + 2;');
    expect(after).toBe(fixed);
  });

  it('widens a change inside a name to the whole name', () => {
    const from = 'const rest = increment - num * increment;\n';
    const to = 'const rest = n - num * increment;\n';
    expect(applied('a.js', from, to)).toMatchObject({ search: '= increment -', replace: '= n -', after: to });
  });

  it('keeps multi-character operators whole', () => {
    const from = 'if (a >= b) return 1;\nif (c > d) return 2;\n';
    const to = 'if (a > b) return 1;\nif (c > d) return 2;\n';
    expect(applied('a.js', from, to)).toMatchObject({ search: 'a >= b', replace: 'a > b', after: to });
  });

  it('handles an insertion (a removed `return` put back) and a change at the start of a line', () => {
    const from = 'function g(x) {\n  x * 2;\n}\nfunction h(y) {\n  return y * 2;\n}\n';
    const to = 'function g(x) {\n  return x * 2;\n}\nfunction h(y) {\n  return y * 2;\n}\n';
    const { search, after } = applied('a.js', from, to);
    expect(from.indexOf(search)).toBe(from.lastIndexOf(search));
    expect(search.length).toBeLessThan('  x * 2;'.length + 1);
    expect(after).toBe(to);
  });

  it('falls back to whole lines when the change spans lines or nothing in the line is unique', () => {
    const from = 'a\nb\nc\n';
    const to = 'a\nB\nC\n';
    expect(spanEditBlock('f.js', from, to)).toBe(diffToEditBlock('f.js', from, to));
    const repeated = 'x = 1;\ny\nx = 1;\n';
    const changed = 'x = 1;\ny\nx = 2;\n';
    expect(spanEditBlock('f.js', repeated, changed)).toBe(diffToEditBlock('f.js', repeated, changed));
    expect(spanEditBlock('f.js', from, from)).toBe('');
  });

  it('is exact on random one-token changes of a real-looking file', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `  const v${i % 7} = items[${i % 5}] + ${i % 3};`);
    const from = `export function f(items) {\n${lines.join('\n')}\n}\n`;
    for (let i = 0; i < lines.length; i++) {
      const to = from.replace(lines[i], lines[i].replace(/\+ (\d)/, '- $1'));
      const { search, after } = applied('m.js', from, to);
      expect(after).toBe(to);
      expect(search.includes('\n')).toBe(search === lines[i] || search.split('\n').length > 1);
    }
  });
});
