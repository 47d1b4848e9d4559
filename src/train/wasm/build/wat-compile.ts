// The .wat → binary step shared by wat-to-ts.ts and the test that checks the committed bytes (wabt, SIMD on).
// Node only, and only at development time: the trainer loads the committed bytes, never wabt.
import fs from 'node:fs';
import createWabt from 'wabt';

export async function watToBase64(file: string): Promise<string> {
  const wabt = await createWabt();
  const mod = wabt.parseWat(file, fs.readFileSync(file, 'utf8'), { simd: true });
  try {
    mod.validate();
    return Buffer.from(mod.toBinary({}).buffer).toString('base64');
  } finally {
    mod.destroy();
  }
}

/** The TypeScript module that carries a kernel's bytes: `<NAME>_WASM_BASE64`, 100 characters a line. */
export function wasmModuleSource(name: string, base64: string): string {
  const lines = base64.match(/.{1,100}/g) ?? [];
  return [
    `// Generated from ${name}.wat by src/train/wasm/build/wat-to-ts.ts — edit the .wat and rerun, not this file.`,
    `export const ${name.toUpperCase()}_WASM_BASE64 =`,
    lines.map((l) => `  '${l}'`).join(' +\n') + ';',
    '',
  ].join('\n');
}
