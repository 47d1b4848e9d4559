// Renders bank modules to source files and test files.
import type { FileMap } from '../../sandbox/types.ts';
import { THROWS, type BankFunction, type BankModule, type Case } from './bank-types.ts';

export function jsdoc(fn: BankFunction, withExamples: boolean): string {
  const lines = [fn.doc, ...fn.tags.map((t) => t)];
  if (withExamples)
    for (const [call, expected] of fn.examples)
      lines.push(expected === THROWS ? `@example ${call} // throws` : `@example ${call} // → ${expected}`);
  return `/**\n${lines.map((l) => ` * ${l}`).join('\n')}\n */`;
}

export function renderFunction(fn: BankFunction, body = fn.body): string {
  return `${jsdoc(fn, true)}\nexport function ${fn.name}(${fn.params}) {\n${body}\n}`;
}

export function modulePath(mod: BankModule): string {
  return `src/${mod.file}.js`;
}
export function testPath(mod: BankModule, hidden = false): string {
  return hidden ? `test/${mod.file}.hidden.test.js` : `test/${mod.file}.test.js`;
}

export function renderModule(mod: BankModule, bodies: Record<string, string> = {}): string {
  const head = mod.imports && mod.imports.length > 0 ? `${mod.imports.join('\n')}\n\n` : '';
  return `${head}${mod.functions.map((f) => renderFunction(f, bodies[f.name] ?? f.body)).join('\n\n')}\n`;
}

export function renderCase(fnName: string, [call, expected]: Case): string {
  const title = JSON.stringify(expected === THROWS ? `${call} throws` : `${call} returns ${expected}`);
  const check = expected === THROWS ? `expect(() => ${call}).toThrow();` : `expect(${call}).toEqual(${expected});`;
  return `  test(${title}, () => {\n    ${check}\n  });`;
}

export function renderTestFile(mod: BankModule, which: 'visible' | 'hidden', only?: readonly string[]): string {
  const fns = mod.functions.filter((f) => !only || only.includes(f.name));
  const names = fns.map((f) => f.name).join(', ');
  const blocks = fns.map((f) => {
    const cases = which === 'visible' ? f.examples : [...f.examples, ...f.hidden];
    return `describe(${JSON.stringify(f.name)}, () => {\n${cases.map((c) => renderCase(f.name, c)).join('\n')}\n});`;
  });
  return `import { ${names} } from '../${modulePath(mod)}';\n\n${blocks.join('\n\n')}\n`;
}

/** A repo with the given modules and their visible tests. */
export function renderRepo(mods: readonly BankModule[]): FileMap {
  const files: FileMap = {};
  for (const m of mods) {
    files[modulePath(m)] = renderModule(m);
    files[testPath(m)] = renderTestFile(m, 'visible');
  }
  return files;
}
