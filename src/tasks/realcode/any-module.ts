// Real-code tasks from any single-file JavaScript module whose exports are pure functions (`realcode --module`):
// discover the exported functions in the sandbox, generate seeded inputs by probing them (README examples are added
// by the builder), and refuse, with the reason named, modules that cannot give trustworthy differential tests.
import type { Sandbox } from '../../sandbox/types.ts';
import { createRng, hashString } from '../rng.ts';
import type { RealPackage } from './packages.ts';
import { probe, sameOutcome } from './probe.ts';
import type { RealSource } from './types.ts';

export type RejectReason =
  | 'imports-other-modules'
  | 'native-code'
  | 'side-effects'
  | 'non-deterministic'
  | 'async'
  | 'throws-on-import'
  | 'no-pure-functions'
  | 'unknown-export';

export class ModuleRejected extends Error {
  override name = 'ModuleRejected';
  constructor(
    readonly reason: RejectReason,
    message: string,
  ) {
    super(`${reason}: ${message}`);
  }
}

export interface ModuleInput {
  /** npm name or file name; used for ids and the family split. */
  name: string;
  file: string;
  source: string;
  version: string;
  license: string;
  readme: string;
  /** Only these exports (default: every exported function). */
  exports?: readonly string[];
}

const STATIC_CHECKS: Array<{ re: RegExp; reason: RejectReason; what: string }> = [
  {
    re: /\brequire\s*\(\s*['"][^'"]+['"]\s*\)|^\s*import\s[^;]*from\s*['"]|^\s*import\s*['"]/m,
    reason: 'imports-other-modules',
    what: 'imports another module (only single-file modules are supported)',
  },
  { re: /\.node['"]|process\.binding|\bWebAssembly\b/, reason: 'native-code', what: 'loads native code' },
  {
    re: /\bMath\.random\b|\bDate\.now\b|\bnew Date\s*\(\s*\)|\bperformance\.now\b|\bcrypto\./,
    reason: 'non-deterministic',
    what: 'reads a clock or a random source',
  },
  {
    // One regex, split at a top-level `|` for line length: the joined source is the same pattern.
    re: new RegExp(
      /\bprocess\.|\bdocument\.|\bwindow\.|\blocalStorage\b|\bfetch\s*\(/.source +
        '|' +
        /\bset(Timeout|Interval)\s*\(|\bconsole\.(log|error|warn)\s*\(/.source,
    ),
    reason: 'side-effects',
    what: 'touches the process, the page, timers, the network or the console',
  },
  {
    re: /\basync\s+(function\b|\(|[A-Za-z_$][\w$]*\s*=>)|\bawait\s|\bnew Promise\b|\.then\s*\(/,
    reason: 'async',
    what: 'is asynchronous (differential tests need plain return values)',
  },
];

const identifier = (name: string): string => {
  const camel = name
    .replace(/^@[^/]+\//, '')
    .replace(/\.[cm]?js$/, '')
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''));
  return /^[A-Za-z_$]/.test(camel) ? camel : `m${camel}`;
};

interface Found {
  name: string;
  arity: number;
  thenable: boolean;
}

/** Runs the module once: its function exports (and a function default's function properties) with their arity. */
async function discover(sandbox: Sandbox, path: string, source: string): Promise<Found[]> {
  const script = `import * as NS from './${path}';
const out = [];
const look = (name, f) => {
  if (typeof f !== 'function') return;
  let thenable = false;
  try { const r = f(); thenable = !!r && typeof r.then === 'function'; } catch (e) {}
  out.push({ name, arity: f.length, thenable });
};
for (const k of Object.keys(NS)) if (k !== 'default') look(k, NS[k]);
const d = NS.default;
if (typeof d === 'function') look('default', d);
if (d && (typeof d === 'function' || typeof d === 'object')) for (const k of Object.keys(d)) look('default.' + k, d[k]);
console.log('__EXPORTS__' + JSON.stringify(out));
`;
  const run = await sandbox.run(
    { [path]: source, '__discover__.js': script },
    { kind: 'script', entry: '__discover__.js' },
    { timeMs: 5_000, outputBytes: 1 << 16 },
  );
  const line = run.output.split('\n').find((l) => l.startsWith('__EXPORTS__'));
  if (run.status !== 'ok' || !line)
    throw new ModuleRejected(
      'throws-on-import',
      `importing it in the sandbox failed (${run.status}${run.message ? `: ${run.message.slice(0, 200)}` : ''})`,
    );
  const all = JSON.parse(line.slice('__EXPORTS__'.length)) as Found[];
  // A named export that is also a property of the default (CommonJS) appears twice: keep the named one.
  const named = new Set(all.filter((f) => !f.name.startsWith('default')).map((f) => f.name));
  return all.filter((f) => !(f.name.startsWith('default.') && named.has(f.name.slice(8))));
}

const VALUES: readonly string[] = [
  '0',
  '1',
  '-1',
  '2',
  '3',
  '7',
  '10',
  '42',
  '100',
  '0.5',
  '-2.5',
  '1000000',
  'NaN',
  "''",
  "'a'",
  "'abc'",
  "'Hello World'",
  "'foo-bar'",
  "'fooBar'",
  "'x_y z'",
  "'42'",
  "' padded '",
  "'ÄÖü'",
  "'\u4e2d'",
  '[]',
  '[1, 2, 3]',
  '[3, 1, 2]',
  "['a', 'b']",
  '{}',
  '{ a: 1 }',
  'true',
  'false',
  'null',
  'undefined',
];

/** How many calls to try per function, and the cap on kept cases per module (as the shipped packages). */
const TRIES_PER_FUNCTION = 60;
const MAX_KEPT = 40;

/**
 * A RealSource for the builder: exports discovered by running the module, inputs generated by probing (seeded:
 * random argument tuples of the function's arity; tuples that throw are kept only as a minority, tuples that give an
 * outcome already seen are dropped), determinism checked by running every call twice, in separate sandboxes and in
 * reverse order.
 */
export async function moduleSource(input: ModuleInput, sandbox: Sandbox, seed: number): Promise<RealSource> {
  for (const c of STATIC_CHECKS)
    if (c.re.test(input.source)) throw new ModuleRejected(c.reason, `${input.name} ${c.what}`);
  const path = 'mod.js';
  const fns = await discover(sandbox, path, input.source);
  const asyncFn = fns.find((f) => f.thenable);
  if (asyncFn) throw new ModuleRejected('async', `${input.name}: ${asyncFn.name} returns a promise`);
  const wanted = input.exports ?? fns.map((f) => f.name);
  for (const w of wanted)
    if (!fns.some((f) => f.name === w))
      throw new ModuleRejected(
        'unknown-export',
        `${input.name} has no exported function '${w}' (found: ${fns.map((f) => f.name).join(', ') || 'none'})`,
      );
  const chosen = fns.filter((f) => wanted.includes(f.name));
  if (chosen.length === 0) throw new ModuleRejected('no-pure-functions', `${input.name} exports no functions`);

  const local = identifier(input.name);
  const callee = (f: Found) =>
    f.name === 'default' ? local : f.name.startsWith('default.') ? `${local}.${f.name.slice(8)}` : f.name;
  const namedImports = chosen.filter((f) => !f.name.startsWith('default')).map((f) => f.name);
  const needsDefault = chosen.some((f) => f.name.startsWith('default'));
  const importLine = `import ${[needsDefault ? local : '', namedImports.length > 0 ? `{ ${namedImports.join(', ')} }` : ''].filter(Boolean).join(', ')} from '{path}';`;

  const rng = createRng(hashString(`${input.name}:inputs:${seed}`));
  const tries: string[] = [];
  for (const f of chosen) {
    const arity = Math.min(3, f.arity);
    for (let t = 0; t < TRIES_PER_FUNCTION; t++)
      tries.push(`${callee(f)}(${Array.from({ length: arity }, () => rng.pick(VALUES)).join(', ')})`);
  }
  const calls = [...new Set(tries)];
  const imp = importLine.replace('{path}', `./${path}`);
  const first = await probe(sandbox, { [path]: input.source }, imp, calls);
  // The second run calls in reverse order: a function that keeps state between calls answers differently.
  const reversed = await probe(sandbox, { [path]: input.source }, imp, [...calls].reverse());
  const second = reversed ? reversed.reverse() : null;
  if (!first || !second)
    throw new ModuleRejected('throws-on-import', `${input.name}: probing its functions failed in the sandbox`);
  const unstable = calls.findIndex((_, i) => !sameOutcome(first[i], second[i]));
  if (unstable >= 0)
    throw new ModuleRejected('non-deterministic', `${input.name}: ${calls[unstable]} gave two different results`);
  const kept: string[] = [];
  const seen = new Set<string>();
  let throws = 0;
  for (const [i, call] of calls.entries()) {
    const o = first[i];
    if (o.kind === 'loop') continue;
    const key = `${call.slice(0, call.indexOf('('))}|${JSON.stringify(o)}`;
    if (o.kind === 'throw' ? throws >= MAX_KEPT / 5 : seen.has(key) && rng.next() < 0.7) continue;
    if (o.kind === 'throw') throws++;
    seen.add(key);
    kept.push(call);
  }
  if (kept.length - throws < 4)
    throw new ModuleRejected(
      'no-pure-functions',
      `${input.name}: fewer than 4 generated calls give a usable, distinct result`,
    );
  const pkg: RealPackage = {
    name: input.name,
    file: input.file,
    importLine,
    callees: chosen.map(callee),
    generate: () => kept.slice(0, MAX_KEPT),
  };
  return { pkg, version: input.version, license: input.license, source: input.source, readme: input.readme };
}
