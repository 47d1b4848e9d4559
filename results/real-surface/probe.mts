// Which difference between a real package's localization prompt and a procedural one loses the policy? Greedy
// answers to the real-code pack's localization tasks, as shipped and with one difference at a time taken away:
// `flat-paths` lays `lib/<name>/index.js` out as `src/<name>.js`, `level-1-issue` rewrites the issue into the
// procedural failing-example form (the call kept, placeholder values), `no-code` shows no file contents (tree,
// symbol index and issue only). Prompts are fitted to the policy's context as `atomgym eval` fits them.
//   npx tsx results/real-surface/probe.mts CHECKPOINT [PACK]
import { readFileSync } from 'node:fs';
import { readCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryReader } from '../../src/model/checkpoint-node.ts';
import { OrtPolicy } from '../../src/eval/ort-policy.ts';
import { readPack } from '../../src/tasks/pack.ts';
import { SKILLS } from '../../src/tasks/registry.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { LocalizationTask } from '../../src/tasks/skills/localization.ts';

const ckpt = process.argv[2] ?? 'public/base-gpu';
const packPath = process.argv[3] ?? 'public/packs/realcode.jsonl';
const { checkpoint } = await readCheckpoint(directoryReader(ckpt), { source: ckpt });
const policy = await OrtPolicy.create(checkpoint, { name: ckpt, backend: 'wasm' });
const sandbox = await createQuickJsSandbox();
const fit = policy.promptFit(200);
const tasks = readPack(readFileSync(packPath, 'utf8'), packPath).filter(
  (t): t is LocalizationTask => t.skill === 'localization',
);
const skill = SKILLS.localization!;

type Variant = (t: LocalizationTask) => LocalizationTask;
const flat = (p: string) => p.replace(/^lib\/([^/]+)\/index\.js$/, 'src/$1.js');
const mapFiles = (t: LocalizationTask, f: (path: string, text: string) => [string, string]) => ({
  ...t,
  repo: { ...t.repo, files: Object.fromEntries(Object.entries(t.repo.files).map(([p, s]) => f(p, s))) },
});
const flatPaths: Variant = (t) => ({
  ...mapFiles(t, (p, s) => [flat(p), s]),
  hidden: { ...t.hidden, files: t.hidden.files.map(flat) },
});
const levelOneIssue: Variant = (t) => {
  const call = /`([^`]+\))`/.exec(t.issue)?.[1] ?? 'f()';
  return { ...t, issue: `Calling \`${call}\` gives the wrong result.\nExpected: \`1\`\nActual: \`2\`` };
};
const noCode: Variant = (t) => mapFiles(t, (p, s) => [p, p.startsWith('test/') ? s : '// code\n']);
const variants: Record<string, Variant> = {
  'as shipped': (t) => t,
  'flat-paths': flatPaths,
  'level-1-issue': levelOneIssue,
  'flat-paths + level-1-issue': (t) => levelOneIssue(flatPaths(t)),
  'no-code': noCode,
};

const rows: Record<string, { score: number; answers: string[] }> = {};
for (const [name, variant] of Object.entries(variants)) {
  const shown = tasks.map(variant);
  const answers = await policy.answer(
    shown.map((t) => skill.renderPrompt(t, fit)),
    { k: 1, temperature: 0, seed: 0, maxNewTokens: 40 },
  );
  let score = 0;
  for (const [i, t] of shown.entries()) score += (await skill.reward(t, answers[i][0], sandbox)).reward;
  rows[name] = { score: score / shown.length, answers: answers.slice(0, 4).map((a) => a[0]) };
  console.error(`${name}: ${rows[name].score.toFixed(3)} ${JSON.stringify(rows[name].answers)}`);
}
console.log(JSON.stringify({ checkpoint: ckpt, pack: packPath, tasks: tasks.length, rows }, null, 2));
await policy.release();
sandbox.dispose?.();
