// The QuickJS sandbox: module loading (ESM + CommonJS), the in-sandbox test API and per-test results.
import { beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsSandbox, type FileMap, type RunResult, type Sandbox } from '../../src/sandbox/index.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await createQuickJsSandbox();
});

const statuses = (r: RunResult): Record<string, string> => Object.fromEntries(r.tests.map((t) => [t.name, t.status]));

const REPO: FileMap = {
  'src/util.js': 'export function clamp(x, lo, hi) { return Math.min(hi, Math.max(lo, x)); }\n',
  'src/math.js':
    "import { clamp } from './util.js';\nimport * as u from './util';\nexport const add = (a, b) => a + b;\nexport function pct(x) { return u.clamp(clamp(x, 0, 100), 0, 100); }\nexport default function mul(a, b) { return a * b; }\n",
  'src/lib/index.js': "export { add as plus } from '../math.js';\n",
  'src/legacy.js':
    "const { add } = require('./helpers');\nconst data = require('./data.json');\nexports.twice = (x) => add(x, x);\nmodule.exports.limit = data.limit;\n",
  'src/helpers.js': 'module.exports = { add: (a, b) => a + b };\n',
  'src/data.json': '{ "limit": 7 }',
  'test/math.test.js': `import mul, { add, pct } from '../src/math.js';
import { plus } from '../src/lib';
import { twice, limit } from '../src/legacy.js';
import assert from 'node:assert';
describe('math', () => {
  it('adds', () => { expect(add(1, 2)).toBe(3); expect(plus(2, 2)).toBe(4); expect(mul(2, 3)).toBe(6); });
  it('clamps', () => { expect(pct(200)).toBe(100); expect(pct(-1)).toBe(0); });
  it('cjs interop', () => { assert.strictEqual(twice(2), 4); assert.equal(limit, 7); });
  it('fails', () => { expect(add(1, 2)).toBe(4); });
});
`,
  'test/legacy.test.js': `const assert = require('assert');
const { twice } = require('../src/legacy');
test('twice', () => { assert.deepStrictEqual([twice(1)], [2]); });
`,
};

describe('QuickJS sandbox: modules', () => {
  it('runs ESM and CommonJS tests with per-test results', async () => {
    const r = await sb.run(REPO, { kind: 'tests' });
    expect(r.backend).toBe('quickjs');
    expect(r.status).toBe('ok');
    expect(statuses(r)).toEqual({
      'math > adds': 'passed',
      'math > clamps': 'passed',
      'math > cjs interop': 'passed',
      'math > fails': 'failed',
      twice: 'passed',
    });
    expect(r.totals).toEqual({ passed: 4, failed: 1, error: 0, timeout: 0 });
    expect(r.tests.find((t) => t.name === 'math > fails')?.message).toBe('expected 3 to be 4');
    expect(r.tests.every((t) => t.file.startsWith('test/') && t.durationMs >= 0)).toBe(true);
    expect(r.limitHit).toBeNull();
  });

  it('runs only the named test files', async () => {
    const r = await sb.run(REPO, { kind: 'tests', files: ['test/legacy.test.js'] });
    expect(statuses(r)).toEqual({ twice: 'passed' });
  });

  it('runs a script and captures console output', async () => {
    const files = {
      'main.js':
        "import { add } from './lib.js';\nconsole.log('sum', add(2, 3), { a: [1] });\nconsole.error('oops');\n",
      'lib.js': 'export const add = (a, b) => a + b;',
    };
    const r = await sb.run(files, { kind: 'script', entry: 'main.js' });
    expect(r.status).toBe('ok');
    expect(r.output).toBe('sum 5 {"a": [1]}\noops\n');
  });

  it('reports a missing import and a missing export as load errors naming the file', async () => {
    const r1 = await sb.run({ 'a.test.js': "import { x } from './nope.js';\nit('t', () => {});" }, { kind: 'tests' });
    expect(r1.status).toBe('load-error');
    expect(r1.message).toContain("Cannot find module './nope.js' imported from a.test.js");
    const r2 = await sb.run(
      { 'lib.js': 'export const y = 1;', 'a.test.js': "import { x } from './lib.js';\nit('t', () => {});" },
      { kind: 'tests' },
    );
    expect(r2.status).toBe('load-error');
    expect(r2.message).toMatch(/x.*lib\.js/);
    expect(r2.totals.passed).toBe(0);
  });

  it('reports a syntax error with file and line', async () => {
    const r = await sb.run(
      {
        'src/bad.js': 'export function f() {\n  return 1 +;\n}\n',
        'a.test.js': "import { f } from './src/bad.js';\nit('t', () => {});",
      },
      { kind: 'tests' },
    );
    expect(r.status).toBe('load-error');
    expect(r.message).toContain('SyntaxError');
    expect(r.message).toContain('src/bad.js:2');
    expect(r.tests).toEqual([expect.objectContaining({ file: 'a.test.js', name: '(load)', status: 'error' })]);
  });
});

describe('QuickJS sandbox: test API', () => {
  it('implements the jest-style matchers and node assert', async () => {
    const src = `
class Shape { constructor(n) { this.n = n; } }
class ValidationError extends Error { constructor(m) { super(m); this.name = 'ValidationError'; } }
const cases = {
  toBe: () => { expect(1).toBe(1); expect(NaN).toBe(NaN); expect(1).not.toBe(2); },
  toEqual: () => { expect({ a: [1, { b: 2 }], c: undefined }).toEqual({ a: [1, { b: 2 }] }); expect(new Map([[1, { x: 1 }]])).toEqual(new Map([[1, { x: 1 }]])); expect(new Set([1, 2])).toEqual(new Set([2, 1])); expect([1, 2]).not.toEqual([1, 2, 3]); },
  toStrictEqual: () => { expect({ a: 1 }).toStrictEqual({ a: 1 }); expect({ a: 1, b: undefined }).not.toStrictEqual({ a: 1 }); expect(new Shape(1)).not.toStrictEqual({ n: 1 }); },
  toThrow: () => { const f = () => { throw new ValidationError('bad input: x'); }; expect(f).toThrow(); expect(f).toThrow('bad input'); expect(f).toThrow(/input: \\w/); expect(f).toThrow(ValidationError); expect(f).toThrow(Error); expect(f).not.toThrow(TypeError); expect(() => 1).not.toThrow(); expect(() => { throw null; }).toThrow(); },
  truthy: () => { expect(1).toBeTruthy(); expect('').toBeFalsy(); expect(null).toBeNull(); expect(undefined).toBeUndefined(); expect(0).toBeDefined(); },
  contain: () => { expect([1, 2, 3]).toContain(2); expect('hello').toContain('ell'); expect([{ a: 1 }]).toContainEqual({ a: 1 }); expect([1]).not.toContain(3); },
  numbers: () => { expect(0.1 + 0.2).toBeCloseTo(0.3); expect(3.14159).toBeCloseTo(3.14, 2); expect(2).toBeGreaterThan(1); expect(2).toBeGreaterThanOrEqual(2); expect(1).toBeLessThan(2); expect(2).toBeLessThanOrEqual(2); },
  misc: () => { expect([1, 2]).toHaveLength(2); expect('abc').toMatch(/b/); expect('abc').toMatch('bc'); expect({ a: { b: 1 } }).toHaveProperty('a.b', 1); expect(new Shape(1)).toBeInstanceOf(Shape); expect({ a: 1, b: 2 }).toMatchObject({ a: 1 }); },
  assert: () => { assert(1); assert.ok(true); assert.equal(1, '1'); assert.strictEqual(1, 1); assert.deepStrictEqual({ a: [1] }, { a: [1] }); assert.deepEqual({ a: 1 }, { a: '1' }); assert.throws(() => { throw new TypeError('x'); }, TypeError); assert.notStrictEqual(1, 2); },
  badCloseTo: () => { expect(0.3).toBeCloseTo(0.31, 3); },
  badEqual: () => { expect({ a: 1 }).toEqual({ a: 2 }); },
  badThrow: () => { expect(() => 1).toThrow(); },
  badThrowClass: () => { expect(() => { throw new Error('x'); }).toThrow(TypeError); },
  badStrict: () => { assert.deepStrictEqual([1], ['1']); },
  badNot: () => { expect([1]).not.toContain(1); },
  errorThrown: () => { null.x; },
};
for (const [name, fn] of Object.entries(cases)) it(name, fn);
it('async resolves', async () => { await expect(Promise.resolve(2)).resolves.toBe(2); await expect(Promise.reject(new Error('no'))).rejects.toThrow('no'); });
it('async waits on timers', async () => { let n = 0; await new Promise((r) => setTimeout(() => { n = 1; r(); }, 5000)); expect(n).toBe(1); });
it('async failure', async () => { await Promise.resolve(); expect(1).toBe(2); });
it('done callback', (done) => { setTimeout(() => done(), 10); });
it('done with error', (done) => { setTimeout(() => done(new Error('late failure')), 10); });
it.each([[1, 2, 3], [2, 2, 4]])('add %i + %i = %i', (a, b, c) => { expect(a + b).toBe(c); });
it.skip('skipped', () => { throw new Error('never'); });
it('no assertions passes', () => {});
`;
    const r = await sb.run({ 'm.test.js': src }, { kind: 'tests' });
    expect(r.status).toBe('ok');
    const s = statuses(r);
    for (const ok of [
      'toBe',
      'toEqual',
      'toStrictEqual',
      'toThrow',
      'truthy',
      'contain',
      'numbers',
      'misc',
      'assert',
      'async resolves',
      'async waits on timers',
      'done callback',
      'add 1 + 2 = 3',
      'add 2 + 2 = 4',
      'no assertions passes',
    ])
      expect([ok, s[ok]]).toEqual([ok, 'passed']);
    for (const bad of ['badCloseTo', 'badEqual', 'badThrow', 'badThrowClass', 'badStrict', 'badNot', 'async failure'])
      expect([bad, s[bad]]).toEqual([bad, 'failed']);
    expect(s.errorThrown).toBe('error');
    expect(s['done with error']).toBe('error');
    expect(s.skipped).toBeUndefined();
    expect(r.tests.find((t) => t.name === 'badThrowClass')?.message).toContain('TypeError');
  });

  it('runs hooks in order around each test', async () => {
    const src = `
const log = [];
beforeAll(() => log.push('ba'));
beforeEach(() => log.push('be'));
afterEach(() => log.push('ae'));
describe('inner', () => {
  beforeEach(() => log.push('ibe'));
  it('one', () => { log.push('t1'); });
  it('two', () => { log.push('t2'); });
});
it('last', () => { expect(log.join(',')).toBe('ba,be,ibe,t1,ae,be,ibe,t2,ae,be'); });
describe('broken hook', () => { beforeAll(() => { throw new Error('setup failed'); }); it('skipped by hook', () => {}); });
`;
    const r = await sb.run({ 'h.test.js': src }, { kind: 'tests' });
    expect(statuses(r)).toEqual({
      'inner > one': 'passed',
      'inner > two': 'passed',
      last: 'passed',
      'broken hook > skipped by hook': 'error',
    });
    expect(r.tests[3].message).toContain('setup failed');
  });

  it('refuses test declarations from modules under test', async () => {
    const files = {
      'src/evil.js': "export const x = 1;\nit('free pass', () => {});\n",
      'a.test.js': "import { x } from './src/evil.js';\nit('real', () => { expect(x).toBe(2); });",
    };
    const r = await sb.run(files, { kind: 'tests' });
    expect(r.status).toBe('load-error');
    expect(r.message).toContain('only test files may declare tests');
    expect(r.totals.passed).toBe(0);
  });
});
