// Issue 3, item 12 (sandbox side): hostile or broken guests get a clear status, never a pass they did not
// earn, and never crash or hang the host; one run cannot influence the next.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createQuickJsSandbox,
  type FileMap,
  type RunLimits,
  type RunResult,
  type Sandbox,
} from '../../src/sandbox/index.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await createQuickJsSandbox();
  // first-run compile costs stay out of the limits below
  await sb.run({ 'w.test.js': "it('warm', () => {});" }, { kind: 'tests' });
});

const LIMITS: Partial<RunLimits> = { timeMs: 1_000, memoryBytes: 32 * 2 ** 20, outputBytes: 16 * 1024 };
const runTest = (src: string, limits = LIMITS, extra: FileMap = {}): Promise<RunResult> =>
  sb.run({ 'a.test.js': src, ...extra }, { kind: 'tests' }, limits);
const FINE = "it('fine', () => { expect(1 + 1).toBe(2); });";

async function expectHealthy(): Promise<void> {
  const r = await runTest(FINE);
  expect(r.status).toBe('ok');
  expect(r.totals.passed).toBe(1);
}

describe('sandbox bad input: limits', () => {
  it('an infinite loop times out, marks the rest not run, and the next run is fine', async () => {
    const r = await runTest("it('loops', () => { while (true) {} });\nit('after', () => {});", {
      ...LIMITS,
      timeMs: 1_000,
    });
    expect(r.status).toBe('timeout');
    expect(r.limitHit).toBe('time');
    expect(r.tests.map((t) => t.status)).toEqual(['timeout', 'timeout']);
    expect(r.tests[1].message).toContain('not run');
    await expectHealthy();
  });

  it('an infinite loop at module top level times out', async () => {
    const r = await sb.run(
      { 'src/m.js': 'for (;;) {}\nexport const x = 1;', 'a.test.js': "import { x } from './src/m.js';\n" + FINE },
      { kind: 'tests' },
      { ...LIMITS, timeMs: 300 },
    );
    expect(r.status).toBe('timeout');
    expect(r.totals.passed).toBe(0);
  });

  it('unbounded allocation hits the memory limit', async () => {
    const r = await runTest(
      "it('grows', () => { const keep = []; for (;;) keep.push({ n: keep.length, s: 'x' + keep.length }); });\nit('after', () => {});",
      { ...LIMITS, memoryBytes: 8 * 2 ** 20, timeMs: 10_000 },
    );
    expect(r.status).toBe('memory');
    expect(r.limitHit).toBe('memory');
    expect(r.totals.passed).toBe(0);
    await expectHealthy();
  });

  it('large buffers are caught by the heap backstop', async () => {
    const r = await runTest(
      "it('buffers', () => { const keep = []; for (;;) keep.push(new Float64Array(1 << 20)); });\nit('after', () => {});",
      { ...LIMITS, timeMs: 10_000 },
    );
    expect(r.tests.map((t) => t.status)).toEqual(['error', 'error']);
    expect(r.status).toBe('memory');
    await expectHealthy();
  });

  it('printing megabytes stops at the output cap', async () => {
    const r = await runTest("it('floods', () => { for (;;) console.log('x'.repeat(1000)); });", LIMITS);
    expect(r.status).toBe('output');
    expect(r.limitHit).toBe('output');
    expect(new TextEncoder().encode(r.output).length).toBe(LIMITS.outputBytes);
    expect(r.tests[0].status).toBe('error');
  });

  it('deep recursion is a test error, not a crash', async () => {
    const r = await runTest("it('recurses', () => { const f = (n) => f(n + 1) + 1; f(0); });\n" + FINE);
    expect(r.status).toBe('ok');
    expect(r.tests[0]).toMatchObject({ status: 'error' });
    expect(r.tests[0].message).toContain('stack overflow');
    expect(r.tests[1].status).toBe('passed');
  });

  it('a promise that never settles is a timeout for that test only', async () => {
    const r = await runTest("it('hangs', () => new Promise(() => {}));\n" + FINE);
    expect(r.tests.map((t) => t.status)).toEqual(['timeout', 'passed']);
  });
});

describe('sandbox bad input: thrown values', () => {
  it('throw null / 42 / hostile objects are recorded safely as errors', async () => {
    const src = `
it('null', () => { throw null; });
it('number', () => { throw 42; });
it('undefined', () => { throw undefined; });
it('hostile', () => { throw { get message() { throw new Error('gotcha'); }, toString() { throw new Error('no'); } }; });
it('proxy', () => { throw new Proxy({}, { get() { throw new Error('trap'); }, getPrototypeOf() { throw new Error('trap'); } }); });
it('async null', async () => { throw null; });
`;
    const r = await runTest(src);
    expect(r.status).toBe('ok');
    expect(r.tests.map((t) => t.status)).toEqual(['error', 'error', 'error', 'error', 'error', 'error']);
    expect(r.tests[0].message).toBe('thrown value: null');
    expect(r.tests[1].message).toBe('thrown value: 42');
  });

  it('toThrow on a function that throws null still counts as throwing', async () => {
    const r = await runTest("it('t', () => { expect(() => { throw null; }).toThrow(); });");
    expect(r.totals.passed).toBe(1);
  });
});

describe('sandbox bad input: no host access', () => {
  it('process, Function("return this"), constructor.constructor, require("fs") reach nothing of the host', async () => {
    const src = `
it('no process', () => { expect(typeof process).toBe('undefined'); expect(globalThis.process).toBeUndefined(); });
it('Function this is the guest global', () => { const g = Function('return this')(); expect(g).toBe(globalThis); expect(typeof g.process).toBe('undefined'); expect(typeof g.require).toBe('undefined'); });
it('constructor.constructor', () => { expect(() => ({}).constructor.constructor('return process')()).toThrow(ReferenceError); });
it('no host globals', () => { for (const n of ['process', 'Buffer', 'fetch', 'XMLHttpRequest', 'WebAssembly', 'window', 'document', 'importScripts', 'Deno']) expect([n, typeof globalThis[n]]).toEqual([n, 'undefined']); });
`;
    const r = await runTest(src);
    expect(r.tests.map((t) => [t.name, t.status])).toEqual([
      ['no process', 'passed'],
      ['Function this is the guest global', 'passed'],
      ['constructor.constructor', 'passed'],
      ['no host globals', 'passed'],
    ]);
  });

  it("require('fs') and import 'fs' fail with a clear module-not-found error", async () => {
    const cjs = await runTest("const fs = require('fs');\n" + FINE);
    expect(cjs.status).toBe('load-error');
    expect(cjs.message).toContain("Cannot find module 'fs'");
    const esm = await runTest("import fs from 'node:fs';\n" + FINE);
    expect(esm.status).toBe('load-error');
    expect(esm.message).toContain("Cannot find module 'node:fs'");
  });
});

describe('sandbox bad input: tampering cannot earn a pass', () => {
  const FAILING = "it('must fail', () => { expect([1, 2].includes(3)).toBe(true); });";
  const cases: Record<string, string> = {
    'Object.prototype.toString': "Object.prototype.toString = () => '[object Array]';",
    'Array.prototype.includes': 'Array.prototype.includes = () => true;',
    'defineProperty on Array.prototype': "Object.defineProperty(Array.prototype, 'includes', { value: () => true });",
    'Object.is': 'Object.is = () => true;',
    'JSON.stringify': 'JSON.stringify = () => "same";',
    'global expect': 'globalThis.expect = () => ({ toBe() {} });',
    'global describe/it': 'globalThis.it = () => {}; globalThis.describe = () => {};',
    'defineProperty on expect': "Object.defineProperty(globalThis, 'expect', { value: () => ({ toBe() {} }) });",
    'defineProperty on JSON/Array':
      "Object.defineProperty(globalThis, 'Array', { value: {} }); Reflect.defineProperty(globalThis, 'JSON', { value: {} }); globalThis.__defineGetter__('Math', () => ({}));",
    'global declarations through indirect eval':
      "(0, eval)('let expect = () => ({ toBe() {} }); var Array = 1; function JSON() {}');",
    'matcher object': 'const m = expect(1); m.toBe = () => {}; Object.setPrototypeOf(m, {});',
    'Function.prototype.call/apply':
      'Function.prototype.call = function () {}; Function.prototype.apply = function () {};',
    'Promise.prototype.then': 'Promise.prototype.then = function (ok) { ok(); };',
    'Error constructor': 'globalThis.Error = function () {};',
  };
  for (const [name, tamper] of Object.entries(cases)) {
    it(`tampering with ${name} in the module under test`, async () => {
      const files = {
        'src/evil.js': `try { ${tamper} } catch (e) {}\nexport const ok = 1;\n`,
        'a.test.js': `import { ok } from './src/evil.js';\n${FAILING}\nit('also fails', () => { expect(ok).toEqual(2); });`,
      };
      const r = await sb.run(files, { kind: 'tests' }, LIMITS);
      expect(r.totals.passed).toBe(0);
      expect(r.tests.length).toBeGreaterThan(0);
    });
  }

  it('objects with a custom valueOf do not satisfy numeric matchers', async () => {
    const files = {
      'src/evil.js': 'export const score = () => ({ valueOf: () => 1e9 });',
      'a.test.js':
        "import { score } from './src/evil.js';\nit('big', () => { expect(score()).toBeGreaterThan(10); });\nit('small', () => { expect(score()).toBeLessThanOrEqual(1e12); });",
    };
    const r = await sb.run(files, { kind: 'tests' }, LIMITS);
    expect(r.tests.map((t) => t.status)).toEqual(['failed', 'failed']);
    expect(r.tests[0].message).toContain('needs numbers');
  });

  it('an async test cannot be passed by tampering with promises', async () => {
    const files = {
      'src/evil.js':
        'try { Promise.prototype.then = function (ok) { ok(); }; } catch (e) {}\nexport const get = async () => 1;\n',
      'a.test.js': "import { get } from './src/evil.js';\nit('async', async () => { expect(await get()).toBe(2); });",
    };
    const r = await sb.run(files, { kind: 'tests' }, LIMITS);
    expect(r.tests.map((t) => t.status)).toEqual(['failed']);
  });

  it('the module under test cannot register its own passing tests', async () => {
    const files = {
      'src/evil.js':
        "try { it('free', () => {}); } catch (e) {}\ntry { test.only('free', () => {}); } catch (e) {}\nexport const v = 1;",
      'a.test.js': "import { v } from './src/evil.js';\nit('real', () => { expect(v).toBe(2); });",
    };
    const r = await sb.run(files, { kind: 'tests' }, LIMITS);
    expect(r.tests.map((t) => [t.name, t.status])).toEqual([['real', 'failed']]);
  });

  it('ordinary code that assigns name/toString on its own objects still works under the hardened realm', async () => {
    const src = `
function Legacy() {} Legacy.prototype = Object.create(Object.prototype); Legacy.prototype.toString = function () { return 'legacy'; };
class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; } }
it('works', () => { expect(String(new Legacy())).toBe('legacy'); expect(new MyError('x').name).toBe('MyError'); const o = {}; o.valueOf = () => 5; expect(o + 1).toBe(6); globalThis.myGlobal = 1; expect(myGlobal).toBe(1); });
`;
    const r = await runTest(src);
    expect(r.tests.map((t) => t.status)).toEqual(['passed']);
  });
});

describe('sandbox bad input: isolation and malformed input', () => {
  it('a global set in one run is not visible in the next', async () => {
    const r1 = await runTest(
      "globalThis.leak = 42; Object.prototype.leaked = 1;\nit('sets', () => { expect(leak).toBe(42); });",
    );
    expect(r1.totals.passed).toBe(1); // sloppy CommonJS: the frozen prototype silently ignores the write
    const r2 = await runTest(
      "import assert from 'assert';\nglobalThis.leak = 42; Object.prototype.leaked = 1;\nit('sets', () => {});",
    );
    expect(r2.status).toBe('load-error'); // strict ESM: the same write throws
    const r3 = await runTest(
      "it('sees nothing', () => { expect(typeof leak).toBe('undefined'); expect(({}).leaked).toBeUndefined(); });",
    );
    expect(r3.totals.passed).toBe(1);
  });

  it('pending timers and jobs from one run do not fire in the next', async () => {
    await runTest(
      "setTimeout(() => { globalThis.late = 1; }, 10);\nPromise.resolve().then(() => { globalThis.late2 = 1; });\nit('t', () => {});",
    );
    const r = await runTest(
      "it('clean', () => { expect(typeof late).toBe('undefined'); expect(typeof late2).toBe('undefined'); });",
    );
    expect(r.totals.passed).toBe(1);
  });

  it('every run starts from the same pristine realm, whatever the previous run did', async () => {
    const probe =
      "it('probe', () => { console.log(Object.getOwnPropertyNames(globalThis).sort().join(','), typeof leak, Object.getOwnPropertyNames(Object.prototype).length); });";
    const before = await runTest(probe);
    await runTest(
      "globalThis.leak = 1; var leak2 = 2; Symbol.for('x'); new WeakRef({}); Promise.resolve().then(() => { globalThis.late = 1; }); setInterval(() => {}, 1);\nit('messes', () => { for (let i = 0; i < 1000; i++) globalThis['g' + i] = { i }; });",
    );
    await runTest(
      "it('grows the heap', () => { const keep = []; for (let i = 0; i < 40; i++) keep.push(new Uint8Array(1 << 20).fill(i)); expect(keep.length).toBe(40); });",
      { ...LIMITS, memoryBytes: 64 * 2 ** 20 },
    );
    await runTest("it('loops', () => { for (;;) {} });", { ...LIMITS, timeMs: 200 });
    const after = await runTest(probe);
    expect(after.output).toBe(before.output);
    expect(after.output).toContain('undefined');
    await expectHealthy();
  });

  it('a 1 MB source is refused as a load error', async () => {
    const r = await runTest(`// ${'x'.repeat(2 ** 20)}\n${FINE}`);
    expect(r.status).toBe('load-error');
    expect(r.message).toContain('KiB');
    await expectHealthy();
  });

  it('binary junk is a load error, not a crash', async () => {
    let junk = '';
    for (let i = 0; i < 4096; i++) junk += String.fromCharCode((i * 7919 + 13) % 65536);
    const r = await sb.run(
      { 'src/junk.js': junk, 'a.test.js': "import './src/junk.js';\n" + FINE },
      { kind: 'tests' },
      LIMITS,
    );
    expect(r.status).toBe('load-error');
    expect(r.message).toContain('src/junk.js');
    await expectHealthy();
  });

  it('malformed run input is reported, not thrown', async () => {
    const r1 = await sb.run({ 'a.js': 42 } as unknown as FileMap, { kind: 'tests' });
    expect(r1.status).toBe('load-error');
    expect(r1.message).toContain('"a.js"');
    const r2 = await sb.run({ 'a.test.js': FINE }, { kind: 'tests', files: ['missing.test.js'] });
    expect(r2.status).toBe('load-error');
    expect(r2.message).toContain('missing.test.js');
    const r3 = await sb.run({ 'a.test.js': FINE }, { kind: 'tests' }, { timeMs: -1 });
    expect(r3.message).toContain('timeMs');
  });
});
