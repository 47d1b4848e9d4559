// The real-code pack: rebuilt from node_modules it equals the shipped file byte for byte, and every shipped task
// passes the check (oracle 1, every negative control 0) in the QuickJS sandbox.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { scoreBaselines } from '../../src/tasks/baseline-score.ts';
import { checkTask } from '../../src/tasks/check.ts';
import { readPack } from '../../src/tasks/pack.ts';
import { buildRealCodePack } from '../../src/tasks/realcode/builder.ts';
import { REALCODE_EMITTERS } from '../../src/tasks/realcode/emitters.ts';
import { readRealSources } from '../../src/tasks/realcode/node-source.ts';
import { REAL_PACKAGES } from '../../src/tasks/realcode/packages.ts';
import { readmeExamples } from '../../src/tasks/realcode/readme.ts';
import { SHIPPED_REALCODE } from '../../src/tasks/realcode/shipped.ts';
import type { TaskBase } from '../../src/tasks/types.ts';

let sandbox: Sandbox;
let shipped: TaskBase[];
let shippedText: string;
beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
  shippedText = readFileSync(SHIPPED_REALCODE.path, 'utf8');
  shipped = readPack(shippedText, SHIPPED_REALCODE.path);
});

describe('real-code pack', () => {
  it('is reproduced exactly by the builder from node_modules', async () => {
    const sources = readRealSources();
    const tasks = await buildRealCodePack({
      sources,
      sandbox,
      seed: SHIPPED_REALCODE.seed,
      bugsPerPackage: SHIPPED_REALCODE.bugsPerPackage,
      emitters: REALCODE_EMITTERS,
    });
    // Prompt lengths follow the skills' prompt wording, which may change on its own; everything else must match.
    const withoutPromptChars = (t: TaskBase) => JSON.stringify({ ...t, meta: { ...t.meta, promptChars: 0 } });
    expect(
      tasks.map(withoutPromptChars),
      'public/packs/realcode.jsonl is stale: rebuild it with `node bin/atomgym.mjs realcode`',
    ).toEqual(shipped.map(withoutPromptChars));
    for (const t of shipped) expect(t.meta.promptChars, t.id).toBeGreaterThan(0);
  });

  it('records package, version, file and license for every task, and stays small', () => {
    const installed = new Map(readRealSources().map((s) => [s.pkg.name, s]));
    expect(shippedText.length).toBeLessThan(2 * 1024 * 1024);
    const skills = new Set(shipped.map((t) => t.skill));
    for (const skill of ['bug-fixing', 'editing', 'localization', 'reproduction', 'test-generation', 'review'])
      expect(skills.has(skill as TaskBase['skill']), skill).toBe(true);
    expect(new Set(shipped.map((t) => t.meta.package))).toEqual(new Set(REAL_PACKAGES.map((p) => p.name)));
    for (const t of shipped) {
      expect(t.meta.source).toBe('real-code');
      const real = installed.get(t.meta.package ?? '');
      expect(real, t.id).toBeDefined();
      expect(t.meta.version).toBe(real?.version);
      expect(t.meta.license).toBe(real?.license);
      expect(t.meta.file).toBe(real?.pkg.file);
    }
  });

  it('every shipped task passes the check in the sandbox', async () => {
    for (const task of shipped) {
      const r = await checkTask(task, sandbox);
      expect(r.problems, task.id).toEqual([]);
    }
  });

  it('keeps every trivial baseline under its ceiling, on enough tasks to judge localization and review', async () => {
    const rows = await scoreBaselines(shipped, sandbox);
    for (const r of rows) expect(r.exceeds, `${r.kind} ${r.baseline} = ${r.mean} on ${r.tasks}`).toBe(false);
    for (const kind of ['localization', 'review']) {
      const judged = rows.filter((r) => r.kind === kind);
      expect(
        judged.every((r) => r.judged),
        kind,
      ).toBe(true);
      // A file named at random or by its position: every other module is a neighbour, so about 1 in 6.
      for (const r of judged)
        if (r.baseline !== 'always-approve') expect(r.mean, `${kind} ${r.baseline}`).toBeLessThanOrEqual(0.2);
    }
  }, 120_000);

  it('uses the README examples as documented cases', () => {
    const readme =
      "Usage:\n```js\nms('2 days')  // 172800000\nms(60000, { long: true })\nms(process.argv[2])\nfoo.ms('1h')\n```\n";
    expect(readmeExamples(readme, ['ms'])).toEqual(["ms('2 days')", 'ms(60000, { long: true })']);
    const bugFix = shipped.find((t) => t.skill === 'bug-fixing' && t.meta.package === 'ms');
    expect(Object.values(bugFix?.repo.files ?? {}).join('\n')).toContain("ms('2 days')");
  });
});
