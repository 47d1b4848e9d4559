// Greedy answers of a checkpoint on a few test-split tasks per skill, next to the oracle answers.
// npx tsx results/copy-drills/skill-probe.mts DIR [skills, comma-separated] [tasks per skill]
import { readCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryReader } from '../../src/model/checkpoint-node.ts';
import { OrtPolicy } from '../../src/eval/ort-policy.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
const ck = (await readCheckpoint(directoryReader(process.argv[2]), { requireTokenizer: true })).checkpoint;
const pol = await OrtPolicy.create(ck, { name: 'p' });
const sandbox = await createQuickJsSandbox();
for (const skill of (process.argv[3] ?? 'localization,editing,reproduction').split(',')) {
  const tasks = await GENERATORS[skill as 'editing']!({
    split: 'test',
    n: Number(process.argv[4] ?? 2),
    seed: 3,
    level: 1,
    sandbox,
  });
  const m = SKILLS[skill as 'editing']!;
  const ans = await pol.answer(
    tasks.map((t) => m.renderPrompt(t as never)),
    { k: 1, temperature: 0, maxNewTokens: 120, seed: 0 },
  );
  tasks.forEach((t, i) => {
    console.log(
      `===== ${skill} ${t.id}\n--- prompt tail:\n${m.renderPrompt(t as never).slice(0, 400)}\n--- oracle:\n${m.oracleAnswer(t as never)}\n--- model:\n${ans[i][0]}`,
    );
  });
}
process.exit(0);
