// How faithfully a checkpoint copies the faulty line into an editing answer's SEARCH block, teacher-forced: each
// oracle answer's tokens are scored given the prompt and the answer so far, and grouped — the path line, the SEARCH
// line (its first token, which picks the line, apart; the rest split by whether the previous token occurs once in the
// prompt, so one token of context says where the copy continues, or several times) and the REPLACE line.
// p50: the share of tokens given probability > ½; searchWhole: answers whose every SEARCH token has it.
// npx tsx results/recall-drills/edit-copy-probe.mts <checkpoint dir> <editing pack.jsonl>
import { readFileSync } from 'node:fs';
import { chatTemplate, encodeAnswer, encodePrompt } from '../../src/rl/chat-template.ts';
import { editingSkill, type EditingTask } from '../../src/tasks/skills/editing.ts';
import { probeTrainer } from '../probe-trainer.mts';

const [dir, pack] = process.argv.slice(2);
const T = 1024;
const { tok, trainer } = await probeTrainer(dir, 1, T);
const ct = chatTemplate(tok);
const tasks: EditingTask[] = readFileSync(pack, 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l));
const groups: Record<string, number[]> = { path: [], first: [], unique: [], ambiguous: [], replace: [] };
let searchWhole = 0;
for (const task of tasks) {
  const prompt = encodePrompt(ct, editingSkill.renderPrompt(task));
  const text = editingSkill.oracleAnswer(task);
  const answer = encodeAnswer(ct, text);
  // Token offsets of the answer's lines: path, <<<<<<< SEARCH, the SEARCH line(s), =======, REPLACE line(s), >>>>>>>.
  const lines = text.split('\n');
  const tokensBefore = (line: number) => tok.encode(lines.slice(0, line).join('\n')).length;
  const [searchStart, searchEnd] = [tokensBefore(2), tokensBefore(lines.indexOf('======='))];
  const replaceEnd = tokensBefore(lines.indexOf('>>>>>>> REPLACE'));
  const ids = [...prompt, ...answer];
  if (ids.length > T) continue;
  const tokens = [...ids, ...new Array<number>(T - ids.length).fill(0)];
  // Entry i scores token i + 1; −1 weights only make forwardBackward's gradient well defined (it is thrown away).
  const weights = tokens.map((_, i) => (i + 1 >= prompt.length && i + 1 < ids.length ? -1 : 0));
  const logprobs = await trainer.forwardBackward(tokens, new Array<number>(T).fill(1), weights);
  trainer.zeroGrad();
  let whole = true;
  for (let j = 0; j < answer.length; j++) {
    const nll = -logprobs[prompt.length + j - 1];
    if (j < tokensBefore(1)) groups.path.push(nll);
    else if (j >= searchStart && j < searchEnd) {
      if (nll > Math.log(2)) whole = false;
      if (j === searchStart) groups.first.push(nll);
      else {
        const previous = answer[j - 1];
        (prompt.filter((x) => x === previous).length <= 1 ? groups.unique : groups.ambiguous).push(nll);
      }
    } else if (j >= searchEnd && j < replaceEnd) groups.replace.push(nll);
  }
  if (whole) searchWhole++;
}
const summary = (xs: number[]) => ({
  n: xs.length,
  p50: +(xs.filter((x) => x < Math.log(2)).length / xs.length).toFixed(3),
  nll: +(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(3),
});
console.log(
  JSON.stringify({
    dir,
    tasks: tasks.length,
    search: summary([...groups.first, ...groups.unique, ...groups.ambiguous]),
    ...Object.fromEntries(Object.entries(groups).map(([k, xs]) => [k, summary(xs)])),
    searchWhole,
  }),
);
trainer.destroy();
