// test-packages' raw tasks as unseen packages with English-word names (verb+noun) instead of syllables.
import { readFileSync, writeFileSync } from 'node:fs';
import { readPack, writePack } from '../../../src/tasks/pack.ts';
import { renameTaskIdentifiers } from '../../../src/tasks/rename-identifiers.ts';
import { packageSurface } from '../../../src/tasks/surface.ts';
import { rephrasedIssue } from '../../../src/tasks/world/issue.ts';
import { createRng } from '../../../src/tasks/rng.ts';
import type { LocalizationTask } from '../../../src/tasks/skills/localization.ts';
const [inp, out, style = 'words'] = process.argv.slice(2);
const rng = createRng(77);
const tasks = readPack(readFileSync(inp, 'utf8'), inp).map((t) => {
  const renamed = renameTaskIdentifiers(t as LocalizationTask, rng, style as 'words').task;
  const moved = packageSurface(renamed, rng, { selfNamed: rng.chance(0.5) });
  return { ...moved, id: `${t.id}~${style}`, issue: rephrasedIssue(moved.issue, rng) };
});
writeFileSync(out, writePack(tasks));
