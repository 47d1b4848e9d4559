// Loads the one QuickJS wasm variant the project ships (release, sync, separate .wasm file). The variant's
// own loader finds the .wasm next to its JS: from node_modules in Node, through Vite's asset handling in the
// browser (the package is excluded from dependency pre-bundling so the relative URL stays valid).
import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-wasmfile-release-sync';

const PAGE = 64 * 1024;
/** Initial wasm heap (the variant's own default). */
const INITIAL_HEAP_BYTES = 16 * 2 ** 20;
/**
 * Hard ceiling of one sandbox's wasm heap. QuickJS's malloc limit undercounts large buffers in this build,
 * so this ceiling is what finally turns a runaway allocation into an out-of-memory error instead of letting
 * the heap grow to the variant's default 2 GiB.
 */
export const MAX_HEAP_BYTES = 320 * 2 ** 20;

/** A fresh wasm instance: each sandbox owns one, so a wasm-level abort never takes down another sandbox. */
export function loadQuickJsModule(maxHeapBytes = MAX_HEAP_BYTES): Promise<QuickJSWASMModule> {
  const wasmMemory = new WebAssembly.Memory({
    initial: INITIAL_HEAP_BYTES / PAGE,
    maximum: Math.ceil(maxHeapBytes / PAGE),
  });
  return newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmMemory }));
}
