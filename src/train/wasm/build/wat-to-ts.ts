// `npx tsx src/train/wasm/build/wat-to-ts.ts src/train/wasm/adamw.wat` writes src/train/wasm/adamw-wasm.ts: the
// kernel's binary as base64, so the page and Node load the same bytes without a build step.
// test/unit/trainer-wasm-adamw.test.ts recompiles the .wat and fails when the two drift apart.
import fs from 'node:fs';
import path from 'node:path';
import { wasmModuleSource, watToBase64 } from './wat-compile.ts';

const src = process.argv[2];
if (!src || !src.endsWith('.wat')) {
  console.error('usage: npx tsx src/train/wasm/build/wat-to-ts.ts path/to/kernel.wat');
  process.exit(2);
}
const name = path.basename(src, '.wat');
const out = path.join(path.dirname(src), `${name}-wasm.ts`);
const base64 = await watToBase64(src);
fs.writeFileSync(out, wasmModuleSource(name, base64));
console.log(`${out}: ${Buffer.from(base64, 'base64').length} bytes`);
