// Differential testing: run call expressions against a module in the sandbox and record each outcome, so that
// expected values always come from the original module running in the same engine that judges answers.
import type { FileMap, Sandbox } from '../../sandbox/types.ts';
import { LOOP_MARKER } from '../world/guard.ts';

/** A result: a primitive (numbers as text, to keep NaN, -0 and Infinity; a bigint as its literal), JSON for
 * objects, a value no literal can write (a function or a symbol: real code returns closures), a throw or a loop. */
export type Outcome =
  | { kind: 'value'; type: 'number' | 'bigint' | 'string' | 'boolean' | 'undefined' | 'null'; text: string }
  | { kind: 'json'; text: string }
  | { kind: 'opaque'; type: 'function' | 'symbol' }
  | { kind: 'throw' }
  | { kind: 'loop' };

export const PROBE_ENTRY = '__probe__.js';

/** The probe script: imports the module the way a test does, calls each expression, prints encoded outcomes. */
export function probeScript(importLine: string, calls: readonly string[]): string {
  const thunks = calls.map((c) => `  () => ${c},`).join('\n');
  return `globalThis.__loopGuard = 0;
${importLine}
const calls = [
${thunks}
];
const encode = (v) => {
  if (v === null) return { kind: 'value', type: 'null', text: 'null' };
  const t = typeof v;
  if (t === 'number') return { kind: 'value', type: 'number', text: Object.is(v, -0) ? '-0' : String(v) };
  if (t === 'string' || t === 'boolean' || t === 'undefined') return { kind: 'value', type: t, text: String(v) };
  if (t === 'bigint') return { kind: 'value', type: t, text: v + 'n' };
  if (t === 'function' || t === 'symbol') return { kind: 'opaque', type: t };
  return { kind: 'json', text: JSON.stringify(v) };
};
const out = [];
for (const f of calls) {
  globalThis.__loopGuard = 0;
  try { out.push(encode(f())); } catch (e) { out.push(e && e.message === ${JSON.stringify(LOOP_MARKER)} ? { kind: 'loop' } : { kind: 'throw' }); }
}
console.log('__PROBE__' + JSON.stringify(out));
`;
}

export async function probe(
  sandbox: Sandbox,
  files: FileMap,
  importLine: string,
  calls: readonly string[],
  timeMs = 5_000,
): Promise<Outcome[] | null> {
  const run = await sandbox.run(
    { ...files, [PROBE_ENTRY]: probeScript(importLine, calls) },
    { kind: 'script', entry: PROBE_ENTRY },
    { timeMs, outputBytes: 1 << 20 },
  );
  if (run.status !== 'ok') return null;
  const line = run.output.split('\n').find((l) => l.startsWith('__PROBE__'));
  if (!line) return null;
  const outcomes = JSON.parse(line.slice('__PROBE__'.length)) as Outcome[];
  return outcomes.length === calls.length ? outcomes : null;
}

export const sameOutcome = (a: Outcome, b: Outcome): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The expected value as JS source, and the matcher that compares it. */
export function assertion(call: string, o: Outcome): string {
  if (o.kind === 'loop') throw new Error(`${call} loops: such cases are never turned into tests`);
  if (o.kind === 'throw') return `expect(() => ${call}).toThrow();`;
  if (o.kind === 'json') return `expect(${call}).toEqual(${o.text});`;
  if (o.kind === 'opaque') return `expect(typeof (${call})).toBe('${o.type}');`;
  const literal = o.type === 'string' ? JSON.stringify(o.text) : o.text;
  return `expect(${call}).toBe(${literal});`;
}

export function describeOutcome(o: Outcome): string {
  if (o.kind === 'loop') return 'never returns';
  if (o.kind === 'throw') return 'throws';
  if (o.kind === 'json') return `returns ${o.text}`;
  if (o.kind === 'opaque') return `returns a ${o.type}`;
  return `returns ${o.type === 'string' ? JSON.stringify(o.text) : o.text}`;
}

/** A test file: one test per call, named by the call and its expected outcome. */
export function renderDifferentialTests(
  title: string,
  importLine: string,
  cases: ReadonlyArray<{ call: string; outcome: Outcome }>,
): string {
  const tests = cases.map(({ call, outcome }) => {
    const name = JSON.stringify(`${call} ${describeOutcome(outcome)}`);
    return `  test(${name}, () => {\n    ${assertion(call, outcome)}\n  });`;
  });
  return `${importLine}\n\ndescribe(${JSON.stringify(title)}, () => {\n${tests.join('\n')}\n});\n`;
}
