// Real-code localization prompts in several forms (index reversed, the code excerpt left out), to see whether the
// answer follows the position of a line rather than its content.
import { readFileSync } from 'node:fs';
import { SKILLS } from '../../../src/tasks/registry.ts';
import { readCheckpoint } from '../../../src/model/checkpoint.ts';
import { directoryReader } from '../../../src/model/checkpoint-node.ts';
import { OrtPolicy } from '../../../src/eval/ort-policy.ts';
const [ckptDir, pack] = process.argv.slice(2);
const ckpt = (await readCheckpoint(directoryReader(ckptDir))).checkpoint;
const policy = await OrtPolicy.create(ckpt, { name: ckptDir, backend: 'wasm' });
const tasks = readFileSync(pack, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
  .filter((t) => t.skill === 'localization');
const fit = policy.promptFit(200);
const render = (t: any) => SKILLS.localization!.renderPrompt(t, fit);
const reverseIndex = (p: string) => {
  const [head, rest] = p.split('Symbols:\n');
  const [index, ...tail] = rest.split('\n\n');
  return `${head}Symbols:\n${index.split('\n').reverse().join('\n')}\n\n${tail.join('\n\n')}`;
};
const noExcerpt = (t: any) => SKILLS.localization!.renderPrompt(t, () => false);
const forms: Record<string, (t: any) => string> = {
  eval: render,
  reversedIndex: (t) => reverseIndex(render(t)),
  noExcerpt,
  noExcerptReversed: (t) => reverseIndex(noExcerpt(t)),
};
for (const [name, make] of Object.entries(forms)) {
  const prompts = tasks.map(make);
  if (process.env.SHOW_PROMPT === name) console.log(prompts[3]);
  const answers = await policy.answer(prompts, { k: 3, temperature: 0.6, seed: 0, maxNewTokens: 40 });
  let sum = 0;
  const per: string[] = [];
  for (let i = 0; i < tasks.length; i++) {
    let s = 0;
    for (const a of answers[i]) s += (await SKILLS.localization!.reward(tasks[i], a, null as never)).reward;
    sum += s / answers[i].length;
    per.push(`${tasks[i].id.replace('realcode-', '').replace('-localization', '')}=${s}`);
  }
  console.log(name, 'mean', (sum / tasks.length).toFixed(3), 'n', tasks.length, per.join(' '));
  if (process.env.SHOW) for (let i = 0; i < tasks.length; i++) console.log('  ', tasks[i].id, JSON.stringify(answers[i]));
}
await policy.release();
