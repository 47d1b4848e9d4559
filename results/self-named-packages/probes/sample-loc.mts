// Sample a checkpoint on a pack's localization tasks in several prompt forms; print rewards per form.
import { readFileSync } from 'node:fs';
import { SKILLS } from '../../../src/tasks/registry.ts';
import { readCheckpoint } from '../../../src/model/checkpoint.ts';
import { directoryReader } from '../../../src/model/checkpoint-node.ts';
import { OrtPolicy } from '../../../src/eval/ort-policy.ts';
const [ckptDir, pack, kind = 'localization', k = '3'] = process.argv.slice(2);
const ckpt = (await readCheckpoint(directoryReader(ckptDir))).checkpoint;
const policy = await OrtPolicy.create(ckpt, { name: ckptDir, backend: 'wasm' });
const tasks = readFileSync(pack, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
  .filter((t) => t.skill === kind);
const fit = policy.promptFit(200);
const forms: Record<string, (t: any) => string> = {
  eval: (t) => SKILLS[t.skill]!.renderPrompt(t, fit),
  noContents: (t) => SKILLS[t.skill]!.renderPrompt(t, () => false),
};
for (const [name, render] of Object.entries(forms)) {
  const prompts = tasks.map(render);
  const answers = await policy.answer(prompts, { k: Number(k), temperature: 0.6, seed: 0, maxNewTokens: 40 });
  let sum = 0;
  for (let i = 0; i < tasks.length; i++) {
    const rs = [];
    for (const a of answers[i]) rs.push((await SKILLS[tasks[i].skill]!.reward(tasks[i], a, null as never)).reward);
    sum += rs.reduce((x, y) => x + y, 0) / rs.length;
    if (process.env.SHOW) console.log(name, tasks[i].id, rs.join(','), JSON.stringify(answers[i]));
  }
  console.log(name, 'mean', (sum / tasks.length).toFixed(3), 'n', tasks.length);
}
await policy.release();
