// Bug fixing: an issue in words → a patch, judged by hidden tests. The bug is an AST mutation of a bank function,
// kept only when running the hidden tests shows it (some test fails on the mutant and all pass on the original).
import type { FileMap, Sandbox } from '../../sandbox/types.ts';
import { applyMutation, listMutations, type Mutation } from '../mutate/index.ts';
import { guardLoops, LOOP_MARKER } from '../world/guard.ts';
import type { Level } from '../types.ts';
import { BANK, bankModule } from './bank.ts';
import { modulePath, testPath } from './bank-render.ts';
import { THROWS, type BankModule, type Case } from './bank-types.ts';
import {
  answerBetween,
  commentOnlyAnswer,
  compositeGenerator,
  type BuildContext,
  type CompositeDraft,
} from './generator.ts';
import {
  chooseModules,
  hiddenTestsObserving,
  renderHiddenTests,
  renderSources,
  renderVisibleTests,
  trimForLevel,
} from './layout.ts';
import { PROBE_LIMITS } from './judge.ts';

export const BUG_FIXING_FAMILIES = BANK.map((m) => m.family);

interface Observed {
  mutation: Mutation;
  failing: Array<{ file: string; name: string; message: string }>;
}

/**
 * Mutations inside function `fn` of `path` that make at least one hidden test fail, in seeded order (at most `want`).
 */
export async function observableMutations(
  files: FileMap,
  hiddenTests: FileMap,
  path: string,
  fn: string,
  ctx: { rng: BuildContext['rng']; sandbox: Sandbox },
  want: number,
): Promise<Observed[]> {
  const source = files[path];
  const start = source.indexOf(`export function ${fn}(`);
  const end = source.indexOf('\n}', start);
  const sites = ctx.rng.shuffle(listMutations(source, path).filter((m) => m.start > start && m.end <= end));
  const found: Observed[] = [];
  for (const m of sites.slice(0, 10)) {
    if (found.length >= want) break;
    if (found.some((f) => f.mutation.line === m.line)) continue;
    // Loop guards make a looping mutant throw a marker after a fixed iteration count: it is recognised by its
    // behaviour, not by a wall-clock limit that depends on how busy the machine is.
    const guarded = `globalThis.__loopGuard = globalThis.__loopGuard || 0;\n${guardLoops(applyMutation(source, m), path)}`;
    const run = await ctx.sandbox.run(
      { ...files, [path]: guarded, ...hiddenTests },
      { kind: 'tests', files: Object.keys(hiddenTests).sort() },
      PROBE_LIMITS,
    );
    if (run.status !== 'ok') continue; // a mutant that fails to load makes a poor issue
    const failing = run.tests
      .filter((t) => t.status !== 'passed')
      .map((t) => ({ file: t.file, name: t.name, message: t.message ?? t.status }));
    if (failing.some((f) => f.message.includes(LOOP_MARKER))) continue; // its tests would time out
    if (failing.length > 0) found.push({ mutation: m, failing });
  }
  return found;
}

function caseOf(mods: readonly BankModule[], testName: string): { fn: string; c: Case } | null {
  for (const m of mods) {
    for (const f of m.functions) {
      for (const c of [...f.examples, ...f.hidden]) {
        const title = c[1] === THROWS ? `${c[0]} throws` : `${c[0]} returns ${c[1]}`;
        if (testName.endsWith(title)) return { fn: f.name, c };
      }
    }
  }
  return null;
}

/** The issue text, by level: a literal failing example, then a symptom, then a vague user report. Never the fix. */
export function issueText(level: Level, fn: string, file: string, c: Case, message: string): string {
  const [call, expected] = c;
  const wants = expected === THROWS ? 'to throw' : `to return ${expected}`;
  if (level <= 2) return `\`${call}\` is wrong: I expected it ${wants}.\nThe failing check says: ${message}`;
  if (level === 3)
    return `${fn} in ${file} gives a wrong result.\nRepro: \`${call}\` — expected it ${wants}, but it does not (${message}).`;
  if (level === 4)
    return `Since the last change ${fn} misbehaves for some inputs. One case we saw: \`${call}\` (expected it ${wants}).`;
  return `A user reports that results involving ${fn} "look off" for some inputs and asks us to investigate. No more details were given.`;
}

async function build(ctx: BuildContext): Promise<CompositeDraft | null> {
  const family = BANK.find((m) => m.family === ctx.family);
  if (!family) throw new Error(`bug-fixing: unknown family ${ctx.family}`);
  if (ctx.level === 1 && family.dependsOn) return null; // level 1 is a single file
  const fn = ctx.rng.pick(family.functions).name;
  const target = trimForLevel(family, fn, ctx.level);
  const mods = chooseModules(target, ctx.level, ctx.rng);
  const sources = renderSources(mods);
  const hiddenTests = renderHiddenTests(mods);
  // From level 4 the bug may sit in a dependency while the symptom shows in the target's tests.
  const deps = (family.dependsOn ?? []).map(bankModule);
  const buggyMod = ctx.level >= 4 && deps.length > 0 && ctx.rng.chance(0.5) ? ctx.rng.pick(deps) : target;
  const buggyFn = buggyMod === target ? fn : ctx.rng.pick(buggyMod.functions).name;
  const path = modulePath(buggyMod);
  const observed = await observableMutations(sources, hiddenTestsObserving(mods, buggyMod), path, buggyFn, ctx, 2);
  if (observed.length === 0) return null;
  const [bug, other] = observed;
  const buggy: FileMap = {
    ...sources,
    [path]: applyMutation(sources[path], bug.mutation),
    ...renderVisibleTests(mods),
  };
  const preferred = bug.failing.find((f) => f.file === testPath(target, true)) ?? bug.failing[0];
  const found = caseOf(mods, preferred.name);
  if (!found) return null;
  const statement = issueText(
    ctx.level,
    found.fn,
    modulePath(mods.find((m) => m.functions.some((f) => f.name === found.fn)) ?? target),
    found.c,
    preferred.message,
  );
  const fixed: FileMap = { ...buggy, [path]: sources[path] };
  const negatives = [commentOnlyAnswer(buggy, path)];
  if (other) negatives.push(answerBetween(buggy, { ...fixed, [path]: applyMutation(sources[path], other.mutation) }));
  // Editing the visible test to expect the buggy behaviour gains nothing: tests are restored before judging.
  const visible = testPath(target);
  negatives.push(
    answerBetween(buggy, { ...buggy, [visible]: `${buggy[visible]}\n// the failing case is expected behaviour\n` }),
  );
  return {
    files: buggy,
    statement,
    hidden: {
      tests: hiddenTests,
      oracle: answerBetween(buggy, fixed),
      negatives,
      changedFiles: [path],
      note: bug.mutation.description,
    },
  };
}

export const generateBugFixing = compositeGenerator('bug-fixing', BUG_FIXING_FAMILIES, build);
