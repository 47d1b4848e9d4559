// Real-code localization prompts with the symbol index cut to one line per package (the package's own name), to see
// whether the index's length (several functions per package) is what breaks the copy.
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
const cut = (p: string) => {
  const [head, rest] = p.split('Symbols:\n');
  const [index, ...tail] = rest.split('\n\n');
  const keep = index.split('\n').filter((l) => {
    const [name, file] = l.split(':');
    const dir = file.split('/')[0];
    return dir.replace(/-/g, '') === name.toLowerCase() || name === dir;
  });
  return `${head}Symbols:\n${keep.join('\n')}\n\n${tail.join('\n\n')}`;
};
const forms: Record<string, (t: any) => string> = {
  eval: (t) => SKILLS.localization!.renderPrompt(t, fit),
  mainOnly: (t) => cut(SKILLS.localization!.renderPrompt(t, fit)),
};
for (const [name, render] of Object.entries(forms)) {
  const prompts = tasks.map(render);
  if (name === 'mainOnly') console.log(prompts[3].split('Symbols:\n')[1]);
  const answers = await policy.answer(prompts, { k: 3, temperature: 0.6, seed: 0, maxNewTokens: 40 });
  let sum = 0;
  for (let i = 0; i < tasks.length; i++) {
    let s = 0;
    for (const a of answers[i]) s += (await SKILLS.localization!.reward(tasks[i], a, null as never)).reward;
    sum += s / answers[i].length;
  }
  console.log(name, 'mean', (sum / tasks.length).toFixed(3), 'n', tasks.length);
}
await policy.release();
