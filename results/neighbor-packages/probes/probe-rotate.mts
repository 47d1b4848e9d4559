// Real-code localization prompts with the symbol index rotated so each package's lines in turn end it: accuracy by
// the answer line's distance from the index's end, for the same tasks and the same policy. Usage: CKPT PACK
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
const split = (p: string) => {
  const [head, rest] = p.split('Symbols:\n');
  const [index, ...tail] = rest.split('\n\n');
  return { head, lines: index.split('\n'), tail: tail.join('\n\n') };
};
const packageOf = (line: string) => line.split(':')[1].split('/')[0];
const packages = [...new Set(split(SKILLS.localization!.renderPrompt(tasks[0], fit)).lines.map(packageOf))];
const byDistance = new Map<number, number[]>();
for (const last of packages) {
  const prompts: string[] = [];
  const distance: number[] = [];
  for (const t of tasks) {
    const { head, lines, tail } = split(SKILLS.localization!.renderPrompt(t, fit));
    // Rotate so `last`'s lines close the index; the order within and between packages is otherwise kept.
    const end = lines.map(packageOf).lastIndexOf(last);
    const rotated = [...lines.slice(end + 1), ...lines.slice(0, end + 1)];
    const answer = SKILLS.localization!.oracleAnswer(t).split('\n')[0];
    distance.push(rotated.length - 1 - rotated.indexOf(answer));
    prompts.push(`${head}Symbols:\n${rotated.join('\n')}\n\n${tail}`);
  }
  const answers = await policy.answer(prompts, { k: 3, temperature: 0.6, seed: 0, maxNewTokens: 40 });
  const per: string[] = [];
  for (let i = 0; i < tasks.length; i++) {
    let s = 0;
    for (const a of answers[i]) s += (await SKILLS.localization!.reward(tasks[i], a, null as never)).reward;
    const bin = Math.min(distance[i], 12);
    byDistance.set(bin, [...(byDistance.get(bin) ?? []), s / 3]);
    per.push(`${tasks[i].id.replace('realcode-', '').replace('-localization', '')}@${distance[i]}=${s}`);
  }
  console.log(`ending with ${last}:`, per.join(' '));
}
const bins = [[0, 2], [3, 5], [6, 8], [9, 99]];
console.log(bins.map(([lo, hi]) => {
  const v = [...byDistance].filter(([d]) => d >= lo && d <= hi).flatMap(([, xs]) => xs);
  return `${lo}-${hi}: ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(3)} (n=${v.length})`;
}).join('  '));
await policy.release();
