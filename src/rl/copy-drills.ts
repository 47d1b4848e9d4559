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

/** `n` drills from `tasks` (renamed per drill with `style` names), drawn with `rng`. */
export function copyDrills(tasks: readonly TaskBase[], n: number, rng: Rng, style: RenameStyle = 'mixed'): CopyDrill[] {
  if (tasks.length === 0) throw new Error('copyDrills: no tasks to draw modules from');
  const drills: CopyDrill[] = [];
  for (let guard = 0; drills.length < n && guard < n * 20; guard++) {
    // Modules of 2–4 tasks, so "which file" has real choices even when each level-1 repo holds one module.
    const decls = Array.from({ length: rng.int(2, 4) }, () =>
      declarations(renameTaskIdentifiers(rng.pick(tasks), rng, style).task),
    ).flat();
    if (decls.length === 0) continue;
    const shown = rng.shuffle(decls).slice(0, 6);
    const target = rng.pick(shown);
    const listing = shown.map((d) => `--- ${d.path}\n${d.signature}`).join('\n');
    const kind = rng.pick(DRILL_KINDS);
    if (kind === 'copy:repeat') {
      const line = freshLine(rng, style);
      drills.push({ kind, prompt: `Repeat this line exactly:\n${line}`, answer: line });
    } else if (kind === 'copy:line')
      drills.push({
        kind,
        prompt: `${shown.map((d) => d.signature).join('\n')}\n\nCopy the line that declares \`${target.name}\`.`,
        answer: target.signature,
      });
    else if (kind === 'copy:which-file')
      drills.push({ kind, prompt: `${listing}\n\nWhich file defines \`${target.name}\`?`, answer: target.path });
    else if (kind === 'copy:import')
      drills.push({
        kind,
        prompt: `${listing}\n\nWrite the import line for \`${target.name}\` in a file under test/.`,
        answer: `import { ${target.name} } from '../${target.path}';`,
      });
    else {
      const args = rng.pick(['1, 2', '"ab cd"', '[3, 1, 2]', "'x'", '0', '[]', '"a,b"', '5, -1']);
      const value = rng.pick(['3', '"dc ba"', '[1, 2, 3]', 'true', 'null', '[]', '-4', '"b"']);
      drills.push({
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
