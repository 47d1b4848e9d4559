// A task with its top-level function names and source-module names replaced by fresh, meaningless ones —
// consistently through the repo, the prompt fields and the hidden grading data. The behaviour to reason about is
// unchanged, but nothing about the names can be recalled from training: a policy fine-tuned on renamed
// demonstrations is paid only for copying names from the prompt, which is what unseen task families need.
// The rename is textual (whole words, never after a `.` but for the tests' namespace alias `m.`), so it also
// reaches prose, diffs and issue text; names that also occur as a property, or that are too short to be
// distinctive, are left alone.
import type { Rng } from './rng.ts';
import { isTestPath } from './skills/answer.ts';
import type { TaskBase } from './types.ts';
import { NAMESPACE_ALIAS } from './world/tests.ts';

const VERBS = (
  'blend carve churn clasp crank dredge fold forge glean graft hoist knead lace mend mull nudge pluck prune quell ' +
  'rake reel rinse sift skim sling sort splice stitch sway tally tamp thread tilt tuck twist weave whisk wring yank zip'
).split(' ');
const NOUNS = (
  'Acorn Anvil Badger Basin Beacon Bramble Cinder Clover Comet Copper Dune Ember Fennel Fjord Flint Garnet Glade ' +
  'Gravel Harbor Hazel Heron Juniper Kelp Lantern Lichen Maple Marble Meadow Nettle Nimbus Orchid Otter Pebble ' +
  'Pepper Quartz Quill Raven Ripple Saffron Sparrow Spruce Thistle Timber Tundra Velvet Walnut Willow Wren ' +
  'Yarrow Zephyr'
).split(' ');

/**
 * 'words': made-up verb+noun names (`splitCsv` → `siftHeron`); 'syllables': pronounceable nonsense (`tamoKivu`),
 * whose spelling no prior can guess, so the loss on them falls only by copying; 'mixed': either, half the time.
 */
export type RenameStyle = 'words' | 'syllables' | 'mixed';

const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';
const word = (rng: Rng, n: number) =>
  Array.from({ length: n }, () => rng.pick([...CONSONANTS]) + rng.pick([...VOWELS])).join('');
const capitalize = (w: string) => w[0].toUpperCase() + w.slice(1);

const syllables = (rng: Rng, style: RenameStyle) => style === 'syllables' || (style === 'mixed' && rng.chance(0.5));

/**
 * A made-up function name in `style` (`siftHeron`, `tamoKivu`), or with `oneWord` a single lower-case word (`heron`,
 * `tamoki`) as small packages name their main export (`ms`, `bytes`, `leven`); may collide with a name in use.
 */
export function freshFunctionName(rng: Rng, style: RenameStyle, oneWord = false): string {
  if (oneWord) return syllables(rng, style) ? word(rng, rng.int(2, 3)) : rng.pick(NOUNS).toLowerCase();
  return syllables(rng, style)
    ? word(rng, 2) + capitalize(word(rng, rng.int(1, 2)))
    : rng.pick(VERBS) + rng.pick(NOUNS) + (rng.chance(0.3) ? rng.pick(NOUNS) : '');
}

/** A made-up module (file) name in `style` (`herons`, `kovala`). */
export function freshModuleName(rng: Rng, style: RenameStyle): string {
  return syllables(rng, style)
    ? word(rng, rng.int(2, 3))
    : rng.pick(NOUNS).toLowerCase() + (rng.chance(0.5) ? 's' : '');
}

const IDENT = String.raw`[A-Za-z_$][\w$]*`;
/** A declaration starting a line: top-level in the world's formatted modules. */
const TOP_LEVEL = new RegExp(
  String.raw`^(?:export\s+)?(?:async\s+)?(?:function\*?|const|let|var|class)\s+(${IDENT})`,
  'gm',
);
const SOURCE_PATH = /^(?:.*\/)?([A-Za-z_][\w-]*)\.js$/;

/** Top-level declarations of a module (name and declaring line), in source order. */
export function topLevelDeclarations(source: string): Array<{ name: string; line: string }> {
  return [...source.matchAll(TOP_LEVEL)].map((m) => {
    const end = source.indexOf('\n', m.index);
    return { name: m[1], line: source.slice(m.index, end < 0 ? undefined : end).trim() };
  });
}

/** Fields that identify or describe the task rather than show it: never rewritten. */
const KEPT_FIELDS = new Set(['id', 'skill', 'level', 'split', 'meta']);

/** Which names of `task` a rename would replace: top-level declarations and module base names of its sources. */
export function renameableNames(task: TaskBase): { functions: string[]; modules: string[] } {
  const blob = JSON.stringify(task);
  const functions = new Set<string>();
  const modules = new Set<string>();
  for (const [path, source] of Object.entries(task.repo.files)) {
    if (isTestPath(path)) continue;
    const base = SOURCE_PATH.exec(path)?.[1];
    if (base && base.length >= 3) modules.add(base);
    for (const d of topLevelDeclarations(source)) functions.add(d.name);
  }
  // A namespace import's `m.name` is the function itself, not a property: it does not make `name` ambiguous.
  const plain = blob.replace(NAMESPACE_ACCESS, '');
  const distinctive = (name: string) =>
    name.length >= 3 && !new RegExp(String.raw`\.${escape(name)}(?![\w$])`).test(plain);
  return { functions: [...functions].filter(distinctive), modules: [...modules].filter((m) => !functions.has(m)) };
}

// Words a one-word name could spell that JavaScript reserves or every module can see.
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof let new null return super switch this throw true try typeof var void while ' +
    'with yield await static eval arguments undefined name length module require exports'
  ).split(' '),
);

/**
 * `task` with fresh names drawn from `rng` (the same rng state gives the same names), and the map old → new of
 * function names and module base names together. Each function's name is, with chance `oneWordShare`, one lower-case
 * word (`freshFunctionName`); at 0 no draw is made for it, so the names are those drawn before the option existed.
 */
export function renameTaskIdentifiers<T extends TaskBase>(
  task: T,
  rng: Rng,
  style: RenameStyle = 'words',
  oneWordShare = 0,
): { task: T; names: Record<string, string> } {
  const { functions, modules } = renameableNames(task);
  const blob = JSON.stringify(task);
  const taken = new Set<string>();
  // Only a one-word function name can spell a reserved word (module names are file names; two-part names have a
  // capital), and only those are checked, so every other draw is as it was.
  const fresh = (make: () => string, oneWord = false) => {
    for (let tries = 0; tries < 100; tries++) {
      const name = make();
      if (!taken.has(name) && !(oneWord && RESERVED.has(name)) && !wordPattern(name).test(blob)) {
        taken.add(name);
        return name;
      }
    }
    throw new Error(`task ${task.id}: no fresh identifier after 100 draws`);
  };
  const names: Record<string, string> = {};
  for (const f of functions) {
    const oneWord = oneWordShare > 0 && rng.chance(oneWordShare);
    names[f] = fresh(() => freshFunctionName(rng, style, oneWord), oneWord);
  }
  for (const m of modules) names[m] = fresh(() => freshModuleName(rng, style));

  const fnPatterns = functions.map((f) => [wordPattern(f, 'g'), names[f]] as const);
  const modPatterns = modules.map(
    (m) => [new RegExp(String.raw`(?<=/)${escape(m)}(?=[./'"\x60])`, 'g'), names[m]] as const,
  );
  const rewrite = (s: string) => {
    for (const [re, to] of modPatterns) s = s.replace(re, to);
    for (const [re, to] of fnPatterns) s = s.replace(re, to);
    return s;
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(task)) out[key] = KEPT_FIELDS.has(key) ? value : mapStrings(value, rewrite);
  return { task: out as T, names };
}

/** Every string in `value`, object keys included (file maps are keyed by path), passed through `f`. */
function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[f(k)] = mapStrings(v, f);
    return out;
  }
  return value;
}

/** `m.` where `m` is the namespace alias of the generated tests (world/tests.ts renderNamespaceTest). */
const NAMESPACE_ACCESS = new RegExp(String.raw`(?<![\w$.])${NAMESPACE_ALIAS}\.(?=[A-Za-z_$])`, 'g');

/** `name` as a whole word, never after a `.` — except after the tests' namespace alias (`m.name`). */
function wordPattern(name: string, flags = ''): RegExp {
  const before = String.raw`(?:(?<![\w$.])|(?<=(?<![\w$.])${NAMESPACE_ALIAS}\.))`;
  return new RegExp(String.raw`${before}${escape(name)}(?![\w$])`, flags);
}

function escape(name: string): string {
  return name.replace(/[$]/g, '\\$');
}
