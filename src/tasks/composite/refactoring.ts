// Refactoring: behaviour preserved (all tests, hidden ones included) plus a structural goal checked on the AST:
// rename a function across files, extract duplicated code into a named function, or name a magic constant.
import type { FileMap } from '../../sandbox/types.ts';
import { applyMutation } from '../mutate/index.ts';
import { BANK, withDependencies } from './bank.ts';
import { modulePath } from './bank-render.ts';
import type { BankModule } from './bank-types.ts';
import { observableMutations } from './bug-fixing.ts';
import {
  answerBetween,
  commentOnlyAnswer,
  compositeGenerator,
  type BuildContext,
  type CompositeDraft,
} from './generator.ts';
import {
  chooseModules,
  fillerModules,
  hiddenTestsObserving,
  renderHiddenTests,
  renderSources,
  renderVisibleTests,
  trimForLevel,
} from './layout.ts';
import { REFACTOR_TEMPLATES, type RefactorTemplate } from './refactor-templates.ts';
import { renameIdentifier } from './rename.ts';
import { isTestFile, type StructuralGoal } from './structure.ts';

export const REFACTORING_FAMILIES = [
  ...BANK.map((m) => `rename-${m.family}`),
  ...REFACTOR_TEMPLATES.map((t) => t.family),
];

const PREFIXES = ['compute', 'get', 'make', 'to'];

function renameAll(files: FileMap, from: string, to: string): FileMap {
  return Object.fromEntries(
    Object.entries(files).map(([p, text]) => [p, /\.js$/.test(p) ? renameIdentifier(text, p, from, to) : text]),
  );
}

async function buildRename(ctx: BuildContext, family: BankModule): Promise<CompositeDraft | null> {
  if (ctx.level === 1 && family.dependsOn) return null;
  // Prefer functions that other modules import, so the rename crosses files.
  const users = BANK.filter((m) => m.dependsOn?.includes(family.file));
  const fn = ctx.rng.pick(family.functions).name;
  const to = `${ctx.rng.pick(PREFIXES)}${fn[0].toUpperCase()}${fn.slice(1)}`;
  const target = trimForLevel(family, fn, ctx.level);
  const base = chooseModules(target, ctx.level, ctx.rng);
  const mods =
    ctx.level >= 3 && users.length > 0
      ? [
          ...base,
          ...users
            .flatMap(withDependencies)
            .filter((u, i, all) => !base.includes(u) && all.indexOf(u) === i && u.file !== family.file),
        ]
      : base;
  const repo: FileMap = { ...renderSources(mods), ...renderVisibleTests(mods) };
  const renamed = renameAll(repo, fn, to);
  const hiddenTests = renameAll(renderHiddenTests(mods), fn, to);
  const path = modulePath(target);
  const goal: StructuralGoal = { kind: 'rename', from: fn, to };
  const negatives = [commentOnlyAnswer(repo, path)];
  // Modules (other than the target) whose source the rename changes: they use the function (AST-based).
  const importers = mods.filter((m) => m !== target && renamed[modulePath(m)] !== repo[modulePath(m)]);
  if (importers.length > 0)
    negatives.push(answerBetween(repo, { ...repo, [path]: renamed[path] })); // declaration only
  else negatives.push(answerBetween(repo, renameAll(repo, fn, `${to}s`))); // a different name
  const broken = await observableMutations(repo, hiddenTestsObserving(mods, target), path, fn, ctx, 1);
  if (broken.length > 0)
    negatives.push(
      answerBetween(repo, renameAll({ ...repo, [path]: applyMutation(repo[path], broken[0].mutation) }, fn, to)),
    );
  const where = ctx.level <= 2 ? ` It is declared in ${path}.` : '';
  return {
    files: repo,
    statement: `Rename the function ${fn} to ${to} everywhere it is declared or used, test files included.${where}`,
    goal,
    hidden: {
      tests: hiddenTests,
      oracle: answerBetween(repo, renamed),
      negatives,
      changedFiles: Object.keys(repo)
        .filter((p) => !isTestFile(p) && renamed[p] !== repo[p])
        .sort(),
      note: `rename ${fn} → ${to}`,
    },
  };
}

function templateTests(t: RefactorTemplate, body: string): string {
  return `import { ${t.exports.join(', ')} } from '../src/${t.file}.js';\n\ndescribe(${JSON.stringify(t.file)}, () => {\n${body}\n});\n`;
}

function buildTemplate(ctx: BuildContext, t: RefactorTemplate): CompositeDraft {
  const name = ctx.rng.pick(t.names);
  const path = `src/${t.file}.js`;
  const fillers = ctx.level >= 3 ? fillerModules(ctx.level, ctx.rng) : [];
  const repo: FileMap = {
    ...renderSources(fillers),
    ...renderVisibleTests(fillers),
    [path]: t.before,
    [`test/${t.file}.test.js`]: templateTests(t, t.visibleTests),
  };
  const hiddenTests: FileMap = {
    ...renderHiddenTests(fillers),
    [`test/${t.file}.hidden.test.js`]: templateTests(t, `${t.visibleTests}\n${t.hiddenTests}`),
  };
  const goal: StructuralGoal =
    t.kind === 'extract-function'
      ? { kind: 'extract-function', file: path, name, duplicated: t.duplicated, minCalls: 2 }
      : { kind: 'named-constant', file: path, name, value: t.value ?? 0 };
  const statement =
    t.kind === 'extract-function'
      ? `The same code is written out twice${ctx.level <= 3 ? ` in ${path}` : ''}. Extract it into a function named ${name} and use it in both places.`
      : `The literal ${t.value} is repeated${ctx.level <= 3 ? ` in ${path}` : ''}. Give it a name: a top-level constant ${name}.`;
  return {
    files: repo,
    statement,
    goal,
    hidden: {
      tests: hiddenTests,
      oracle: answerBetween(repo, { ...repo, [path]: t.after(name) }),
      negatives: [
        commentOnlyAnswer(repo, path),
        answerBetween(repo, { ...repo, [path]: t.afterWrong(name) }),
        answerBetween(repo, { ...repo, [path]: t.afterHalf(name) }),
      ],
      changedFiles: [path],
      note: `${t.kind} ${name} (${t.family})`,
    },
  };
}

async function build(ctx: BuildContext): Promise<CompositeDraft | null> {
  const template = REFACTOR_TEMPLATES.find((t) => t.family === ctx.family);
  if (template) return buildTemplate(ctx, template);
  const family = BANK.find((m) => `rename-${m.family}` === ctx.family);
  if (!family) throw new Error(`refactoring: unknown family ${ctx.family}`);
  return buildRename(ctx, family);
}

export const generateRefactoring = compositeGenerator('refactoring', REFACTORING_FAMILIES, build);
