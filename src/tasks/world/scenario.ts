// Executes a repository's functions to get ground truth, then finds observable bugs: mutants for which at
// least one case changes its result (checked by running the mutant in the sandbox, never assumed).
import type { FileMap, Sandbox } from '../../sandbox/types.ts';
import type { Rng } from '../rng.ts';
import { applyMutation, listMutations, type Mutation } from '../mutate/index.ts';
import { allModules, sourceFiles, type WorldFunction, type WorldRepo } from './repo.ts';
import { guardLoops } from './guard.ts';
import { MUTANT_TIME_MS, probe, sameOutcome, type Outcome, type ProbeCall } from './probe.ts';
import { relativeImport, renderTestFile, type TestCase } from './tests.ts';

export interface CaseRecord extends TestCase {
  module: string;
}

export interface Executed {
  repo: WorldRepo;
  sources: FileMap;
  cases: CaseRecord[];
}

export async function execute(repo: WorldRepo, rng: Rng, sandbox: Sandbox): Promise<Executed | null> {
  const sources = sourceFiles(repo);
  const calls: ProbeCall[] = [];
  for (const mod of allModules(repo)) {
    for (const f of mod.functions) {
      for (const args of f.family.inputs(rng.fork(f.names.fn))) calls.push({ module: mod.path, fn: f.names.fn, args });
    }
  }
  const result = await probe(sandbox, sources, calls);
  if (!result.ok) return null;
  return { repo, sources, cases: calls.map((c, i) => ({ ...c, outcome: result.outcomes[i] })) };
}

export interface Bug {
  mutation: Mutation;
  file: string;
  buggySource: string;
  /** Result of every case on the mutant (same order as Executed.cases). */
  outcomes: Outcome[];
  /** Indices of cases whose result differs from the reference. */
  killed: number[];
}

/** The character range of a function's source inside its module. */
export function functionRange(sources: FileMap, f: WorldFunction): [number, number] {
  const text = sources[f.file];
  const at = text.indexOf(f.source);
  if (at < 0) throw new Error(`function ${f.names.fn} not found in ${f.file}`);
  return [at, at + f.source.length];
}

export interface BugSearch {
  /** How many distinct observable bugs to return (fewer when the function has fewer). */
  want: number;
  /** Fewer than this many and the world is rejected (default: `want`). */
  min?: number;
  /** Only mutations that leave one faulty line (no removed statements). */
  singleLine?: boolean;
  /** Stop after this many sandbox runs. */
  maxTries?: number;
  /** Mutate this text instead of the repo's source of `target.file` (e.g. a refactored module). */
  sourceOverride?: string;
}

/** Observable bugs inside `target`, in a seeded random order. */
export async function findBugs(
  ex: Executed,
  target: WorldFunction,
  rng: Rng,
  sandbox: Sandbox,
  search: BugSearch,
): Promise<Bug[]> {
  const source = search.sourceOverride ?? ex.sources[target.file];
  const sources = { ...ex.sources, [target.file]: source };
  const at = source.indexOf(target.source);
  const range: [number, number] = at >= 0 ? [at, at + target.source.length] : [0, source.length];
  const candidates = rng.shuffle(
    listMutations(source, target.file).filter(
      (m) => m.start >= range[0] && m.end <= range[1] && !(search.singleLine && m.removesCode),
    ),
  );
  const calls: ProbeCall[] = ex.cases.map((c) => ({ module: c.module, fn: c.fn, args: c.args }));
  const bugs: Bug[] = [];
  const seenSignatures = new Set<string>();
  let tries = 0;
  for (const m of candidates) {
    if (bugs.length >= search.want || tries >= (search.maxTries ?? 12)) break;
    // Prefer variety: at most one bug per operator until every operator had a chance.
    if (bugs.some((b) => b.mutation.start === m.start)) continue;
    tries++;
    const buggySource = applyMutation(source, m);
    const result = await probe(
      sandbox,
      { ...sources, [target.file]: guardLoops(buggySource, target.file) },
      calls,
      MUTANT_TIME_MS,
    );
    if (!result.ok) continue; // crashes at load: not a clean, observable bug
    if (result.outcomes.some((o) => 'l' in o)) continue; // loops on some input: its tests would time out
    const killed = result.outcomes.flatMap((o, i) => (sameOutcome(o, ex.cases[i].outcome) ? [] : [i]));
    if (killed.length === 0) continue; // equivalent mutant
    const signature = killed.join(',') + '|' + killed.map((i) => JSON.stringify(result.outcomes[i])).join(',');
    if (seenSignatures.has(signature)) continue; // behaves exactly like a bug we already have
    seenSignatures.add(signature);
    bugs.push({ mutation: m, file: target.file, buggySource, outcomes: result.outcomes, killed });
  }
  return bugs;
}

/** Visible test files: per module, up to `perFunction` cases of each function, drawn from `allowed` case indices. */
export function visibleTests(ex: Executed, allowed: (i: number) => boolean, perFunction: number, rng: Rng): FileMap {
  const out: FileMap = {};
  for (const mod of allModules(ex.repo)) {
    const chosen: TestCase[] = [];
    for (const f of mod.functions) {
      const idx = ex.cases.flatMap((c, i) => (c.module === mod.path && c.fn === f.names.fn && allowed(i) ? [i] : []));
      for (const i of rng
        .shuffle(idx)
        .slice(0, perFunction)
        .sort((a, b) => a - b))
        chosen.push(ex.cases[i]);
    }
    const importPath = relativeImport(mod.testPath, mod.path);
    if (chosen.length > 0) out[mod.testPath] = renderTestFile(importPath, chosen);
    else {
      // Every module keeps its test file; when every case would reveal the bug, it only checks the exports.
      const fns = mod.functions.map((f) => f.names.fn);
      const its = fns
        .map((fn) => `  it('exports ${fn}', () => {\n    expect(typeof ${fn}).toBe('function');\n  });`)
        .join('\n');
      out[mod.testPath] =
        `import { ${fns.join(', ')} } from '${importPath}';\n\ndescribe('${mod.path}', () => {\n${its}\n});\n`;
    }
  }
  return out;
}

/** Hidden test files (every executed case), under a folder the policy never sees. */
export function hiddenTests(ex: Executed, include: (i: number) => boolean = () => true): FileMap {
  const out: FileMap = {};
  for (const mod of allModules(ex.repo)) {
    const chosen = ex.cases.filter((c, i) => c.module === mod.path && include(i));
    if (chosen.length === 0) continue;
    const path = `__hidden__/${mod.testPath.split('/').pop()}`;
    out[path] = renderTestFile(relativeImport(path, mod.path), chosen);
  }
  return out;
}

export function targetFunction(repo: WorldRepo): WorldFunction {
  const f = repo.modules[0].functions.find((fn) => fn.family.name === repo.target);
  if (!f) throw new Error(`target family ${repo.target} missing from ${repo.modules[0].path}`);
  return f;
}
