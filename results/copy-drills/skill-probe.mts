// Greedy answers of a checkpoint on a few test-split tasks per skill, next to the oracle answers.
// npx tsx results/copy-drills/skill-probe.mts DIR [skills, comma-separated] [tasks per skill]
import { readCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryReader } from '../../src/model/checkpoint-node.ts';
import { OrtPolicy } from '../../src/eval/ort-policy.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
import type { TaskKind } from '../../src/tasks/types.ts';

const ck = (await readCheckpoint(directoryReader(process.argv[2]), { requireTokenizer: true })).checkpoint;
const policy = await OrtPolicy.create(ck, { name: process.argv[2] });
const sandbox = await createQuickJsSandbox();
for (const kind of (process.argv[3] ?? 'localization,editing,reproduction').split(',') as TaskKind[]) {
  const generate = GENERATORS[kind];
  const skill = SKILLS[kind];
  if (!generate || !skill) throw new Error(`skill-probe: no generator for '${kind}'`);
  const tasks = await generate({ split: 'test', n: Number(process.argv[4] ?? 2), seed: 3, level: 1, sandbox });
  const prompts = tasks.map((t) => skill.renderPrompt(t));
  const answers = await policy.answer(prompts, { k: 1, temperature: 0, maxNewTokens: 120, seed: 0 });
  tasks.forEach((t, i) => {
    console.log(`===== ${kind} ${t.id}\n--- prompt (start):\n${prompts[i].slice(0, 400)}`);
    console.log(`--- oracle:\n${skill.oracleAnswer(t)}\n--- model:\n${answers[i][0]}`);
  });
}
process.exit(0);
