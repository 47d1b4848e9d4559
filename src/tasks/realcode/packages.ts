// The real npm modules the real-code pack is derived from: small pure-function libraries (MIT) shipped as
// devDependencies. For each: where its single source file is, how a test imports it, which callees its README
// examples use, and a seeded generator of call expressions for differential testing.
import type { Rng } from '../rng.ts';

export interface RealPackage {
  /** npm package name (node_modules/<name>). */
  name: string;
  /** The module file inside the package. */
  file: string;
  /** The import line for a file at the repository root, with {path} for the module path. */
  importLine: string;
  /** Callee texts README examples may use (e.g. 'bytes.format'). */
  callees: readonly string[];
  /** Call expressions over generated inputs (JS source), deterministic for the rng. */
  generate(rng: Rng): string[];
}

const q = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const WORDS = [
  'foo',
  'bar',
  'baz',
  'Unicorn',
  'rainbow',
  'XML',
  'http',
  'Request',
  'id',
  'GUI',
  'label',
  'v2',
  'data',
  'URL',
  'parser',
  'a',
  'b1',
  'Test',
];
const pick = <T>(rng: Rng, items: readonly T[]): T => items[rng.int(0, items.length - 1)];

export const REAL_PACKAGES: readonly RealPackage[] = [
  {
    name: 'ms',
    file: 'index.js',
    importLine: "import ms from '{path}';",
    callees: ['ms'],
    generate(rng) {
      const units = [
        'ms',
        's',
        'sec',
        'secs',
        'm',
        'min',
        'mins',
        'h',
        'hr',
        'hrs',
        'd',
        'day',
        'days',
        'w',
        'week',
        'weeks',
        'y',
        'yr',
        'years',
        ' hours',
        ' minutes',
        ' seconds',
        ' milliseconds',
        ' weeks',
        'Days',
        'MS',
        'x',
        '',
      ];
      const out: string[] = [];
      for (let i = 0; i < 26; i++) {
        const n = pick(rng, [0, 1, 2, 5, 10, 1.5, 0.25, 100, 3600, -1, -2.5, 42, 7]);
        out.push(`ms(${q(`${n}${pick(rng, units)}`)})`);
      }
      const scales = [1, 1000, 60000, 3600000, 86400000, 604800000, 31557600000];
      for (let i = 0; i < 24; i++) {
        const v =
          pick(rng, scales) * pick(rng, [1, 2, 1.5, 0.5, 3, 36, 59, 100, -1, -2]) + pick(rng, [0, 0, 1, 499, 500, 999]);
        out.push(rng.next() < 0.5 ? `ms(${v})` : `ms(${v}, { long: true })`);
      }
      out.push("ms('')", 'ms(NaN)', "ms('1e3')", "ms('.5h')", "ms('-.5m')", 'ms(Infinity)');
      return out;
    },
  },
  {
    name: 'bytes',
    file: 'index.js',
    importLine: "import bytes from '{path}';",
    callees: ['bytes', 'bytes.format', 'bytes.parse'],
    generate(rng) {
      const out: string[] = [];
      const units = ['b', 'B', 'kb', 'KB', 'mb', 'MB', 'gb', 'tb', 'pb', ''];
      for (let i = 0; i < 24; i++) {
        const v = Math.round(
          pick(rng, [1, 1024, 1048576, 1073741824, 1099511627776]) *
            pick(rng, [1, 1.5, 2, 0.75, 1000, 3.14159, 512, 0.001]),
        );
        const opts = pick(rng, [
          '',
          ', { decimalPlaces: 0 }',
          ', { fixedDecimals: true }',
          ", { thousandsSeparator: ',' }",
          ", { unitSeparator: ' ' }",
          ", { unit: 'KB' }",
          ", { unit: 'b' }",
          ', { decimalPlaces: 3 }',
        ]);
        out.push(rng.next() < 0.5 ? `bytes.format(${v}${opts})` : `bytes(${v}${opts})`);
      }
      for (let i = 0; i < 20; i++) {
        const n = pick(rng, ['1', '1.5', '0.5', '10', '1024', '3.25', '-2', '100']);
        const text = `${n}${pick(rng, ['', ' '])}${pick(rng, units)}`;
        out.push(rng.next() < 0.5 ? `bytes.parse(${q(text)})` : `bytes(${q(text)})`);
      }
      out.push(
        'bytes.parse(2048)',
        "bytes.parse('foo')",
        'bytes.format(NaN)',
        'bytes(null)',
        'bytes.format(-1536)',
        "bytes('1.5 kB')",
      );
      return out;
    },
  },
  {
    name: 'leven',
    file: 'index.js',
    importLine: "import leven, { closestMatch } from '{path}';",
    callees: ['leven', 'closestMatch'],
    generate(rng) {
      const word = (): string =>
        Array.from({ length: rng.int(0, 8) }, () => pick(rng, ['a', 'b', 'c', 'd', 'e', 'k', 't'])).join('');
      const out: string[] = [];
      for (let i = 0; i < 30; i++) {
        const a = word();
        const b = rng.next() < 0.3 ? a.slice(0, rng.int(0, a.length)) + word().slice(0, 2) : word();
        out.push(
          rng.next() < 0.25 ? `leven(${q(a)}, ${q(b)}, { maxDistance: ${rng.int(0, 4)} })` : `leven(${q(a)}, ${q(b)})`,
        );
      }
      for (let i = 0; i < 14; i++) {
        const cands = Array.from({ length: rng.int(0, 4) }, word)
          .map(q)
          .join(', ');
        const opt = rng.next() < 0.4 ? `, { maxDistance: ${rng.int(0, 3)} }` : '';
        out.push(`closestMatch(${q(word())}, [${cands}]${opt})`);
      }
      out.push("leven('kitten', 'sitting')", "leven('', 'abc')", "leven('abc', 'abc')", "closestMatch('x', [])");
      return out;
    },
  },
  {
    name: 'camelcase',
    file: 'index.js',
    importLine: "import camelCase from '{path}';",
    callees: ['camelCase'],
    generate(rng) {
      const out: string[] = [];
      const seps = ['-', '_', '.', ' ', '--', '__', '-_'];
      for (let i = 0; i < 40; i++) {
        const parts = Array.from({ length: rng.int(1, 4) }, () => pick(rng, WORDS));
        let text = parts.map((p) => (rng.next() < 0.2 ? p.toUpperCase() : p)).join(pick(rng, seps));
        if (rng.next() < 0.15) text = `${pick(rng, seps)}${text}${pick(rng, seps)}`;
        const opts = pick(rng, [
          '',
          '',
          ', { pascalCase: true }',
          ', { preserveConsecutiveUppercase: true }',
          ', { pascalCase: true, preserveConsecutiveUppercase: true }',
          ', { locale: false }',
        ]);
        out.push(`camelCase(${q(text)}${opts})`);
      }
      out.push(
        "camelCase('')",
        "camelCase(['foo', 'bar-baz'])",
        "camelCase('foo123bar')",
        'camelCase(42)',
        "camelCase('A')",
      );
      return out;
    },
  },
  {
    name: 'decamelize',
    file: 'index.js',
    importLine: "import decamelize from '{path}';",
    callees: ['decamelize'],
    generate(rng) {
      const out: string[] = [];
      for (let i = 0; i < 40; i++) {
        const parts = Array.from({ length: rng.int(1, 4) }, () => pick(rng, WORDS));
        const text = parts
          .map((p, k) => (k === 0 ? p[0].toLowerCase() + p.slice(1) : p[0].toUpperCase() + p.slice(1)))
          .join('');
        const opts = pick(rng, [
          '',
          '',
          ", { separator: '-' }",
          ", { separator: ' ' }",
          ', { preserveConsecutiveUppercase: true }',
          ", { separator: '.', preserveConsecutiveUppercase: true }",
        ]);
        out.push(`decamelize(${q(text)}${opts})`);
      }
      out.push("decamelize('')", "decamelize('A')", "decamelize('ABC')", 'decamelize(1)', "decamelize('myURLString')");
      return out;
    },
  },
  {
    name: 'is-number',
    file: 'index.js',
    importLine: "import isNumber from '{path}';",
    callees: ['isNumber'],
    generate(rng) {
      const values = [
        '0',
        '1',
        '-1',
        '1.5',
        '-0',
        'NaN',
        'Infinity',
        '-Infinity',
        '1e21',
        '0xff',
        "'0'",
        "'12'",
        "' 12 '",
        "''",
        "'   '",
        "'abc'",
        "'12abc'",
        "'1e3'",
        "'0x1f'",
        "'.5'",
        "'5.'",
        "'Infinity'",
        "'-Infinity'",
        "'NaN'",
        'null',
        'undefined',
        'true',
        'false',
        '[]',
        '[1]',
        '{}',
        "'\\t'",
        "'-'",
        "'+5'",
        "'1_000'",
      ];
      const out = values.map((v) => `isNumber(${v})`);
      for (let i = 0; i < 10; i++)
        out.push(
          `isNumber(${rng.next() < 0.5 ? String(rng.int(-1000, 1000) / 8) : q(String(rng.int(-1000, 1000) / 4))})`,
        );
      return out;
    },
  },
];
