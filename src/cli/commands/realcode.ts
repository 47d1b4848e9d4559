// `atomgym realcode [--out public/packs/realcode.jsonl] [--seed 1] [--bugs 3] [--check] [--json]`: builds the
// real-code pack from the npm modules in node_modules, optionally checks every task (oracle 1, negatives 0).
// `--module <npm name | path>[,…] [--exports a,b] --out P`: the same from any single-file modules of pure functions
// (several: each one's localization and reproduction tasks hold the others as neighbours, as the shipped pack does).
import { writeFileSync } from 'node:fs';
import type { ParsedArgs } from '../args.ts';
import { boolFlag, numberFlag, stringFlag, UsageError } from '../args.ts';
import { createQuickJsSandbox } from '../../sandbox/index.ts';
import { checkTask } from '../../tasks/check.ts';
import { countBy, writePack } from '../../tasks/pack.ts';
import { buildRealCodePack } from '../../tasks/realcode/builder.ts';
import { REALCODE_EMITTERS } from '../../tasks/realcode/emitters.ts';
import { readRealSources } from '../../tasks/realcode/node-source.ts';
import { SHIPPED_REALCODE } from '../../tasks/realcode/shipped.ts';
import { ModuleRejected, moduleSource } from '../../tasks/realcode/any-module.ts';
import { readModule } from '../../tasks/realcode/any-module-node.ts';
import type { RealSource } from '../../tasks/realcode/types.ts';

export async function run(args: ParsedArgs): Promise<number> {
  const moduleSpec = args.flags.get('module');
  if (moduleSpec === true) throw new UsageError('--module needs an npm package name or a path');
  // `--module` builds from one given module (any single-file module of pure functions) instead of the shipped six.
  const out = moduleSpec === undefined ? stringFlag(args, 'out', SHIPPED_REALCODE.path) : stringFlag(args, 'out');
  const seed = numberFlag(args, 'seed', SHIPPED_REALCODE.seed);
  const bugs = numberFlag(args, 'bugs', SHIPPED_REALCODE.bugsPerPackage);
  const sandbox = await createQuickJsSandbox();
  const listed = (v: string) =>
    v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  let sources: RealSource[] = [];
  const rejected: Array<{ module: string; reason: string }> = [];
  if (moduleSpec === undefined) sources = readRealSources();
  else {
    const only = args.flags.get('exports');
    const specs = listed(moduleSpec);
    if (specs.length > 1 && typeof only === 'string')
      throw new UsageError('--exports names one module’s functions: give it with a single --module');
    for (const spec of specs) {
      const input = readModule(spec, typeof only === 'string' ? listed(only) : undefined);
      try {
        sources.push(await moduleSource(input, sandbox, seed));
      } catch (e) {
        if (!(e instanceof ModuleRejected)) throw e;
        rejected.push({ module: spec, reason: e.message });
        if (specs.length > 1) console.error(`--module ${spec}: cannot build tasks from it (${e.message})`);
      }
    }
    if (sources.length === 0)
      throw new UsageError(
        `--module ${moduleSpec}: cannot build tasks from it (${rejected.map((r) => r.reason).join('; ')})`,
      );
  }
  const tasks = await buildRealCodePack({ sources, sandbox, seed, bugsPerPackage: bugs, emitters: REALCODE_EMITTERS });
  const text = writePack(tasks);
  writeFileSync(out, text);
  const report: Record<string, unknown> = {
    out,
    tasks: tasks.length,
    bytes: text.length,
    perSkill: countBy(tasks),
    provenance: sources.map((s) => ({ package: s.pkg.name, version: s.version, file: s.pkg.file, license: s.license })),
    ...(rejected.length ? { rejected } : {}),
  };
  let failed = 0;
  if (boolFlag(args, 'check')) {
    const failures: Array<{ id: string; problems: string[] }> = [];
    for (const t of tasks) {
      const r = await checkTask(t, sandbox);
      if (!r.ok) failures.push({ id: t.id, problems: r.problems });
    }
    failed = failures.length;
    report.check = { passed: tasks.length - failed, failed, failures };
  }
  if (boolFlag(args, 'json')) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(`wrote ${tasks.length} tasks (${(text.length / 1024).toFixed(0)} KiB) to ${out}`);
    for (const p of report.provenance as Array<Record<string, string>>)
      console.log(`  ${p.package}@${p.version} ${p.file} (${p.license})`);
    if (report.check) console.log(`check: ${tasks.length - failed} passed, ${failed} failed`);
  }
  return failed === 0 ? 0 : 1;
}
