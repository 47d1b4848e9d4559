// Loads the one QuickJS wasm variant the project ships (release, sync, separate .wasm file). The variant's
// own loader finds the .wasm next to its JS: from node_modules in Node, through Vite's asset handling in the
// browser (the package is excluded from dependency pre-bundling so the relative URL stays valid).
import { newQuickJSWASMModuleFromVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import variant from '@jitl/quickjs-wasmfile-release-sync';

/** A fresh wasm instance: each sandbox owns one, so a wasm-level abort never takes down another sandbox. */
export function loadQuickJsModule(): Promise<QuickJSWASMModule> {
  return newQuickJSWASMModuleFromVariant(variant);
}
