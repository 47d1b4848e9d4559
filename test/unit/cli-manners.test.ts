// CLI manners through `main` itself: unknown flags and commands are errors with a suggestion, --help per command,
// --version, switches never swallow a positional, missing files and empty packs are named errors.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { main } from '../../src/cli/main.ts';
import { flagsFor, SPECS } from '../../src/cli/specs.ts';
import { closest } from '../../src/cli/suggest.ts';
import { experimentOptions } from '../../src/cli/commands/experiment.ts';

const dir = mkdtempSync(join(tmpdir(), 'atomgym-cli-'));

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...xs: unknown[]) => void out.push(xs.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...xs: unknown[]) => void err.push(xs.join(' ')));
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

afterEach(() => vi.restoreAllMocks());

describe('atomgym CLI manners', () => {
  it('rejects an unknown flag with the nearest known one, before the command runs', async () => {
    const r = await cli(['score', '--pakc', 'p.jsonl', '--answers', 'a.jsonl']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown flag --pakc \(did you mean --pack\?\)/);
    const sub = await cli(['tasks', 'generate', '--skil', 'all']);
    expect(sub.err).toMatch(/unknown flag --skil \(did you mean --skill\?\)/);
    // A subcommand's flag is not accepted by another subcommand.
    const other = await cli(['tasks', 'check', 'x.jsonl', '--skill', 'all']);
    expect(other.err).toMatch(/unknown flag --skill/);
    const far = await cli(['gpu', '--zzzzzz']);
    expect(far.err).toMatch(/unknown flag --zzzzzz/);
    expect(far.err).not.toMatch(/did you mean/);
  });

  it('train --page names the flags the page does not take, before anything starts', async () => {
    const r = await cli(['train', '--page', '--out', 'tmp/x', '--loss_type', 'grpo', '--num_generations', '4']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--page: the page's controls do not take --loss_type \(they take mode, .*num_generations/);
  });

  it('experiment takes exactly one budget: minutes or updates', async () => {
    const none = await cli(['experiment', 'paper', '--preset', 'demo', '--seeds', '1']);
    expect([none.code, none.err]).toEqual([
      2,
      expect.stringMatching(/exactly one of --budget-minutes M and --budget-steps N/),
    ]);
    const both = await cli(['experiment', 'paper', '--preset', 'demo', '--budget-minutes', '1', '--budget-steps', '2']);
    expect(both.err).toMatch(/exactly one of/);
    const frac = await cli(['experiment', 'paper', '--preset', 'demo', '--budget-steps', '2.5']);
    expect(frac.err).toMatch(/--budget-steps must be a positive integer/);
  });

  it("experiment records the RL arms' GRPO options apart from the evaluation's seed and temperature", async () => {
    const base = ['paper', '--preset', 'demo', '--budget-steps', '2', '--temperature', '0.6', '--seed', '3'];
    const o = experimentOptions(
      parseArgs([...base, '--levels', '1,2', '--review_verdict_credit', '0.5', '--train-temperature', '0.8']),
    );
    expect(o.grpo).toEqual({ levels: [1, 2], review_verdict_credit: 0.5, temperature: 0.8 });
    expect([o.eval.temperature, o.tasks.seed]).toEqual([0.6, 3]);
    expect(experimentOptions(parseArgs([...base, '--pool', '32'])).poolPerKind).toBe(32);
    const moved = experimentOptions(parseArgs([...base, '--package-surface', '1', '--package-names', 'mixed']));
    expect(moved.unseenPackages).toEqual({ share: 1, names: 'mixed' });
    expect(Object.keys(experimentOptions(parseArgs(base)))).not.toContain('unseenPackages');
    // Without GRPO flags nothing is recorded, so the manifests of earlier experiments still match.
    expect(Object.keys(experimentOptions(parseArgs(base)))).not.toContain('grpo');
    expect(() => experimentOptions(parseArgs([...base, '--review_verdict_credit', '2']))).toThrow(
      /review_verdict_credit must be in \[0, 1\]/,
    );
    const mode = await cli(['experiment', ...base, '--mode', 'joint']);
    expect([mode.code, mode.err]).toEqual([2, expect.stringMatching(/--mode/)]);
  });

  it('suggests a command for a typo', async () => {
    const r = await cli(['taks']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command 'taks' \(did you mean tasks\?\)/);
    expect(closest('bnech', ['bench', 'demo'])).toBe('bench');
  });

  it('prints per-command help listing every flag the command reads', async () => {
    for (const name of Object.keys(SPECS)) {
      const r = await cli([name, '--help']);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`usage: atomgym ${name}`);
      for (const flag of Object.keys(SPECS[name].flags)) expect(r.out).toContain(`--${flag}`);
    }
    const tasks = await cli(['help', 'tasks']);
    expect(tasks.out).toMatch(/--skill <name>/);
    expect(tasks.out).toMatch(/tasks generate:/);
  });

  it('declares every flag a command reads (so the unknown-flag check never rejects a real one)', () => {
    const cliDir = new URL('../../src/cli/', import.meta.url);
    // A flag read by name: stringFlag(args, 'x'), args.flags.get('x'), a local int('x', …) or flag('x') helper, or
    // `for (const k of LIST) … flags.has(k)` over a string array LIST of the module (TRL's option names).
    const pattern = /(?:Flag\(args, |flags\.(?:get|has)\(|\b(?:int|flag)\()'([a-z][a-z0-9_-]*)'/g;
    const loop = /for \(const (\w+) of (\w+)\)[^\n]*flags\.(?:get|has)\(\1\)/g;
    const imports = /import\s*\{([^}]*)\}\s*from\s*'(\.[^']*)';?/g;
    // The flags `file` reads (only in the bodies of the exports `names`, when given), and those read by the helpers
    // it imports from other CLI modules (src/cli/rl/*, commands/export.ts's specFromArgs, …).
    const read = (file: URL, names?: string[], seen = new Set<string>()): string[] => {
      const key = `${file.href}#${names?.join(',') ?? '*'}`;
      if (seen.has(key)) return [];
      seen.add(key);
      const text = readFileSync(file, 'utf8');
      const body = (n: string) => {
        const at = text.search(new RegExp(`^(?:export )?(?:async )?(?:function|const) ${n}\\b`, 'm'));
        if (at < 0) return '';
        const end = text.slice(at).search(/\n(?![\s})\]])/);
        return end < 0 ? text.slice(at) : text.slice(at, at + end);
      };
      let scanned = text.replace(imports, '');
      if (names) {
        // The exports asked for, and the module's own top-level helpers they call.
        const taken = new Set(names);
        const decls = [...text.matchAll(/^(?:export )?(?:async )?(?:function|const) (\w+)/gm)].map((m) => m[1]);
        for (let grew = true; grew; ) {
          scanned = [...taken].map(body).join('\n');
          const more = decls.filter((d) => !taken.has(d) && new RegExp(`\\b${d}\\(`).test(scanned));
          for (const d of more) taken.add(d);
          grew = more.length > 0;
        }
      }
      const flags = [...scanned.matchAll(pattern)].map((m) => m[1]);
      for (const m of scanned.matchAll(loop)) {
        const list = new RegExp(`const ${m[2]}\\b[^=]*=\\s*\\[([^\\]]*)\\]`).exec(text);
        flags.push(...[...(list?.[1] ?? '').matchAll(/'([a-z][a-z0-9_-]*)'/g)].map((x) => x[1]));
      }
      for (const [, list, from] of text.matchAll(imports)) {
        const target = new URL(from, file);
        if (!target.href.startsWith(cliDir.href)) continue;
        const used = list
          .split(',')
          .map((x) => x.trim().replace(/^type\s+/, ''))
          .filter(Boolean)
          .map((x) => x.split(/\s+as\s+/))
          .filter(([name, alias]) => new RegExp(`\\b${alias ?? name}\\b`).test(scanned))
          .map(([name]) => name);
        if (used.length > 0) flags.push(...read(target, used, seen));
      }
      return [...new Set(flags)];
    };
    const missing: string[] = [];
    for (const f of readdirSync(new URL('commands/', cliDir))) {
      const name = f.replace(/\.ts$/, '');
      if (!SPECS[name]) {
        missing.push(`${name}: no SPECS entry`);
        continue;
      }
      const subs = Object.values(SPECS[name].subcommands ?? {}).flatMap((flags) => Object.keys(flags));
      const known = [...Object.keys(flagsFor(SPECS[name], undefined)), ...subs];
      const unknown = read(new URL(`commands/${f}`, cliDir)).filter((flag) => !known.includes(flag));
      missing.push(...unknown.map((flag) => `${name} --${flag}`));
    }
    for (const f of readdirSync(new URL('bench/', cliDir))) {
      const sub = f.replace(/\.ts$/, '');
      const known = Object.keys(flagsFor(SPECS.bench, sub));
      const unknown = read(new URL(`bench/${f}`, cliDir)).filter((flag) => !known.includes(flag));
      missing.push(...unknown.map((flag) => `bench ${sub} --${flag}`));
    }
    expect(missing).toEqual([]);
    // The scan reaches flags read through shared helpers, under TRL's names too.
    expect(read(new URL('commands/train.ts', cliDir))).toEqual(expect.arrayContaining(['init', 'num_generations']));
    expect(read(new URL('commands/serve.ts', cliDir))).toEqual(expect.arrayContaining(['skills', 'split']));
    expect(read(new URL('commands/sft.ts', cliDir))).toEqual(expect.arrayContaining(['preset', 'checkpoint']));
  });

  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const r = await cli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`atomgym ${pkg.version}`);
  });

  it('keeps a positional after a switch (--json pack.jsonl)', () => {
    const a = parseArgs(['check', '--json', 'pack.jsonl'], new Set(['json']));
    expect(a.positionals).toEqual(['check', 'pack.jsonl']);
    expect(a.flags.get('json')).toBe(true);
  });

  it('names a missing file, a folder and what was expected', async () => {
    const missing = join(dir, 'nope.jsonl');
    const r = await cli(['tasks', 'check', missing]);
    expect(r.code).toBe(1);
    const expected = 'no such file (expected a task pack: JSONL, one task per line)';
    expect(r.err).toContain(`cannot read ${missing}: ${expected}`);
    const folder = await cli(['score', '--pack', dir, '--answers', missing]);
    expect(folder.err).toContain(`cannot read ${dir}: is a folder, not a file`);
    const tok = await cli(['tokenizer', 'encode', '--tokenizer', missing, '--text', 'x']);
    expect(tok.err).toContain(`cannot read ${missing}: no such file (expected a Hugging Face tokenizer.json)`);
  });

  it('treats an empty pack as an error, not "pack ok: 0 tasks"', async () => {
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '\n\n');
    const r = await cli(['tasks', 'check', empty]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${empty} holds no tasks`);
    expect(r.out).not.toMatch(/pack ok/);
    const s = await cli(['score', '--pack', empty, '--answers', empty]);
    expect(s.code).toBe(1);
    expect(s.err).toContain('holds no tasks');
  });
});
