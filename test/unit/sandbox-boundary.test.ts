// What a guest can no longer do in the QuickJS sandbox: read function source, reshape the global object, hide
// a canary from the host, make a run's limits depend on earlier runs, crash the backend with native recursion,
// or hold a worker past its limit inside one long built-in call. Several instances per class.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsSandbox, type FileMap, type RunResult, type Sandbox } from '../../src/sandbox/index.ts';
import { createNodeWorkerSandbox } from '../../src/sandbox/worker/node.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await createQuickJsSandbox();
});

const runTest = (body: string, files: FileMap = {}, limits = {}): Promise<RunResult> =>
  sb.run({ ...files, 'a.test.js': body }, { kind: 'tests' }, limits);
const logged = async (body: string, files: FileMap = {}): Promise<string> => {
  const r = await runTest(`it('probe', () => {\n${body}\n});`, files);
  expect(r.status, r.message).toBe('ok');
  return r.output;
};

describe('function source is not observable', () => {
  const lib = {
    'lib.js':
      'export function secret(x) {\n  return x * 42; // the answer\n}\nexport const arrow = (a) => a + 1;\nexport class K { m() { return 1; } }\n',
  };
  const routes = [
    'secret.toString()',
    'String(secret)',
    "'' + arrow",
    '`${arrow}`',
    'Function.prototype.toString.call(K)',
    'Function.prototype.toString.call(new K().m)',
    'Object.getPrototypeOf(async function () {}).constructor.prototype.toString.call(secret)',
    'JSON.stringify({ f: String(secret) })',
  ];
  for (const route of routes) {
    it(`${route} prints native code, never the text`, async () => {
      const r = await runTest(
        `import { secret, arrow, K } from './lib.js';\nit('probe', () => { console.log(${route}); });`,
        lib,
      );
      expect(r.status, r.message).toBe('ok');
      expect(r.output).toContain('[native code]');
      expect(r.output).not.toMatch(/42|the answer|a \+ 1|return 1/);
    });
  }
});

describe('the global object cannot be reshaped', () => {
  const attempts: Record<string, string> = {
    'a Proxy as its prototype': 'Object.setPrototypeOf(globalThis, new Proxy({}, { set() { return true; } }))',
    'Reflect.setPrototypeOf': 'if (!Reflect.setPrototypeOf(globalThis, {})) throw new TypeError("refused")',
    '__proto__ assignment': 'globalThis.__proto__ = new Proxy({}, {})',
    preventExtensions: 'Object.preventExtensions(globalThis)',
    'Reflect.preventExtensions': 'if (!Reflect.preventExtensions(globalThis)) throw new TypeError("refused")',
    freeze: 'Object.freeze(globalThis)',
    seal: 'Object.seal(globalThis)',
    'an accessor that swallows writes':
      "Object.defineProperty(globalThis, 'pwned', { get() { return undefined; }, set() {} })",
    'a read-only global': "Object.defineProperty(globalThis, 'pwned', { value: undefined })",
    __defineSetter__: "globalThis.__defineSetter__('pwned', () => {})",
    'defineProperties with an accessor': 'Object.defineProperties(globalThis, { pwned: { get() { return 1; } } })',
  };
  for (const [name, code] of Object.entries(attempts)) {
    it(`refuses ${name}; writes to new globals stay visible`, async () => {
      const out = await logged(
        `try { ${code}; console.log('allowed'); } catch (e) { console.log('refused', e instanceof TypeError); }\nglobalThis.pwned = 1;\nconsole.log('pwned', globalThis.pwned, Object.isExtensible(globalThis), Object.getPrototypeOf(globalThis) === Object.prototype);`,
      );
      expect(out).toContain('refused true');
      expect(out).toContain('pwned 1 true true');
    });
  }
  it('still allows plain globals', async () => {
    const out = await logged(
      "globalThis.a = 1; Object.defineProperty(globalThis, 'b', { value: 2, writable: true, configurable: true, enumerable: true }); delete globalThis.a; console.log(typeof a, b);",
    );
    expect(out).toContain('undefined 2');
  });
});

describe('canaries are seen by the host, whatever the guest does', () => {
  const sinks = {
    'src/sink.js': [
      'const globalThis = {}; const console = {};',
      "export function viaEval(text) { try { return eval('(' + text + ')'); } catch (e) { return undefined; } }",
      'export function viaFunction(code) { try { return Function(code)(); } catch (e) { return undefined; } }',
    ].join('\n'),
  };
  const payloads = [
    'viaEval(\'import("atomgym:canary/eval")\')',
    'viaFunction(\'return import("atomgym:canary/function")\')',
    "viaEval('[].constructor.constructor(\"return import(\\'atomgym:canary/ctor\\')\")()')",
  ];
  for (const p of payloads) {
    it(`records ${p.slice(0, 40)}… even with scope shadows and a swallowed error`, async () => {
      const r = await runTest(
        `import { viaEval, viaFunction } from './src/sink.js';\nit('runs the payload', () => { ${p}; expect(1).toBe(1); });`,
        sinks,
      );
      expect(r.status).toBe('ok');
      expect(r.totals.passed).toBe(1);
      expect(r.canaries?.length).toBe(1);
      expect(r.canaries?.[0]).toMatch(/^atomgym:canary\//);
    });
  }
  it('reports none when no payload runs', async () => {
    const r = await runTest("it('x', () => { expect(JSON.parse('{\"a\": 1}').a).toBe(1); });");
    expect(r.canaries).toBeUndefined();
  });
});

describe("a run's limits and outcome do not depend on earlier runs", () => {
  // 1 MiB buffers: QuickJS's own malloc limit undercounts them, so the wasm heap backstop is what decides.
  const allocate =
    "it('allocates', () => { const keep = []; for (let i = 0; i < 120; i++) keep.push(new Uint8Array(2 ** 20)); expect(keep.length).toBe(120); });";
  it('the same allocation gets the same outcome on a fresh sandbox and after a run that grew the heap', async () => {
    const fresh = await createQuickJsSandbox();
    const first = await fresh.run({ 'a.test.js': allocate }, { kind: 'tests' });
    // Priming: a run grows the wasm heap (which never shrinks) to just under the size at which it is replaced.
    const primer =
      "it('grows', () => { const keep = []; for (let i = 0; i < 60; i++) keep.push(new Uint8Array(2 ** 20)); });";
    for (let k = 0; k < 2; k++) {
      await fresh.run({ 'a.test.js': primer }, { kind: 'tests' }, { memoryBytes: 64 * 2 ** 20 });
      const again = await fresh.run({ 'a.test.js': allocate }, { kind: 'tests' });
      expect([again.status, again.limitHit, again.totals]).toEqual([first.status, first.limitHit, first.totals]);
    }
    expect(first.status).toBe('memory');
  }, 120_000);
  it('a run after a timeout, a memory hit and a stack overflow sees a pristine realm', async () => {
    const probe =
      "it('pristine', () => { expect(globalThis.leak).toBe(undefined); expect(typeof Array.prototype.leak).toBe('undefined'); });";
    for (const bad of [
      'globalThis.leak = 1; for (;;) {}',
      'globalThis.leak = []; for (;;) globalThis.leak.push(new Array(1e5))',
      "globalThis.leak = 1; JSON.parse('['.repeat(300000))",
    ]) {
      await runTest(`it('bad', () => { ${bad}; });`, {}, { timeMs: 300 });
      const r = await runTest(probe);
      expect(r.totals.passed, bad).toBe(1);
    }
  }, 60_000);
});

describe('native recursion is the guest stack failure, not a backend crash', () => {
  const deep = [
    "JSON.parse('['.repeat(300000) + ']'.repeat(300000))",
    "(0, eval)('('.repeat(200000) + '1' + ')'.repeat(200000))",
    "Function('return ' + '['.repeat(200000) + ']'.repeat(200000))()",
    "JSON.stringify(JSON.parse('{\"a\":'.repeat(100000) + '1' + '}'.repeat(100000)))",
  ];
  for (const code of deep) {
    it(`${code.slice(0, 40)}… ends as a stack overflow or a guest error`, async () => {
      const r = await runTest(`it('deep', () => { ${code}; });\nit('next', () => { expect(1).toBe(1); });`);
      expect(r.status).not.toBe('crash');
      if (r.status === 'stack') {
        expect(r.limitHit).toBe('stack');
        expect(r.message).toContain('stack overflow');
      } else expect(r.tests[0].status).toBe('error');
      const after = await runTest("it('fine', () => { expect([1, 2].length).toBe(2); });");
      expect(after.totals.passed).toBe(1);
    });
  }
});

describe('a worker ends every run near its limit, even inside one long built-in call', () => {
  const worker = createNodeWorkerSandbox({ graceMs: 300 });
  afterAll(() => worker.dispose());
  const stalls: Record<string, string> = {
    'indexOf over megabytes': "const s = 'a'.repeat(2 ** 24); for (;;) s.indexOf('b');",
    'split over megabytes': "const s = 'ab'.repeat(2 ** 23); for (;;) s.split('');",
    'JSON.stringify in a loop':
      "const o = Array.from({ length: 1e5 }, (_, i) => ({ i, s: 'x'.repeat(20) })); for (;;) JSON.stringify(o);",
    'a huge Unicode character class':
      "new RegExp('[' + Array.from({ length: 60000 }, (_, i) => '\\\\u{' + (0x1000 + i * 7).toString(16) + '}').join('') + ']+$', 'u').test('x'.repeat(1e6) + '!');",
    'a default sort of millions': 'const a = new Array(4e6).fill(7); for (;;) a.sort();',
  };
  for (const [name, body] of Object.entries(stalls)) {
    it(`${name}: reported as a timeout`, async () => {
      const r = await worker.run(
        { 'a.test.js': `it('stall', () => { ${body} });` },
        { kind: 'tests' },
        { timeMs: 400 },
      );
      // Allocation-heavy stalls (split, sort) may reach the memory cap before the clock on an idle machine: either
      // limit ends the run, reported as that limit. What must never happen is a run that outlives its limits.
      const ended = r.limitHit === 'time' ? 'timeout' : r.limitHit === 'memory' ? 'memory' : `not ended (${r.status})`;
      expect(r.status).toBe(ended);
      expect(r.durationMs).toBeLessThan(30_000); // generous: without the boundary these run for minutes or hours
      const next = await worker.run({ 'a.test.js': "it('ok', () => { expect(1).toBe(1); });" }, { kind: 'tests' });
      expect(next.totals.passed).toBe(1);
    }, 60_000);
  }
});
