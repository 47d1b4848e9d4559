#!/usr/bin/env bash
# Packs what the device machine needs to run atomgym (it has no Node): .dev/node.xz (this machine's node binary) and
# .dev/nm.tar.xz (node_modules without the browser, bundler and type packages the experiment never loads; vite and
# playwright become stubs that throw, since src/cli/headless.ts imports them statically). Run from the repo root;
# .dev/ is listed in .git/info/exclude and named in the run's carry. With --webgpu, Dawn for Node (the `webgpu`
# package, its linux-x64 build only) comes too, for training on the machine's GPU (ATOMGYM_TRAINER_BACKEND=webgpu).
set -euo pipefail
webgpu=(--exclude=node_modules/webgpu)
[ "${1:-}" = --webgpu ] && webgpu=(--exclude='node_modules/webgpu/dist/'{darwin,win32,linux-arm64}'*')
stage=$(mktemp -d)
tar -cf - --exclude='*.map' --exclude='*.d.ts' "${webgpu[@]}" \
  --exclude=node_modules/{@tensorflow,@typescript,typescript,@rolldown,rolldown,core-js,apache-arrow} \
  --exclude=node_modules/{parquet-wasm,prettier,vite,vitest,@vitest,playwright-core,playwright,@types} \
  --exclude='node_modules/.vite*' --exclude=node_modules/.cache --exclude='node_modules/lightningcss*' \
  --exclude='node_modules/onnxruntime-web/lib' \
  --exclude='node_modules/onnxruntime-web/dist/ort.all*' --exclude='node_modules/onnxruntime-web/dist/ort.webgl*' \
  --exclude='node_modules/onnxruntime-web/dist/*jsep*' --exclude='node_modules/onnxruntime-web/dist/*jspi*' \
  --exclude='node_modules/onnxruntime-web/dist/*asyncify*' --exclude='*/protobufjs/cli' node_modules |
  tar -xf - -C "$stage"
for p in vite playwright; do
  mkdir -p "$stage/node_modules/$p"
  echo "{\"name\":\"$p\",\"version\":\"0.0.0-stub\",\"type\":\"module\",\"exports\":{\".\":\"./index.js\"}}" \
    >"$stage/node_modules/$p/package.json"
done
echo "const no = () => { throw new Error('vite is not on the device machine'); };
export const createServer = no, build = no, preview = no;" >"$stage/node_modules/vite/index.js"
echo "export const chromium = { launch() { throw new Error('playwright is not on the device machine'); } };" \
  >"$stage/node_modules/playwright/index.js"
mkdir -p .dev
tar -cf - -C "$stage" node_modules | xz -T2 -9 >.dev/nm.tar.xz
xz -T2 -9 -c "$(command -v node)" >.dev/node.xz
rm -rf "$stage"
ls -la .dev
