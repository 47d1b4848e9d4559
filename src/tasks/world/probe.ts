// Runs functions of a repo on argument lists inside the sandbox and reads back their results, so that
// expected values in tests come from executing the reference code, not from hand-typed answers.
import type { FileMap, Sandbox } from '../../sandbox/types.ts';

/** A result as JSON: a value, undefined, a number or bigint JSON cannot carry (as its literal), a value no literal
 * can write (a function or a symbol: a mutant can return one), "threw" or "looped". */
export type Outcome = { v: unknown } | { u: 1 } | { n: string } | { f: 'function' | 'symbol' } | { t: 1 } | { l: 1 };

export interface ProbeCall {
  /** Module path inside the repo, e.g. "src/strings.js". */
  module: string;
  fn: string;
  args: unknown[];
}

const MARK = '__PROBE__';
export const PROBE_PATH = '__probe__.js';
/** Mutants are probed with loop guards (guard.ts); this wall-clock budget is only a fallback. */
export const MUTANT_TIME_MS = 5_000;
export const PROBE_LIMITS = { timeMs: 5_000, memoryBytes: 64 * 2 ** 20, outputBytes: 4 * 2 ** 20 };

function probeScript(calls: readonly ProbeCall[]): string {
  const modules = [...new Set(calls.map((c) => c.module))];
  const imports = modules.map((m, i) => `import * as m${i} from './${m}';`).join('\n');
  const list = calls
    .map((c) => {
      const args = c.args.map((a) => JSON.stringify(a)).join(', ');
      return `[m${modules.indexOf(c.module)}, ${JSON.stringify(c.fn)}, () => [${args}]]`;
    })
    .join(',\n');
  return `${imports}
const enc = (v) => {
  if (v === undefined) return { u: 1 };
  if (Object.is(v, -0)) return { n: '-0' };
  if (typeof v === 'number' && !Number.isFinite(v)) return { n: String(v) };
  if (typeof v === 'bigint') return { n: v + 'n' };
  // JSON.stringify drops these (an outcome would read as {}): keep that something came back, and what.
  if (typeof v === 'function' || typeof v === 'symbol') return { f: typeof v };
  return { v };
};
const calls = [
${list}
];
const out = [];
for (const [m, f, args] of calls) {
  globalThis.__loopGuard = 0;
  try {
    out.push(enc(m[f](...args())));
  } catch (e) {
    out.push(e instanceof Error && e.message === '__LOOP_GUARD__' ? { l: 1 } : { t: 1 });
  }
}
console.log(${JSON.stringify(MARK)} + JSON.stringify(out));
`;
}

export type ProbeResult = { ok: true; outcomes: Outcome[] } | { ok: false; status: string; message: string };

/** One sandbox run for all calls. A mutant that loops or fails to load gives ok: false. */
export async function probe(
  sandbox: Sandbox,
  files: FileMap,
  calls: readonly ProbeCall[],
  timeMs = PROBE_LIMITS.timeMs,
): Promise<ProbeResult> {
  const run = await sandbox.run(
    { ...files, [PROBE_PATH]: probeScript(calls) },
    { kind: 'script', entry: PROBE_PATH },
    { ...PROBE_LIMITS, timeMs },
  );
  const at = run.output.lastIndexOf(MARK);
  if (run.status !== 'ok' || at < 0)
    return { ok: false, status: run.status, message: run.message ?? run.output.slice(-300) };
  const line = run.output.slice(at + MARK.length).split('\n')[0];
  const outcomes = JSON.parse(line) as Outcome[];
  if (outcomes.length !== calls.length)
    return { ok: false, status: 'probe-mismatch', message: `got ${outcomes.length} results for ${calls.length} calls` };
  return { ok: true, outcomes };
}

export function sameOutcome(a: Outcome, b: Outcome): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A JavaScript literal for an outcome's value (for test files and issue texts). */
export function outcomeLiteral(o: Outcome): string {
  if ('t' in o) return 'an exception';
  if ('l' in o) return 'no result (it loops)';
  if ('u' in o) return 'undefined';
  if ('n' in o) return o.n;
  if ('f' in o) return `[${o.f}]`;
  return JSON.stringify(o.v);
}
