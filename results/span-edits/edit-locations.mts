// Where an evaluation's sampled editing answers point: SEARCH missing, not found in the file, found, and found on
// the line the task's bug is on (the mutation's line) — the location half of an edit, apart from its replacement.
// npx tsx results/span-edits/edit-locations.mts <eval.json> <editing pack.jsonl of the same tasks>
import { readFileSync } from 'node:fs';
import { parseEdits } from '../../src/tasks/skills/edits.ts';
import type { EditingTask } from '../../src/tasks/skills/editing.ts';

interface Scored {
  id: string;
  kind: string;
  sampled: Array<{ answer: string }>;
}
const [evalFile, pack] = process.argv.slice(2);
const tasks = new Map<string, EditingTask>(
  readFileSync(pack, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as EditingTask)
    .map((t) => [t.id, t]),
);
const results = (JSON.parse(readFileSync(evalFile, 'utf8')) as { results: Scored[] }).results;
const counts = { answers: 0, unparsed: 0, notInFile: 0, inFile: 0, onBuggyLine: 0 };
for (const r of results.filter((x) => x.kind === 'editing')) {
  const task = tasks.get(r.id);
  if (!task) throw new Error(`${evalFile}: task ${r.id} is not in ${pack}`);
  const source = task.repo.files[task.file];
  for (const { answer } of r.sampled) {
    counts.answers++;
    const parsed = parseEdits(answer);
    const search = parsed.ok ? parsed.blocks[0].search : '';
    const at = search.trim() === '' ? -1 : source.indexOf(search);
    if (!parsed.ok) counts.unparsed++;
    else if (at < 0) counts.notInFile++;
    else {
      counts.inFile++;
      if (source.slice(0, at).split('\n').length === task.hidden.mutation.line) counts.onBuggyLine++;
    }
  }
}
console.log(JSON.stringify({ eval: evalFile, ...counts }));
