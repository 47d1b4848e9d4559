// Probing real modules: documented + generated cases with outcomes from the original, then observable mutants.
import type { Sandbox } from '../../sandbox/types.ts';
import { applyMutation, listMutations } from '../mutate/index.ts';
import { guardLoops } from '../world/guard.ts';
import { createRng, hashString } from '../rng.ts';
import { probe, sameOutcome } from './probe.ts';
import { readmeExamples } from './readme.ts';
import type { ProbedModule, RealBug, RealSource } from './types.ts';

export const modulePathOf = (real: RealSource): string => `lib/${real.pkg.name}/${real.pkg.file}`;
export const testPathOf = (real: RealSource, hidden = false): string =>
  `test/${real.pkg.name}${hidden ? '.hidden' : ''}.test.js`;
export const importFor = (real: RealSource, from: string): string => real.pkg.importLine.replace('{path}', from);

/** Cases per module: the README examples first, then generated ones; bounded so a judge run stays quick. */
export const MAX_CASES = 40;

export async function probeModule(real: RealSource, sandbox: Sandbox, seed: number): Promise<ProbedModule> {
  const path = modulePathOf(real);
  const documented = readmeExamples(real.readme, real.pkg.callees);
  const generated = real.pkg
    .generate(createRng(hashString(`${real.pkg.name}:${seed}`)))
    .filter((c) => !documented.includes(c));
  const calls = [...documented, ...new Set(generated)].slice(0, MAX_CASES);
  const outcomes = await probe(sandbox, { [path]: real.source }, importFor(real, `./${path}`), calls);
  if (!outcomes) throw new Error(`real-code: ${real.pkg.name}@${real.version} did not run in the sandbox`);
  return {
    real,
    path,
    testImport: importFor(real, `../${path}`),
    cases: calls.map((call, i) => ({ call, outcome: outcomes[i], documented: i < documented.length })),
  };
}

/**
 * Up to `want` observable bugs, each a mutation on its own line, in seeded order. A mutant is kept when it runs
 * to the end and changes at least one case but not all of them (a module that breaks everywhere is no puzzle).
 */
export async function findRealBugs(
  mod: ProbedModule,
  sandbox: Sandbox,
  seed: number,
  want: number,
  maxTries = 30,
): Promise<RealBug[]> {
  const rng = createRng(hashString(`${mod.real.pkg.name}:bugs:${seed}`));
  const candidates = rng.shuffle(
    listMutations(mod.real.source, mod.path).filter((m) => !m.removesCode || rng.next() < 0.3),
  );
  const calls = mod.cases.map((c) => c.call);
  const bugs: RealBug[] = [];
  let tries = 0;
  for (const m of candidates) {
    if (bugs.length >= want || tries >= maxTries) break;
    if (bugs.some((b) => b.mutation.line === m.line || b.mutation.operator === m.operator)) continue;
    tries++;
    const buggySource = applyMutation(mod.real.source, m);
    // Probed with loop guards: a mutant that loops is recognised by behaviour, not by a load-dependent clock.
    const outcomes = await probe(
      sandbox,
      { [mod.path]: guardLoops(buggySource, mod.path) },
      importFor(mod.real, `./${mod.path}`),
      calls,
    );
    if (!outcomes || outcomes.some((o) => o.kind === 'loop')) continue;
    const killed = outcomes.flatMap((o, i) => (sameOutcome(o, mod.cases[i].outcome) ? [] : [i]));
    if (killed.length === 0 || killed.length === calls.length) continue;
    bugs.push({ module: mod, mutation: m, buggySource, outcomes, killed });
  }
  return bugs;
}
