import { describe, expect, it } from 'vitest';
import { parsePaths } from '../../src/tasks/skills/localization.ts';
import {
  pathOfCitation,
  renderSymbolIndex,
  resolvePath,
  shortPath,
  symbolIndex,
} from '../../src/tasks/skills/symbols.ts';

describe('symbolIndex', () => {
  it('lists top-level functions and classes of ES modules and CommonJS files, by path', () => {
    const files = {
      'src/b.js': 'export const twice = (x) => 2 * x;\nconst limit = 3;\nexport class Queue {}\nfunction helper() {}\n',
      'src/a.js': 'export default function leven(a, b) { return 0; }\nexport const k = 1;\n',
      'lib/c.js': "'use strict';\nmodule.exports.parse = function (s) {};\nexports.format = (n) => `${n}`;\n",
      'test/a.test.js': "import leven from '../src/a.js';\nfunction helper() {}\n",
      'README.md': '# not code',
    };
    expect(symbolIndex(files)).toEqual([
      { name: 'parse', path: 'lib/c.js' },
      { name: 'format', path: 'lib/c.js' },
      { name: 'leven', path: 'src/a.js' },
      { name: 'twice', path: 'src/b.js' },
      { name: 'Queue', path: 'src/b.js' },
      { name: 'helper', path: 'src/b.js' },
    ]);
  });

  it('names an anonymous default export as its importers do', () => {
    const files = {
      'lib/ms/index.js': 'var s = 1000;\nmodule.exports = function (val) { return val; };\nfunction fmt() {}\n',
      'lib/up.js': 'export default (s) => s.toUpperCase();\n',
      'lib/named.js': 'module.exports = function bytes() {};\n',
      'lib/lone.js': 'export default function () {}\n',
      'src/use.js': "import upper from '../lib/up.js';\nexport const shout = (s) => upper(s) + '!';\n",
      'test/ms.test.js': "import ms from '../lib/ms/index.js';\n",
    };
    expect(symbolIndex(files).map((e) => `${e.name} ${e.path}`)).toEqual([
      'ms lib/ms/index.js',
      'fmt lib/ms/index.js',
      'bytes lib/named.js',
      'upper lib/up.js',
      'shout src/use.js',
    ]);
  });

  it('skips a file that does not parse, keeps the others, and caps the index', () => {
    const files = { 'src/bad.js': 'export function (', 'src/ok.js': 'function f() {}\nfunction g() {}\n' };
    expect(symbolIndex(files)).toEqual([
      { name: 'f', path: 'src/ok.js' },
      { name: 'g', path: 'src/ok.js' },
    ]);
    expect(symbolIndex(files, 1)).toEqual([{ name: 'f', path: 'src/ok.js' }]);
  });

  it('renders name:file lines, each file by the shortest end of its path that names it alone', () => {
    const paths = ['src/ok.js', 'lib/g/index.js', 'lib/h/index.js', 'test/ok.test.js'];
    const text = renderSymbolIndex(
      [
        { name: 'f', path: 'src/ok.js' },
        { name: 'g', path: 'lib/g/index.js' },
      ],
      paths,
    );
    expect(text).toBe('f:ok.js\ng:g/index.js');
    expect(shortPath('lib/h/index.js', paths)).toBe('h/index.js');
    expect(shortPath('index.js', ['index.js', 'lib/index.js'])).toBe('index.js');
    expect(text.split('\n').map(pathOfCitation)).toEqual(['ok.js', 'g/index.js']);
    expect(pathOfCitation('f -> src/ok.js')).toBe('src/ok.js');
    expect(pathOfCitation('f → src/ok.js')).toBe('src/ok.js');
    expect(pathOfCitation('src/ok.js:3')).toBe('src/ok.js:3');
    expect(pathOfCitation('src/ok.js')).toBe('src/ok.js');
  });

  it('resolves an answer to one file: exactly, by case, or by a /-aligned end; never to several', () => {
    const paths = ['src/ok.js', 'lib/g/index.js', 'lib/h/index.js', 'src/Store.js'];
    expect(resolvePath('src/ok.js', paths)).toBe('src/ok.js');
    expect(resolvePath('src/store.js', paths)).toBe('src/Store.js');
    expect(resolvePath('ok.js', paths)).toBe('src/ok.js');
    expect(resolvePath('g/index.js', paths)).toBe('lib/g/index.js');
    expect(resolvePath('index.js', paths)).toBeNull();
    expect(resolvePath('k.js', paths)).toBeNull();
    expect(resolvePath('js', paths)).toBeNull();
  });
});

describe('localization answers that cite the index', () => {
  it('parse to their paths, with bullets and backticks', () => {
    expect(parsePaths('swapKeys:store.js\n- `without:data.js`')).toEqual(['store.js', 'data.js']);
    expect(parsePaths('swapKeys → src/store.js')).toEqual(['src/store.js']);
    expect(parsePaths('["f:a.js"]')).toEqual(['a.js']);
  });
});
