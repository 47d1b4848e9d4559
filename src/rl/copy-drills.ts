// Copy drills: short SFT examples whose answers are spans of their prompts — which file defines `name`, the import
// line for `name`, the call in an issue repeated as a test expectation. Every skill's answer starts with such copies
// (a module path, a function name, an example call), and a small policy fine-tuned on the skills alone learns the
// prior over names instead of copying them (it answers `src/herons.js` whatever the prompt lists). Drills are
// 60–150 tokens, so many fit a row and the copying circuit sees far more examples per step than full tasks give.
// Names are fresh per drill (rename-identifiers.ts), so no prior can answer. Two kinds need no retrieval, only the
// copy itself: repeat a line of fresh names, and copy the listed line that declares a name — a policy that cannot
// repeat a line it has just read (the shipped base cannot) has no copying circuit for the other kinds to use.
import {
  freshFunctionName,
  freshModuleName,
  renameTaskIdentifiers,
  topLevelDeclarations,
  type RenameStyle,
} from '../tasks/rename-identifiers.ts';
import { isTestPath } from '../tasks/skills/answer.ts';
import { CONTENT_BUDGET, fileBlock } from '../tasks/skills/prompt.ts';
import type { Rng } from '../tasks/rng.ts';
import type { TaskBase } from '../tasks/types.ts';

export const DRILL_KINDS = ['copy:which-file', 'copy:import', 'copy:expect', 'copy:repeat', 'copy:line'] as const;

export interface CopyDrill {
  kind: (typeof DRILL_KINDS)[number];
  prompt: string;
  answer: string;
}

interface Declared {
  path: string;
  signature: string;
  name: string;
}

/** Top-level declarations of a task's non-test modules: path, the declaring line, the name. */
function declarations(task: TaskBase): Declared[] {
  return Object.entries(task.repo.files)
    .filter(([path]) => path.startsWith('src/') && !isTestPath(path))
    .flatMap(([path, source]) => topLevelDeclarations(source).map((d) => ({ path, signature: d.line, name: d.name })));
}

/** A line of code-like text made of fresh names: what `copy:repeat` asks to repeat. */
function freshLine(rng: Rng, style: RenameStyle): string {
  const f = () => freshFunctionName(rng, style);
  const m = () => freshModuleName(rng, style);
  const n = () => String(rng.int(0, 99));
  const templates = [
    () => `const ${m()} = ${f()}(${m()}, ${n()});`,
    () => `expect(${f()}(${n()})).toEqual(${m()});`,
    () => `import { ${f()} } from '../src/${m()}.js';`,
    () => `export function ${f()}(${m()}, ${m()}) {`,
    () => `return ${m()}.map((${m()}) => ${f()}(${m()}));`,
    () => Array.from({ length: rng.int(3, 6) }, () => (rng.chance(0.5) ? f() : m())).join(' '),
  ];
  return rng.pick(templates)();
}

/**
 * `n` drills from `tasks` (renamed per drill with `style` names), drawn with `rng`. With `withCode`, each drill's
 * prompt starts with the shown modules' code as the skills list it (up to `CODE_BUDGET` characters), so the copy has
 * to work with a task's worth of code in the context, not in a 60–150-token prompt only; the draws are the same.
 */
export function copyDrills(
  tasks: readonly TaskBase[],
  n: number,
  rng: Rng,
  style: RenameStyle = 'mixed',
  withCode = false,
): CopyDrill[] {
  if (tasks.length === 0) throw new Error('copyDrills: no tasks to draw modules from');
  const drills: CopyDrill[] = [];
  for (let guard = 0; drills.length < n && guard < n * 20; guard++) {
    // Modules of 2–4 tasks, so "which file" has real choices even when each level-1 repo holds one module.
    const renamed = Array.from(
      { length: rng.int(2, 4) },
      () => renameTaskIdentifiers(rng.pick(tasks), rng, style).task,
    );
    const decls = renamed.flatMap(declarations);
    if (decls.length === 0) continue;
    const shown = rng.shuffle(decls).slice(0, 6);
    const target = rng.pick(shown);
    const code = withCode ? codeOf(renamed, shown, target) : '';
    // With code, the files are listed there; without, by their declaring lines.
    const listing = withCode ? 'In the files above:' : shown.map((d) => `--- ${d.path}\n${d.signature}`).join('\n');
    const kind = rng.pick(DRILL_KINDS);
    const push = (d: CopyDrill) => drills.push({ ...d, prompt: code + d.prompt });
    if (kind === 'copy:repeat') {
      const line = freshLine(rng, style);
      push({ kind, prompt: `Repeat this line exactly:\n${line}`, answer: line });
    } else if (kind === 'copy:line')
      push({
        kind,
        prompt: `${shown.map((d) => d.signature).join('\n')}\n\nCopy the line that declares \`${target.name}\`.`,
        answer: target.signature,
      });
    else if (kind === 'copy:which-file')
      push({ kind, prompt: `${listing}\n\nWhich file defines \`${target.name}\`?`, answer: target.path });
    else if (kind === 'copy:import')
      push({
        kind,
        prompt: `${listing}\n\nWrite the import line for \`${target.name}\` in a file under test/.`,
        answer: `import { ${target.name} } from '../${target.path}';`,
      });
    else {
      const args = rng.pick(['1, 2', '"ab cd"', '[3, 1, 2]', "'x'", '0', '[]', '"a,b"', '5, -1']);
      const value = rng.pick(['3', '"dc ba"', '[1, 2, 3]', 'true', 'null', '[]', '-4', '"b"']);
      push({
        kind,
        prompt:
          `Calling \`${target.name}(${args})\` gives the wrong result.\n` +
          `Expected: \`${value}\`\n\nWrite the expectation.`,
        answer: `expect(${target.name}(${args})).toEqual(${value});`,
      });
    }
  }
  if (drills.length < n)
    throw new Error(`copyDrills: only ${drills.length} of ${n} drills (tasks declare no functions)`);
  return drills;
}

/** Characters of code a drill with code shows: a level-1 skill prompt's listing budget. */
export const CODE_BUDGET = CONTENT_BUDGET[1];

/**
 * The shown declarations' modules as file blocks in path order: the target's always, the others while the listing
 * stays within CODE_BUDGET. Two renamed tasks may name a module alike: each block is the file holding its declaration.
 */
function codeOf(renamed: readonly TaskBase[], shown: readonly Declared[], target: Declared): string {
  const fileOf = (d: Declared) => renamed.map((t) => t.repo.files[d.path]).find((c) => c?.includes(d.signature));
  const blocks = new Map<string, string>([[target.path, fileBlock(target.path, fileOf(target) ?? target.signature)]]);
  let used = blocks.get(target.path)!.length;
  for (const d of shown) {
    const source = fileOf(d);
    if (blocks.has(d.path) || source === undefined) continue;
    const block = fileBlock(d.path, source);
    if (used + block.length > CODE_BUDGET) continue;
    blocks.set(d.path, block);
    used += block.length;
  }
  return `${[...blocks.keys()]
    .sort()
    .map((p) => blocks.get(p)!)
    .join('\n\n')}\n\n`;
}
