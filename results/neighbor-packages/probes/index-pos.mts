// Per localization task of a pack: its symbol-index length, the answer line's distance from the index's end and the
// answer line itself (JSON).
import { readFileSync } from 'node:fs';
import { SKILLS } from '../../../src/tasks/registry.ts';
const [pack] = process.argv.slice(2);
const out: Record<string, { lines: number; fromEnd: number; oracle: string }> = {};
for (const l of readFileSync(pack, 'utf8').split('\n')) {
  if (!l.trim()) continue;
  const t = JSON.parse(l);
  if (t.skill !== 'localization') continue;
  const index = SKILLS.localization!.renderPrompt(t).split('Symbols:\n')[1]?.split('\n\n')[0]?.split('\n') ?? [];
  const oracle = SKILLS.localization!.oracleAnswer(t).split('\n')[0];
  const i = index.indexOf(oracle);
  out[t.id] = { lines: index.length, fromEnd: i < 0 ? -1 : index.length - 1 - i, oracle };
}
console.log(JSON.stringify(out));
