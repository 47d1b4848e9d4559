// `realcode --module`: tasks from any single-file module of pure functions (four beyond the shipped six, ESM and
// CommonJS, npm and path), and a clear, named refusal for modules differential tests cannot trust.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { run as realcode } from '../../src/cli/commands/realcode.ts';
import { readPack } from '../../src/tasks/pack.ts';
import { HELDOUT_REALCODE } from '../../src/tasks/realcode/shipped.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { checkTask } from '../../src/tasks/check.ts';
import { buildRealCodePack } from '../../src/tasks/realcode/builder.ts';
import { REALCODE_EMITTERS } from '../../src/tasks/realcode/emitters.ts';
import { ModuleRejected, moduleSource, type ModuleInput } from '../../src/tasks/realcode/any-module.ts';
import { readModule } from '../../src/tasks/realcode/any-module-node.ts';
import { probe, renderDifferentialTests } from '../../src/tasks/realcode/probe.ts';
import { runTestFiles } from '../../src/tasks/skills/run.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
});

const reasonOf = async (input: ModuleInput): Promise<string> => {
  try {
    await moduleSource(input, sandbox, 1);
    return 'accepted';
  } catch (e) {
    if (e instanceof ModuleRejected) return e.reason;
    throw e;
  }
};

describe('realcode --module', () => {
  it.each([
    ['test/fixtures/modules/clamp.mjs', 'ESM named exports, by path'],
    ['test/fixtures/modules/slugify.cjs', 'CommonJS default function, by path'],
    ['test/fixtures/modules/wordstats.mjs', 'ESM default + named export'],
    ['is-fullwidth-code-point', 'npm package (CommonJS)'],
  ])(
    'builds checked tasks with provenance from %s (%s)',
    async (spec) => {
      const input = readModule(spec);
      const real = await moduleSource(input, sandbox, 1);
      const again = await moduleSource(input, sandbox, 1);
      expect(again.pkg.generate(null as never)).toEqual(real.pkg.generate(null as never)); // seeded: same inputs
      const tasks = await buildRealCodePack({
        sources: [real],
        sandbox,
        seed: 1,
        bugsPerPackage: 1,
        emitters: REALCODE_EMITTERS,
      });
      expect(tasks.some((t) => t.skill === 'bug-fixing')).toBe(true);
      for (const t of tasks) {
        expect(t.meta).toMatchObject({
          source: 'real-code',
          package: input.name,
          version: input.version,
          license: input.license,
          file: input.file,
        });
        expect((await checkTask(t, sandbox)).problems, t.id).toEqual([]);
      }
    },
    120_000,
  );

  it('restricts to --exports and names an unknown one', async () => {
    const input = readModule('test/fixtures/modules/clamp.mjs', ['clamp']);
    const real = await moduleSource(input, sandbox, 1);
    expect(real.pkg.callees).toEqual(['clamp']);
    expect(real.pkg.generate(null as never).every((c) => c.startsWith('clamp('))).toBe(true);
    expect(await reasonOf(readModule('test/fixtures/modules/clamp.mjs', ['nope']))).toBe('unknown-export');
  }, 60_000);

  it('refuses modules it cannot trust, naming the reason', async () => {
    expect(await reasonOf(readModule('has-flag'))).toBe('side-effects');
    expect(await reasonOf(readModule('guid-typescript'))).toBe('non-deterministic');
    expect(await reasonOf(readModule('color-name'))).toBe('no-pure-functions');
    expect(await reasonOf(readModule('test/fixtures/modules/later.mjs'))).toBe('async');
    expect(await reasonOf(readModule('test/fixtures/modules/boom.mjs'))).toBe('throws-on-import');
    const inline = (source: string): ModuleInput => ({
      name: 'inline',
      file: 'inline.js',
      source,
      version: '0',
      license: 'MIT',
      readme: '',
    });
    expect(await reasonOf(inline("const b = require('./build/Release/x.node');\nmodule.exports = b;"))).toBe(
      'imports-other-modules',
    );
    expect(await reasonOf(inline("module.exports = process.binding('fs');"))).toBe('native-code');
    // Non-determinism the source does not show is caught by running every call twice.
    expect(await reasonOf(inline('let n = 0;\nexport function next(x) { n += 1; return x + n; }'))).toBe(
      'non-deterministic',
    );
    expect(() => readModule('no-such-package-here')).toThrow(/not installed/);
  }, 60_000);
});

describe('real-code probe outcomes JSON cannot carry', () => {
  // Real modules return closures (curry, memoize) and bigints: the one read as JSON without text, the other as a throw.
  it('keeps a function, a symbol and a bigint, and its differential tests pass on them', async () => {
    const source =
      'export const make = (k) => (k === 1 ? () => k : k === 2 ? Symbol("s") : k === 3 ? 10n ** 20n : [k]);\n';
    const importLine = "import { make } from '../src/a.js';";
    const calls = ['make(1)', 'make(2)', 'make(3)', 'make(4)'];
    const outcomes = await probe(sandbox, { 'src/a.js': source }, importLine.replace('../', './'), calls);
    expect(outcomes).toEqual([
      { kind: 'opaque', type: 'function' },
      { kind: 'opaque', type: 'symbol' },
      { kind: 'value', type: 'bigint', text: '100000000000000000000n' },
      { kind: 'json', text: '[4]' },
    ]);
    const cases = calls.map((call, i) => ({ call, outcome: outcomes![i] }));
    const files = { 'src/a.js': source, 'test/a.test.js': renderDifferentialTests('make', importLine, cases) };
    const run = await runTestFiles(sandbox, files, ['test/a.test.js']);
    expect(run).toMatchObject({ status: 'ok', passed: 4, notPassed: 0 });
  });
});

describe('realcode --module with several modules', () => {
  it('builds one pack where each module neighbours the others, and names the modules it refused', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'atomgym-realcode-')), 'pack.jsonl');
    const mods = ['clamp.mjs', 'boom.mjs', 'wordstats.mjs'].map((f) => `test/fixtures/modules/${f}`);
    const lines: string[] = [];
    const said: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...xs: unknown[]) => void lines.push(xs.join(' ')));
    const err = vi.spyOn(console, 'error').mockImplementation((...xs: unknown[]) => void said.push(xs.join(' ')));
    try {
      const argv = ['--module', mods.join(','), '--out', out, '--bugs', '1', '--check', '--json'];
      expect(await realcode(parseArgs(argv))).toBe(0);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    const report = JSON.parse(lines.join('\n'));
    expect(report.provenance.map((p: { package: string }) => p.package)).toEqual(['clamp', 'wordstats']);
    expect(report.rejected).toEqual([{ module: mods[1], reason: expect.stringMatching(/import/) }]);
    expect(said.join('\n')).toMatch(/boom\.mjs: cannot build tasks from it/);
    expect(report.check.failed).toBe(0);
    const loc = readPack(readFileSync(out, 'utf8'), out).filter((t) => t.skill === 'localization');
    expect(loc.length).toBeGreaterThan(0);
    for (const t of loc) {
      const sources = Object.keys(t.repo.files).filter((f) => !f.includes('.test.'));
      expect(sources.length, t.id).toBe(2);
    }
    await expect(realcode(parseArgs(['--module', mods[1], '--out', out]))).rejects.toThrow(/cannot build tasks/);
  }, 180_000);
});

describe('the held-out real-code pack', () => {
  it(`rebuilds byte for byte from its ten npm modules (${HELDOUT_REALCODE.path})`, async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'atomgym-heldout-')), 'pack.jsonl');
    const h = HELDOUT_REALCODE;
    const argv = [
      '--module',
      h.modules.join(','),
      '--out',
      out,
      '--seed',
      `${h.seed}`,
      '--bugs',
      `${h.bugsPerPackage}`,
    ];
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(await realcode(parseArgs(argv))).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(h.path, 'utf8'));
    const tasks = readPack(readFileSync(h.path, 'utf8'), h.path);
    expect(new Set(tasks.map((t) => (t.meta as { package: string }).package))).toEqual(new Set(h.modules));
  }, 180_000);
});
