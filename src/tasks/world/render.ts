// Turns a family into JavaScript source: draws names, fills placeholders, picks a declaration style, adds JSDoc.
import type { Rng } from '../rng.ts';
import { LOCAL_POOLS, type Family } from './family.ts';
import { helpersUsed } from './helpers.ts';

export type FnForm = 'decl' | 'arrow' | 'expr';
export interface FnStyle {
  body: number;
  form: FnForm;
  /** 'summary': a one-line JSDoc (level 1, where prompts must stay short); otherwise @param/@returns too. */
  doc?: 'summary';
}

/** The names a function instance uses; kept so the same function can be re-rendered in another style. */
export interface FnNames {
  fn: string;
  params: string[];
  locals: Record<string, string>;
}

const RESERVED = new Set([
  'length',
  'name',
  'arguments',
  'eval',
  'Number',
  'String',
  'Math',
  'Object',
  'Array',
  'Set',
  'Map',
  'JSON',
]);

export function drawNames(family: Family, rng: Rng, taken: ReadonlySet<string>): FnNames {
  const free = family.names.filter((n) => !taken.has(n));
  const fn = free.length > 0 ? rng.pick(free) : `${family.names[0]}${taken.size}`;
  const used = new Set<string>([...taken, fn]);
  const params = family.params.map((p, i) => {
    const options = p.names.filter((n) => !used.has(n) && !RESERVED.has(n));
    const name = options.length > 0 ? rng.pick(options) : `arg${i}`;
    used.add(name);
    return name;
  });
  return { fn, params, locals: {} };
}

function localName(names: FnNames, role: string, rng: Rng, avoid: ReadonlySet<string>): string {
  const have = names.locals[role];
  if (have) return have;
  const used = new Set<string>([...avoid, names.fn, ...names.params, ...Object.values(names.locals)]);
  const pool = (LOCAL_POOLS[role] ?? [role]).filter((n) => !used.has(n) && !RESERVED.has(n));
  let name = pool.length > 0 ? rng.pick(pool) : `${role}_`;
  for (let k = 2; used.has(name); k++) name = `${role}${k}`;
  names.locals[role] = name;
  return name;
}

/** Fills $i, @role and #helper placeholders. Local names are drawn on first use and recorded in `names`. */
export function fillBody(
  body: string,
  names: FnNames,
  rng: Rng,
  helperNames: Record<string, string>,
  avoid: ReadonlySet<string>,
): string {
  return body
    .replace(/\$(\d)/g, (_, i: string) => names.params[Number(i)])
    .replace(/@([A-Za-z]\w*)/g, (whole, role: string) =>
      role in LOCAL_POOLS ? localName(names, role, rng, avoid) : whole,
    )
    .replace(/#([A-Za-z]\w*)/g, (whole, h: string) => helperNames[h] ?? whole);
}

export function jsDoc(family: Family, names: FnNames, summaryOnly = false): string {
  if (summaryOnly) return `/** ${family.summary} */`;
  const lines = ['/**', ` * ${family.summary}`];
  family.params.forEach((p, i) => lines.push(` * @param {${p.type}} ${names.params[i]} - ${p.doc}`));
  lines.push(` * @returns {${family.returns.type}} ${family.returns.doc}`, ' */');
  return lines.join('\n');
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => (l.length > 0 ? `  ${l}` : l))
    .join('\n');

/** Source of one exported function with its JSDoc. */
export function renderFunction(
  family: Family,
  names: FnNames,
  style: FnStyle,
  rng: Rng,
  helperNames: Record<string, string>,
  avoid: ReadonlySet<string>,
): string {
  const body = fillBody(family.bodies[style.body], names, rng, helperNames, avoid);
  const params = names.params.join(', ');
  let code: string;
  const single = /^return ([^\n]*);$/.exec(body);
  if (style.form === 'expr' && single) code = `export const ${names.fn} = (${params}) => ${single[1]};`;
  else if (style.form === 'decl') code = `export function ${names.fn}(${params}) {\n${indent(body)}\n}`;
  else code = `export const ${names.fn} = (${params}) => {\n${indent(body)}\n};`;
  return `${jsDoc(family, names, style.doc === 'summary')}\n${code}`;
}

/** Bodies of a family usable here (helper bodies only when a util module exists). */
export function usableBodies(family: Family, allowHelpers: boolean): number[] {
  const out: number[] = [];
  family.bodies.forEach((b, i) => {
    if (allowHelpers || helpersUsed(b).length === 0) out.push(i);
  });
  return out;
}

export function drawStyle(family: Family, rng: Rng, allowHelpers: boolean, preferHelpers: boolean): FnStyle {
  const usable = usableBodies(family, allowHelpers);
  const withHelpers = usable.filter((i) => helpersUsed(family.bodies[i]).length > 0);
  const body = preferHelpers && withHelpers.length > 0 ? rng.pick(withHelpers) : rng.pick(usable);
  const single = /^return [^\n]*;$/.test(family.bodies[body]);
  const forms: FnForm[] = single ? ['decl', 'arrow', 'expr'] : ['decl', 'decl', 'arrow'];
  return { body, form: rng.pick(forms) };
}
