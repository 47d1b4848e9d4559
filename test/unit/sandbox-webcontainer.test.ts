// The WebContainer backend's offline-testable parts: mount-tree conversion, parsing the runner's output, and
// the runner script itself, run by real Node in a temp directory (what the WebContainer would run).
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSandbox,
  DEFAULT_LIMITS,
  nodeRunFiles,
  parseRunnerOutput,
  RESULT_MARK,
  RUNNER_SCRIPT_NAME,
  toMountTree,
  type FileMap,
  type RunResult,
} from '../../src/sandbox/index.ts';
import { buildResult } from '../../src/sandbox/result.ts';

describe('WebContainer mount tree', () => {
  it('nests directories and keeps contents', () => {
    const tree = toMountTree({ 'package.json': '{}', 'src/a.js': 'a', 'src/lib/b.js': 'b', 'test/a.test.js': 't' });
    expect(tree).toEqual({
      'package.json': { file: { contents: '{}' } },
      src: {
        directory: { 'a.js': { file: { contents: 'a' } }, lib: { directory: { 'b.js': { file: { contents: 'b' } } } } },
      },
      test: { directory: { 'a.test.js': { file: { contents: 't' } } } },
    });
  });

  it('refuses unmountable paths and file/directory clashes with the path named', () => {
    expect(() => toMountTree({ '../x.js': '' })).toThrow('"../x.js"');
    expect(() => toMountTree({ '/abs.js': '' })).toThrow('"/abs.js"');
    expect(() => toMountTree({ 'a//b.js': '' })).toThrow('"a//b.js"');
    expect(() => toMountTree({ src: 'file', 'src/a.js': '' })).toThrow('src is a file');
    expect(() => toMountTree({ 'src/a.js': '', src: 'file' })).toThrow('a directory of that name exists');
  });
});

describe('WebContainer runner output parsing', () => {
  const line = (rec: object): string => `\u001b[0m${RESULT_MARK}${JSON.stringify(rec)}\r\n`;

  it('turns marked lines into results and the rest into output, across terminal line endings', () => {
    const raw = [
      'hello from the guest\r\n',
      line({
        type: 'tests',
        names: [
          ['a.test.js', 'x'],
          ['a.test.js', 'y'],
          ['a.test.js', 'z'],
        ],
      }),
      line({ type: 'test', file: 'a.test.js', name: 'x', status: 'passed', message: '', durationMs: 1.5 }),
      line({
        type: 'test',
        file: 'a.test.js',
        name: 'y',
        status: 'failed',
        message: 'expected 1 to be 2',
        durationMs: 2,
      }),
      line({ type: 'test', file: 'a.test.js', name: 'z', status: 'bogus' }),
      `${RESULT_MARK}{not json\n`,
      line({ type: 'done' }),
    ].join('');
    const p = parseRunnerOutput(raw, DEFAULT_LIMITS, { timedOut: false, exitCode: 0 });
    expect(p.finished).toBe(true);
    expect(p.outcome.tests).toEqual([
      { file: 'a.test.js', name: 'x', status: 'passed', durationMs: 1.5 },
      { file: 'a.test.js', name: 'y', status: 'failed', message: 'expected 1 to be 2', durationMs: 2 },
      {
        file: 'a.test.js',
        name: 'z',
        status: 'error',
        message: 'not finished: the runner exited early',
        durationMs: 0,
      },
    ]);
    expect(p.output).toContain('hello from the guest\n');
    expect(p.output).toContain('{not json');
  });

  it('marks unreported tests as timeouts when the process was killed for time', () => {
    const raw = line({ type: 'tests', names: [['a.test.js', 'slow']] });
    const p = parseRunnerOutput(raw, DEFAULT_LIMITS, { timedOut: true, exitCode: null });
    expect(p.outcome.limitHit).toBe('time');
    expect(p.outcome.tests).toEqual([
      { file: 'a.test.js', name: 'slow', status: 'timeout', message: 'not finished: time limit', durationMs: 0 },
    ]);
  });

  it('detects Node heap exhaustion, the output cap, load errors and a silent crash', () => {
    expect(
      parseRunnerOutput(
        'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n',
        DEFAULT_LIMITS,
        { timedOut: false, exitCode: 134 },
      ).outcome.limitHit,
    ).toBe('memory');
    const flood = parseRunnerOutput(
      'x'.repeat(200) + '\n',
      { ...DEFAULT_LIMITS, outputBytes: 50 },
      { timedOut: false, exitCode: 0 },
    );
    expect(flood.outcome.limitHit).toBe('output');
    expect(flood.output.length).toBe(50);
    const load = parseRunnerOutput(
      line({ type: 'load-error', file: 'a.test.js', message: 'SyntaxError: x' }) + line({ type: 'done' }),
      DEFAULT_LIMITS,
      { timedOut: false, exitCode: 0 },
    );
    expect(load.outcome.loadErrors).toEqual(['a.test.js: SyntaxError: x']);
    const crash = parseRunnerOutput('Segmentation fault\n', DEFAULT_LIMITS, { timedOut: false, exitCode: 139 });
    expect(crash.outcome.crash).toContain('code 139');
  });
});

/** What the WebContainer backend does, with child_process instead of wc.spawn. */
async function runInRealNode(files: FileMap, testFiles: string[], timeMs = 20_000): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), 'atomgym-wc-'));
  try {
    for (const [path, src] of Object.entries(nodeRunFiles(files, 2_000))) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), src);
    }
    const { raw, code, timedOut } = await new Promise<{ raw: string; code: number | null; timedOut: boolean }>(
      (resolve) => {
        const child = execFile(
          process.execPath,
          [RUNNER_SCRIPT_NAME, ...testFiles],
          { cwd: dir, timeout: timeMs, env: {} },
          (err, stdout, stderr) => {
            const killed = !!err && (err as { killed?: boolean }).killed === true;
            resolve({ raw: stdout + stderr, code: child.exitCode, timedOut: killed });
          },
        );
      },
    );
    const limits = { ...DEFAULT_LIMITS, timeMs };
    const parsed = parseRunnerOutput(raw, limits, { timedOut, exitCode: code });
    return buildResult('webcontainer', parsed.outcome, parsed.output, 0, limits);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('WebContainer runner script in real Node', () => {
  it('runs ESM tests with the same test API and reports per-test results', async () => {
    const files: FileMap = {
      'src/math.js': "export const add = (a, b) => a + b;\nexport function boom() { throw new TypeError('bad'); }\n",
      'test/math.test.js': `import { add, boom } from '../src/math.js';
import assert from 'node:assert';
describe('math', () => {
  it('adds', () => { expect(add(1, 2)).toBe(3); assert.strictEqual(add(2, 2), 4); });
  it('fails', () => { expect({ a: add(1, 1) }).toEqual({ a: 3 }); });
  it('throws', () => { expect(boom).toThrow(TypeError); });
  it('async with timers', async () => { await new Promise((r) => setTimeout(r, 1000)); console.log('waited'); expect(1).toBeTruthy(); });
  it('errors', () => { throw null; });
});
`,
    };
    const r = await runInRealNode(files, ['test/math.test.js']);
    expect(r.status).toBe('ok');
    expect(r.tests.map((t) => [t.name, t.status])).toEqual([
      ['math > adds', 'passed'],
      ['math > fails', 'failed'],
      ['math > throws', 'passed'],
      ['math > async with timers', 'passed'],
      ['math > errors', 'error'],
    ]);
    expect(r.tests[1].message).toBe('expected {"a": 2} to equal {"a": 3}');
    expect(r.output).toContain('waited');
  });

  it('reports a test file that fails to load', async () => {
    const r = await runInRealNode(
      {
        'a.test.js': "import { nope } from './missing.js';\nit('x', () => {});\n",
        'b.test.js': "it('y', () => {});\n",
      },
      ['a.test.js', 'b.test.js'],
    );
    expect(r.status).toBe('load-error');
    expect(r.message).toContain('a.test.js');
    expect(r.tests.map((t) => [t.file, t.name, t.status])).toEqual([
      ['a.test.js', '(load)', 'error'],
      ['b.test.js', 'y', 'passed'],
    ]);
  });

  it('a guest that loops forever is killed and reported as a timeout', async () => {
    const r = await runInRealNode({ 'a.test.js': "it('loops', () => { for (;;) {} });\n" }, ['a.test.js'], 1_500);
    expect(r.status).toBe('timeout');
    expect(r.tests.map((t) => t.status)).toEqual(['timeout']);
  });
});

describe('createSandbox fallback', () => {
  it('falls back to QuickJS outside a browser and says why', async () => {
    const sb = await createSandbox({ prefer: 'webcontainer', bootTimeoutMs: 100 });
    expect(sb.name).toBe('quickjs');
    expect(sb.fallbackReason).toContain('browser');
    const r = await sb.run({ 'a.test.js': "it('x', () => {});" }, { kind: 'tests' });
    expect(r.totals.passed).toBe(1);
  });
});
