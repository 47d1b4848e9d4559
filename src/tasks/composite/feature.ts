// Feature implementation from a spec: a bank function is left as a stub with its JSDoc and examples; the policy
// implements it; hidden tests (examples plus edge cases) judge.
import type { FileMap } from '../../sandbox/types.ts';
import { applyMutation } from '../mutate/index.ts';
import { BANK } from './bank.ts';
import { modulePath, renderModule, renderTestFile, testPath, jsdoc } from './bank-render.ts';
import { THROWS } from './bank-types.ts';
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
  hiddenTestsObserving,
  renderHiddenTests,
  renderSources,
  renderVisibleTests,
  trimForLevel,
} from './layout.ts';

export const FEATURE_FAMILIES = BANK.map((m) => m.family);
export const STUB_BODY = "  throw new Error('not implemented');";

async function build(ctx: BuildContext): Promise<CompositeDraft | null> {
  const family = BANK.find((m) => m.family === ctx.family);
  if (!family) throw new Error(`feature: unknown family ${ctx.family}`);
  if (ctx.level === 1 && family.dependsOn) return null;
  const spec = ctx.rng.pick(family.functions);
  const target = trimForLevel(family, spec.name, ctx.level);
  const mods = chooseModules(target, ctx.level, ctx.rng);
  const reference = renderSources(mods);
  const path = modulePath(target);
  const stubbed = renderModule(target, { [spec.name]: STUB_BODY });
  // Visible tests leave the new function out (its tests would only fail); the hidden ones cover it fully.
  const others = target.functions.filter((f) => f.name !== spec.name).map((f) => f.name);
  const visible: FileMap = renderVisibleTests(mods.filter((m) => m !== target));
  if (others.length > 0) visible[testPath(target)] = renderTestFile(target, 'visible', others);
  const repo: FileMap = { ...reference, [path]: stubbed, ...visible };
  const hiddenTests = renderHiddenTests(mods);
  const done: FileMap = { ...repo, [path]: reference[path] };

  const wrong = await observableMutations(reference, hiddenTestsObserving(mods, target), path, spec.name, ctx, 1);
  const negatives = [commentOnlyAnswer(repo, path)];
  if (wrong.length > 0)
    negatives.push(answerBetween(repo, { ...repo, [path]: applyMutation(reference[path], wrong[0].mutation) }));
  // Hard-coding the first documented example passes that example and nothing else.
  const firstExpected = spec.examples[0][1];
  const hardCoded = firstExpected === THROWS ? "  throw new Error('example');" : `  return ${firstExpected};`;
  negatives.push(answerBetween(repo, { ...repo, [path]: renderModule(target, { [spec.name]: hardCoded }) }));

  const where = ctx.level >= 3 ? `in ${path} (the stub that throws 'not implemented')` : `in ${path}`;
  const examples =
    ctx.level <= 4
      ? spec.examples
          .map(([call, expected]) => (expected === THROWS ? `  ${call} // throws` : `  ${call} // → ${expected}`))
          .join('\n')
      : '';
  const statement = [
    `Implement \`${spec.name}(${spec.params})\` ${where}.`,
    ctx.level <= 4 ? `Spec:\n${jsdoc(spec, false)}` : `Spec: ${spec.doc}`,
    examples ? `Examples:\n${examples}` : '',
    ctx.level >= 4 ? 'Edge cases (empty input, bounds, invalid arguments) are part of the spec.' : '',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    files: repo,
    statement,
    hidden: {
      tests: hiddenTests,
      oracle: answerBetween(repo, done),
      negatives,
      changedFiles: [path],
      note: `implement ${spec.name} (${family.family})`,
    },
  };
}

export const generateFeature = compositeGenerator('feature', FEATURE_FAMILIES, build);
