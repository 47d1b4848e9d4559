// Kernel bindings declared once, in TypeScript, and checked against the WGSL when the kernel loads.
// A declaration is an object literal whose key order is the binding order: { params: 'uniform', x: 'read',
// y: 'write' } means @binding(0) params (var<uniform>), @binding(1) x (var<storage, read>), @binding(2) y
// (var<storage, read_write>). The check reads the WGSL's `@group(0) @binding(i) var<…> name` declarations,
// keeps those the entry point statically uses (WebGPU's layout: 'auto' contains exactly those), and
// requires the same names, order and access — so a TypeScript/WGSL mismatch is a load-time error naming
// both sides, never a silently swapped buffer. (onnxruntime-web generates the declarations from its list
// instead; our WGSL files share binding slots between entry points, so here the list checks them.)

/** 'read' = var<storage, read>, 'write' = var<storage, read_write>. */
export type Access = 'uniform' | 'read' | 'write';
export type BindingDecls = Readonly<Record<string, Access>>;

export interface WgslBinding {
  group: number;
  binding: number;
  name: string;
  access: Access;
  /** 1-based line in the checked source (prelude included). */
  line: number;
}

const stripComments = (code: string) =>
  code.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/\/\/[^\n]*/g, '');

const lineOf = (code: string, index: number) => code.slice(0, index).split('\n').length;

/** Every module-scope resource declaration (`@group(g) @binding(b) var<space[, access]> name`). */
export function parseWgslBindings(source: string): WgslBinding[] {
  const code = stripComments(source);
  const out: WgslBinding[] = [];
  const decl = /((?:@\s*\w+\s*\(\s*\d+\s*\)\s*)+)var\s*<\s*(\w+)\s*(?:,\s*(\w+)\s*)?>\s*(\w+)/g;
  for (const m of code.matchAll(decl)) {
    const group = /@\s*group\s*\(\s*(\d+)\s*\)/.exec(m[1]);
    const binding = /@\s*binding\s*\(\s*(\d+)\s*\)/.exec(m[1]);
    if (!group || !binding) continue;
    const [space, mode = 'read'] = [m[2], m[3]];
    const access: Access = space === 'uniform' ? 'uniform' : mode === 'read_write' ? 'write' : 'read';
    out.push({ group: Number(group[1]), binding: Number(binding[1]), name: m[4], access, line: lineOf(code, m.index) });
  }
  return out;
}

interface FnInfo {
  /** Identifiers the function refers to (not member names after '.', not its own locals and parameters). */
  refs: Set<string>;
}

/** Top-level functions and the identifiers each one uses. */
function functions(code: string): Map<string, FnInfo> {
  const out = new Map<string, FnInfo>();
  for (const m of code.matchAll(/\bfn\s+(\w+)\s*\(/g)) {
    const open = code.indexOf('{', m.index);
    if (open < 0) continue;
    let depth = 0;
    let end = open;
    for (; end < code.length; end++) {
      if (code[end] === '{') depth++;
      else if (code[end] === '}' && --depth === 0) break;
    }
    const text = code.slice(m.index + m[0].length - 1, end + 1);
    const locals = new Set<string>();
    for (const d of text.matchAll(/\b(?:let|var|const)\s+(\w+)/g)) locals.add(d[1]);
    const params = text.slice(0, text.indexOf(')') + 1);
    for (const p of params.matchAll(/(\w+)\s*:/g)) locals.add(p[1]);
    const refs = new Set<string>();
    for (const id of text.matchAll(/(?<![.\w])[A-Za-z_]\w*/g)) if (!locals.has(id[0])) refs.add(id[0]);
    out.set(m[1], { refs });
  }
  return out;
}

/** The declarations `entryPoint` statically uses (directly or through functions it calls), by binding. */
export function usedBindings(source: string, entryPoint: string): WgslBinding[] {
  const code = stripComments(source);
  const fns = functions(code);
  if (!fns.has(entryPoint)) throw new Error(`entry point '${entryPoint}' is not a function of this shader`);
  const seen = new Set<string>([entryPoint]);
  const refs = new Set<string>();
  const queue = [entryPoint];
  while (queue.length) {
    for (const id of fns.get(queue.pop()!)!.refs) {
      refs.add(id);
      if (fns.has(id) && !seen.has(id)) {
        seen.add(id);
        queue.push(id);
      }
    }
  }
  return parseWgslBindings(source)
    .filter((b) => refs.has(b.name))
    .sort((a, b) => a.group - b.group || a.binding - b.binding);
}

const ACCESS_TEXT: Record<Access, string> = {
  uniform: 'var<uniform>',
  read: 'var<storage, read>',
  write: 'var<storage, read_write>',
};

/**
 * Compares a TypeScript binding declaration with what the WGSL entry point uses. Returns the problems
 * (empty when they agree), each naming the binding index, both names and the WGSL line.
 */
export function bindingMismatches(source: string, entryPoint: string, decls: BindingDecls): string[] {
  const used = usedBindings(source, entryPoint);
  const declared = Object.entries(decls);
  const problems: string[] = [];
  for (const b of used) {
    if (b.group !== 0) {
      problems.push(`WGSL '${b.name}' (line ${b.line}) is in @group(${b.group}); kernels bind group 0 only`);
    }
  }
  const n = Math.max(used.length, declared.length);
  for (let i = 0; i < n; i++) {
    const w = used.find((b) => b.binding === i && b.group === 0);
    const d = declared[i];
    if (!d && w) {
      problems.push(`@binding(${i}) '${w.name}' (WGSL line ${w.line}) is used but TypeScript declares no binding ${i}`);
    } else if (d && !w) {
      problems.push(`TypeScript declares binding ${i} '${d[0]}' but the entry point uses no @binding(${i})`);
    } else if (d && w && d[0] !== w.name) {
      problems.push(`binding ${i} is '${d[0]}' in TypeScript but '${w.name}' in the WGSL (line ${w.line})`);
    } else if (d && w && d[1] !== w.access) {
      const wgsl = ACCESS_TEXT[w.access];
      problems.push(`binding ${i} '${d[0]}' is '${d[1]}' in TypeScript but ${wgsl} in the WGSL (line ${w.line})`);
    }
  }
  return problems;
}
