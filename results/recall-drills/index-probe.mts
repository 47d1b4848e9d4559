// Zero-shot: given level-1 localization prompts with a "name → path" index added before the question and the
// answer begun with "name →", which candidate path does a checkpoint score highest (plain: the prompt as the skill
// renders it, the answer a path)? argmaxRight: the share of tasks where it is the right file (chance 1/6).
// npx tsx results/recall-drills/index-probe.mts <checkpoint dir> <localization pack.jsonl> plain|index
import { readFileSync } from 'node:fs';
import { chatTemplate, encodePrompt } from '../../src/rl/chat-template.ts';
import { SKILLS } from '../../src/tasks/registry.ts';
import { probeTrainer } from '../probe-trainer.mts';
const [dir, pack, mode] = process.argv.slice(2);
const T = 1024;
const { tok, trainer } = await probeTrainer(dir, 1, T);
const ct = chatTemplate(tok);
const tasks = readFileSync(pack, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
let right = 0,
  n = 0,
  nllSum = 0;
for (const task of tasks) {
  const files = Object.keys(task.repo.files)
    .filter((p) => p.startsWith('src/'))
    .sort();
  const names = files.map((p) => /export (?:function|const) (\w+)/.exec(task.repo.files[p])![1]);
  const target = task.hidden.files[0];
  const key = names[files.indexOf(target)];
  let prompt = SKILLS.localization!.renderPrompt(task);
  if (mode !== 'plain') {
    const index = 'Index:\n' + files.map((p, i) => `${names[i]} → ${p}`).join('\n');
    prompt = prompt.replace(/\n\n(?=[^\n]*$)/, '\n\n' + index + '\n\n');
  }
  const pre = mode === 'plain' ? '' : `${key} →`;
  const scores: number[] = [];
  for (const cand of files) {
    const p = encodePrompt(ct, prompt);
    const preIds = pre ? tok.encode(pre) : [];
    const candIds = tok.encode((pre ? ' ' : '') + cand);
    const ids = [...p, ...preIds, ...candIds];
    const tokens = new Array(T).fill(0);
    ids.forEach((x, i) => (tokens[i] = x));
    const w = new Array(T).fill(0);
    for (let i = p.length + preIds.length; i < ids.length; i++) w[i - 1] = 1;
    const lp = await trainer.forwardBackward(tokens, new Array(T).fill(1), w);
    trainer.zeroGrad();
    let s = 0;
    for (let i = 0; i < T; i++) if (w[i]) s += lp[i];
    scores.push(s);
    if (cand === target) nllSum -= s;
  }
  n++;
  if (scores.indexOf(Math.max(...scores)) === files.indexOf(target)) right++;
}
console.log(JSON.stringify({ dir, mode, n, argmaxRight: right / n, meanTargetNll: nllSum / n }));
trainer.destroy();
