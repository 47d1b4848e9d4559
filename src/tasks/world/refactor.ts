// Behaviour-preserving refactors of one function: another equivalent body and/or declaration form and fresh
// local names. Equivalence is checked by running every case, not assumed.
import type { Sandbox } from '../../sandbox/types.ts';
import type { Rng } from '../rng.ts';
import { helpersUsed } from './helpers.ts';
import { probe, sameOutcome } from './probe.ts';
import { renderFunction, type FnForm, type FnStyle } from './render.ts';
import { allModules, type WorldFunction } from './repo.ts';
import type { Executed } from './scenario.ts';

export interface Refactor {
  functionSource: string;
  moduleSource: string;
  style: FnStyle;
}

export async function refactorFunction(
  ex: Executed,
  f: WorldFunction,
  rng: Rng,
  sandbox: Sandbox,
): Promise<Refactor | null> {
  const mod = allModules(ex.repo).find((m) => m.path === f.file)!;
  const bodies = f.family.bodies
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => helpersUsed(b).every((h) => mod.imports.includes(h)));
  const others = bodies.filter(({ i }) => i !== f.style.body);
  const body = others.length > 0 && rng.chance(0.8) ? rng.pick(others).i : f.style.body;
  const forms: FnForm[] = (['decl', 'arrow', 'expr'] as const).filter((x) => x !== f.style.form);
  const avoid = new Set(allModules(ex.repo).flatMap((m) => m.functions.map((g) => g.names.fn)));
  for (let attempt = 0; attempt < 4; attempt++) {
    const style: FnStyle = { ...f.style, body, form: rng.pick(forms) };
    const names = { ...f.names, locals: {} };
    const functionSource = renderFunction(f.family, names, style, rng, ex.repo.helperNames, avoid);
    if (functionSource === f.source) continue;
    const moduleSource = ex.sources[f.file].replace(f.source, () => functionSource);
    const calls = ex.cases.map((c) => ({ module: c.module, fn: c.fn, args: c.args }));
    const result = await probe(sandbox, { ...ex.sources, [f.file]: moduleSource }, calls);
    if (!result.ok) return null;
    if (result.outcomes.some((o, i) => !sameOutcome(o, ex.cases[i].outcome))) {
      throw new Error(
        `family ${f.family.name}: body ${style.body} is not equivalent to body ${f.style.body} (a bug in the family data)`,
      );
    }
    return { functionSource, moduleSource, style };
  }
  return null;
}
