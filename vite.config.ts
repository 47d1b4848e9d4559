import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** Cross-origin isolation: WebContainers and threaded wasm (SharedArrayBuffer) need it. */
export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** `import src from '…/x.wgsl'` yields the shader text, in the browser and in vitest alike. */
function wgslAsString(): Plugin {
  return {
    name: 'atomgym-wgsl',
    transform(code, id) {
      if (!id.split('?')[0].endsWith('.wgsl')) return null;
      return { code: `export default ${JSON.stringify(code)};`, map: null };
    },
  };
}

export default defineConfig({
  plugins: [wgslAsString()],
  server: { headers: isolationHeaders, host: 'localhost' },
  preview: { headers: isolationHeaders, host: 'localhost' },
  // Workers are bundled separately: they need the wgsl plugin too (the run worker carries the trainer's kernels).
  worker: { format: 'es', plugins: () => [wgslAsString()] },
  // tfjs is pre-bundled up front: discovered late, Vite answers 504 'Outdated Optimize Dep' and the page must reload.
  optimizeDeps: {
    include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-backend-wasm'],
    exclude: ['onnxruntime-web', 'quickjs-emscripten-core', '@jitl/quickjs-wasmfile-release-sync'],
  },
  build: { target: 'es2022', outDir: 'dist' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // A fresh machine lacks Chromium and libvulkan1 (Dawn's WebGPU tests need it): install them first.
          globalSetup: ['test/system-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/browser/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
