// Localization: issue + repo → the set of files to change. Reward: exact set. Logged: precision, recall.
import type { FileMap, Sandbox } from '../../sandbox/types.ts';
import type { Mutation } from '../mutate/index.ts';
import type { GeneratorOptions } from '../registry.ts';
import type { PromptFit, RewardResult, SkillModule, TaskBase } from '../types.ts';
import { bugWorld, generateMany, symptomOf, withPromptChars } from '../generate/common.ts';
import { issueText, styleFor } from '../world/issue.ts';
import { visibleTests } from '../world/scenario.ts';
import { isTestPath, screenAnswer, unfence, zero } from './answer.ts';
import { stripChars } from './edits.ts';
import { CONTENT_BUDGET, shownWithin, tree } from './prompt.ts';
import { dropOrder, firstFitting, lineWindow, namesIn, WINDOW_MARGINS } from './fit.ts';
import {
  declarationLines,
  pathOfCitation,
  renderSymbolIndex,
  resolvePath,
  shortPath,
  SYMBOL_SEPARATOR,
  symbolIndex,
} from './symbols.ts';
import { issueLeaks } from '../generate/leaks.ts';
import type { Rng } from '../rng.ts';
import { buildFacade, type Facade } from '../world/facade.ts';
import { allModules, type WorldRepo } from '../world/repo.ts';

export interface LocalizationTask extends TaskBase {
  skill: 'localization';
  issue: string;
  hidden: { files: string[]; mutation: Mutation };
}

/** Source files a localization repo has at least (so "a random file" earns at most 1/6), all of one category. */
export const LOCALIZATION_MIN_MODULES = 6;

/** Doc comments are dropped: every issue style names the function, so the docs only cost context. */
const compact = (text: string) => text.replace(/^\/\*\*[\s\S]*?\*\/\n/gm, '').trimEnd();

function renderPrompt(task: LocalizationTask, fit?: PromptFit): string {
  const files = task.repo.files;
  // Every level shows the same form: source files as `--- path` blocks without doc comments (no test files: the
  // answer is among the sources), a tree only when some contents are left out. Levels 3–5 once opened with the whole
  // tree, fenced blocks and doc comments, and a policy trained at level 1 answered that form with noise (0.000 at
  // level 3; 0.688 on the same tasks in this form: results/prompt-fit/).
  const sources = Object.keys(files).filter((p) => !isTestPath(p));
  const shown = task.level <= 2 ? sources : shownWithin(files, sources, CONTENT_BUDGET[task.level]);
  // To fit the context, contents go first from the files that share fewest names with the issue (the tree and the
  // symbol index keep naming every file); the last one left narrows to the declaration the issue names in it (a real
  // module is often longer than the context on its own), and then goes too.
  const drop = dropOrder(files, shown, task.issue);
  const focus = drop.at(-1);
  // Parsed only when a prompt gets that short; with no such declaration the window forms show no code either.
  let at: { start: number; end: number } | null | undefined;
  const window = (margin: number): string | null => {
    if (focus === undefined) return null;
    at = at === undefined ? namedDeclaration(files, focus, task.issue) : at;
    return at && lineWindow(files[focus], at.start, at.end, margin);
  };
  // The index is the same in every form: parsed once.
  const symbols = symbolsBlock(files);
  const render = (v: number) => {
    if (v < drop.length) return promptShowing(task, sources, new Map(drop.slice(v).map((p) => [p, files[p]])), symbols);
    const text = v - drop.length < WINDOW_MARGINS.length ? window(WINDOW_MARGINS[v - drop.length]) : null;
    return promptShowing(task, sources, new Map(text === null ? [] : [[focus!, text]]), symbols);
  };
  return firstFitting(drop.length + WINDOW_MARGINS.length + 1, render, fit);
}

/** Lines of the first top-level declaration in `path` of a function the issue names (by the symbol index). */
function namedDeclaration(files: FileMap, path: string, issue: string): { start: number; end: number } | null {
  const named = namesIn(issue);
  for (const entry of symbolIndex(files, Infinity)) {
    if (entry.path !== path || !named.has(entry.name)) continue;
    // An anonymous default export is indexed under its importers' name: it is the declaration of that name.
    const lines = declarationLines(files[path], entry.name, entry.name);
    if (lines) return lines;
  }
  return null;
}

/** The prompt with `shown` (path → the text shown of it: the file, or a window of it) as its only contents, and the
 * symbol index's block. */
function promptShowing(
  task: LocalizationTask,
  sources: readonly string[],
  shown: ReadonlyMap<string, string>,
  symbols: readonly string[],
): string {
  // The files first and the issue with the question last (see prompt.ts).
  return [
    // With every source shown whole the tree would only repeat their names.
    ...(sources.every((p) => shown.get(p) === task.repo.files[p]) ? [] : ['Files:', tree(sources), '']),
    ...(shown.size === 0
      ? []
      : [
          [...shown.keys()]
            .sort()
            .map((p) => `--- ${p}\n${compact(shown.get(p)!)}`)
            .join('\n\n'),
          '',
        ]),
    // After the files so it survives left truncation, before the issue so the request stays last.
    ...symbols,
    task.issue,
    '',
    `Which file(s) must change to fix this issue? One per line, as a path or \`name${SYMBOL_SEPARATOR}file\` ` +
      'as in Symbols (no test files).',
  ].join('\n');
}

function symbolsBlock(files: LocalizationTask['repo']['files']): string[] {
  const index = symbolIndex(files);
  return index.length === 0 ? [] : ['Symbols:', renderSymbolIndex(index, Object.keys(files)), ''];
}

/**
 * One line per file to change; `name:file` where the issue names a function the index puts in that file, or where a
 * function the issue names calls one declared there (a facade's wrapper, a caller of a helper): the hop is written
 * out as the name of the function in the file to change.
 */
function oracleAnswer(task: LocalizationTask): string {
  const files = task.repo.files;
  const index = symbolIndex(files);
  const named = namesIn(task.issue);
  const hop = new Set<string>();
  for (const e of index.filter((e) => named.has(e.name))) {
    const at = declarationLines(files[e.path], e.name, e.name);
    const text = at
      ? files[e.path]
          .split('\n')
          .slice(at.start - 1, at.end)
          .join('\n')
      : '';
    for (const word of namesIn(text)) if (word !== e.name) hop.add(word);
  }
  return task.hidden.files
    .map((path) => {
      const entry =
        index.find((e) => e.path === path && named.has(e.name)) ??
        index.find((e) => e.path === path && hop.has(e.name));
      return entry ? `${entry.name}${SYMBOL_SEPARATOR}${shortPath(path, Object.keys(files))}` : path;
    })
    .join('\n');
}

/** Paths from a list (one per line, bullets/backticks/quotes tolerated) or a JSON array. */
export function parsePaths(text: string): string[] | null {
  const body = unfence(text).trim();
  let items: string[];
  if (body.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(body);
      if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) return null;
      items = parsed as string[];
    } catch {
      return null;
    }
  } else {
    items = body.split(/\n|,/);
  }
  const out = items.map(cleanItem).filter((l) => l.length > 0);
  return [...new Set(out)];
}

/** One list item without its bullet, numbering, quotes and trailing punctuation: loops, linear in its length. */
function cleanItem(raw: string): string {
  let t = raw.trim();
  if (t.length > 1 && '-*•'.includes(t[0]) && /\s/.test(t[1])) t = t.slice(1);
  else {
    let d = 0;
    while (d < t.length && t[d] >= '0' && t[d] <= '9') d++;
    if (d > 0 && d + 1 < t.length && (t[d] === '.' || t[d] === ')') && /\s/.test(t[d + 1])) t = t.slice(d + 1);
  }
  t = stripChars(pathOfCitation(stripChars(t.trim(), '`\'"', '`\'",;')), '`\'"', '`\'",;');
  if (t.startsWith('./')) t = t.slice(2);
  return t.trim();
}

/** The set of files the answer names, resolved against the repository as the reward resolves them. */
function decision(task: LocalizationTask, answer: string): string | null {
  const screened = screenAnswer(answer);
  const raw = screened.ok ? parsePaths(screened.text) : null;
  if (raw === null || raw.length === 0) return null;
  const known = Object.keys(task.repo.files);
  return [...new Set(raw.map((p) => resolvePath(p, known) ?? p))].sort().join('\n');
}

async function reward(task: LocalizationTask, answer: string, _sandbox: Sandbox): Promise<RewardResult> {
  const screened = screenAnswer(answer);
  if (!screened.ok) return screened.result;
  const raw = parsePaths(screened.text);
  if (raw === null || raw.length === 0) return zero('parse-error', 'no file paths found in the answer');
  const known = Object.keys(task.repo.files);
  // Paths are matched exactly, or case-insensitively or by a `/`-aligned end when that names exactly one file.
  const predicted = new Set(raw.map((p) => resolvePath(p, known) ?? p));
  const truth = new Set(task.hidden.files);
  const hits = [...predicted].filter((p) => truth.has(p)).length;
  const precision = hits / predicted.size;
  const recall = hits / truth.size;
  const f1 = hits === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const metrics = { precision, recall };
  if (hits === truth.size && predicted.size === truth.size)
    return { reward: 1, partial: 1, status: 'ok', detail: 'exact file set', metrics };
  const unknown = [...predicted].filter((p) => !known.includes(p));
  return zero(
    'wrong-files',
    `${hits}/${truth.size} right, ${predicted.size - hits} extra${unknown.length ? ` (not in repo: ${unknown.slice(0, 3).join(', ')})` : ''}`,
    f1,
    metrics,
  );
}

export const localizationSkill: SkillModule<LocalizationTask> = {
  kind: 'localization',
  renderPrompt,
  reward,
  decision,
  oracleAnswer,
  negativeControls: (task) => {
    const others = Object.keys(task.repo.files)
      .filter((p) => !task.hidden.files.includes(p))
      .sort();
    return ['', [...task.hidden.files, ...others].join('\n'), others[0] ?? 'nothing.js'];
  },
};

/** Share of level-4–5 tasks whose issue names a facade's wrapper instead of the function (`world/facade.ts`). */
export const FACADE_SHARE = 0.5;

function facadeFor(repo: WorldRepo, fnName: string, rng: Rng): Facade | null {
  const about = allModules(repo)
    .flatMap((m) => m.functions)
    .find((f) => f.names.fn === fnName);
  return about ? buildFacade(repo, about, rng) : null;
}

export function generateLocalization(opts: GeneratorOptions): Promise<LocalizationTask[]> {
  return generateMany('localization', opts, async (rng, level, id) => {
    const world = await bugWorld(rng, level, opts, opts.sandbox, { want: 1 }, undefined, {
      minModules: LOCALIZATION_MIN_MODULES,
      sameCategory: true,
      maxBodyLines: 5,
      maxBodyChars: 180,
    });
    if (!world) return null;
    const bug = world.bugs[0];
    const symptom = symptomOf(world, bug, rng);
    // Levels 4–5: half the issues are reported against the repo's public API, a facade whose wrapper calls the
    // function under another name (no other kind draws this, so their tasks are as they were).
    let facade = level >= 4 && rng.chance(FACADE_SHARE) ? facadeFor(world.ex.repo, symptom.fn, rng) : null;
    const style = styleFor(level, rng);
    let issue = issueText(facade ? { ...symptom, fn: facade.alias } : symptom, style, rng);
    // A documentation quote can name the function itself ("Computes a factorial." over `factorial`): no hop then.
    if (facade && new RegExp(String.raw`(?<![\w$])${symptom.fn.replace(/\$/g, '\\$')}(?![\w$])`).test(issue)) {
      facade = null;
      issue = issueText(symptom, style, rng);
    }
    if (issueLeaks(issue, world.ex.sources[bug.file], bug)) return null;
    const visible = visibleTests(world.ex, (i) => !bug.killed.includes(i), level <= 2 ? 2 : 3, rng);
    const sources = {
      ...world.ex.sources,
      [bug.file]: bug.buggySource,
      ...(facade && { [facade.path]: facade.source }),
    };
    // The hop must be readable: a facade the content budget leaves out would make the task a guess.
    if (facade && !shownWithin(sources, Object.keys(sources), CONTENT_BUDGET[level]).includes(facade.path)) return null;
    const task: LocalizationTask = {
      id,
      skill: 'localization',
      level,
      split: opts.split,
      repo: { files: { ...sources, ...visible } },
      issue,
      hidden: { files: [bug.file], mutation: bug.mutation },
      meta: { source: 'procedural', family: world.family, seed: opts.seed, promptChars: 0 },
    };
    return withPromptChars(task, renderPrompt);
  });
}
