// Greedy exact-match on copy drills built from test-split tasks with fresh syllable names (held-out families).
// npx tsx results/copy-drills/drill-probe.mts DIR [code] — `code`: drills led by their modules' code (~280 tokens).
import { readCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryReader } from '../../src/model/checkpoint-node.ts';
import { OrtPolicy } from '../../src/eval/ort-policy.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import { GENERATORS } from '../../src/tasks/registry.ts';
import { createRng } from '../../src/tasks/rng.ts';
import { copyDrills } from '../../src/rl/copy-drills.ts';
const ck = (await readCheckpoint(directoryReader(process.argv[2]), { requireTokenizer: true })).checkpoint;
const pol = await OrtPolicy.create(ck, { name: 'p' });
const sandbox = await createQuickJsSandbox();
const tasks = await GENERATORS['editing']!({ split: 'test', n: 12, seed: 5, level: 1, sandbox });
const drills = copyDrills(tasks, 60, createRng(77), 'syllables', process.argv[3] === 'code');
const ans = await pol.answer(
  drills.map((d) => d.prompt),
  { k: 1, temperature: 0, maxNewTokens: 40, seed: 0 },
);
const by: Record<string, [number, number]> = {};
drills.forEach((d, i) => {
  const ok = ans[i][0].trim() === d.answer ? 1 : 0;
  by[d.kind] ??= [0, 0];
  by[d.kind][0] += ok;
  by[d.kind][1]++;
  if (i < 4) console.log(d.kind, '|', d.answer, '|', ans[i][0].trim());
});
console.log(JSON.stringify(by));
process.exit(0);
