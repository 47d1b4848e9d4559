#!/usr/bin/env bash
# Builds a wider base policy on the device machine's GPU (our WGSL trainer through Dawn for Node and the NVIDIA
# Vulkan driver) inside one call: the public/base recipe's three kinds of stage (short and long induction warm-ups,
# then SFT) on the mini width at 6 layers. A timed probe on the GPU sizes the warm-ups to the time there is;
# SFT runs for the minutes left. What comes back: the model (its safetensors in <16 MiB parts) and every log.
# Needs (repo root, each named in the run's carry): .gl/ with the .debs of libvulkan1 libegl1 libglvnd0 libopengl0
# libgl1 libglx0 libgles2 (`apt-get download` them with APT::Architecture=amd64; the loader alone finds no NVIDIA
# driver: its ICD needs GLVND), .dev/ from device-pack.sh --webgpu,
# .dev/pool/ (tasks.jsonl.xz + tasks.meta.json of the SFT task pool, generated on the 2-core machine beforehand).
# Usage: device-base.sh SECONDS [FROM SEED] — SECONDS is the whole command's budget (it stops its SFT early enough
# to pack). With FROM (a model folder) and SEED, a second sitting: no probe or warm-ups, SFT from FROM on the pool in
# .dev/pool-s$SEED (made with --seed SEED) at a lower peak learning rate.
# SFT_FLAGS adds sft flags (e.g. "--families extended"; the carried pool must have been made with the same options).
# DRY=1 shrinks every shape (1 layer, 128-token rows) to check the plumbing on a machine without a GPU.
set -u
budget=${1:-540} from=${2:-} seed=${3:-0}
t0=$(date +%s)
left() { echo $((budget - ($(date +%s) - t0))); }
out=${OUT:-/tmp/device-out}
logs=/tmp/logs
rm -rf /tmp/run "$logs"
mkdir -p "$out" "$logs" /tmp/pool
for f in .gl/*.deb; do dpkg -x "$f" /; done
ldconfig
icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
[ -f $icd ] && export VK_ICD_FILENAMES=$icd VK_DRIVER_FILES=$icd
export ATOMGYM_TRAINER_BACKEND=webgpu
T=1024 layers=6 probe=12
[ "${DRY:-}" = 1 ] && T=128 layers=1 probe=2
xz -dc .dev/node.xz >/tmp/node && chmod +x /tmp/node
[ -d node_modules ] || tar -xJf .dev/nm.tar.xz
pool=.dev/pool
[ -n "$from" ] && pool=.dev/pool-s$seed
xz -dc $pool/tasks.jsonl.xz >/tmp/pool/tasks.jsonl && cp $pool/tasks.meta.json /tmp/pool/
{ nproc; nvidia-smi -L; /tmp/node --version; date -u; } >"$logs/machine.txt" 2>&1
# The GPU's driver process and the CPU anchor get 8 cores each (on a machine with 16 or more).
pin_gpu=() pin_cpu=()
[ "$(nproc)" -ge 16 ] && pin_gpu=(taskset -c 0-7) pin_cpu=(taskset -c 8-15)
ag() { "${pin_gpu[@]}" /tmp/node bin/atomgym.mjs "$@"; }
finish() {
  for d in /tmp/run/*/; do cp "$d"log.jsonl "$logs/$(basename "$d")-log.jsonl" 2>/dev/null; done
  cp /tmp/run/*/*-summary.json "$logs/" 2>/dev/null
  local m=/tmp/run/3-sft/model
  [ -f $m/model.safetensors ] || m=/tmp/run/3-sft/$(cat /tmp/run/3-sft/latest 2>/dev/null)
  [ -f $m/model.safetensors ] || m=/tmp/run/2-induction-long/model
  if [ -f $m/model.safetensors ]; then
    echo "$m" >"$logs/model-from.txt"
    cp $m/config.json $m/tokenizer.json "$out/"
    split -b 15M -d $m/model.safetensors "$out/model.safetensors.part"
  fi
  echo "finished at $(($(date +%s) - t0)) s" >>"$logs/machine.txt"
  tar -cJf "$out/logs.tar.xz" -C /tmp logs
  ls -la "$out"
}
trap finish EXIT

init=/tmp/run/2-induction-long lr=6e-4 reserve=130
if [ -n "$from" ]; then
  init=$from lr=3e-4 reserve=45
else
  # 1. The speed of our model at the SFT row shape (8 rows of T tokens), 12 steps of the warm-up (step 1 compiles
  # the pipelines, so this overstates a step's time); the same on the wasm backend on the other 8 cores: the anchor.
  # (`atomgym bench train` runs in headless Chromium, which this machine does not have.)
  shape=(--preset mini --tokenizer public/tokenizer/demo-copy.json --vocab 4096 --layers $layers --rope-theta 500000)
  ATOMGYM_TRAINER_BACKEND=wasm "${pin_cpu[@]}" timeout 400 /tmp/node bin/atomgym.mjs warmup "${shape[@]}" \
    --steps $probe --seq-len $T --batch 8 --out /tmp/probe-wasm >"$logs/probe-wasm.log" 2>&1 &
  timeout 150 "${pin_gpu[@]}" /tmp/node bin/atomgym.mjs warmup "${shape[@]}" --steps $probe --seq-len $T --batch 8 \
    --out /tmp/probe-gpu >"$logs/probe-gpu.log" 2>&1 || {
    echo "GPU probe failed: $?" >>"$logs/machine.txt"
    exit 1
  }
  # 2. Step counts: a warm-up step is 1/5 (short: 16 × 96 tokens) or 1/4 (long: 2 × T) of an SFT step's tokens;
  # smaller steps use a GPU less well, so count them as 1/3 and 1/2. Full recipe counts when time allows.
  plan=$(/tmp/node -e '
    const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n");
    const line = lines.filter((l) => / tok\/s /.test(l)).pop();
    const sft = (8 * Number(process.argv[3])) / Number(/ (\d+) tok\/s/.exec(line)[1]);
    const left = Number(process.argv[2]) - 150;
    const f = Math.min(1, (0.4 * left) / ((1100 * sft) / 3 + (600 * sft) / 2));
    console.log(Math.max(50, Math.round(1100 * f)), Math.max(30, Math.round(600 * f)), sft.toFixed(3));
  ' "$logs/probe-gpu.log" "$(left)" $T)
  read -r n1 n2 sftstep <<<"$plan"
  [ "${DRY:-}" = 1 ] && n1=3 n2=2
  echo "plan: warm-ups $n1 + $n2 steps; estimated SFT step ${sftstep}s; $(left) s left" | tee -a "$logs/machine.txt"
  ag warmup "${shape[@]}" --steps "$n1" --lr 1e-3 --out /tmp/run/1-induction-short >"$logs/1.log" 2>&1 || exit 1
  ag warmup --init /tmp/run/1-induction-short --steps "$n2" --lr 1e-3 --seq-len $T --batch 2 --runs recall \
    --out /tmp/run/2-induction-long >"$logs/2.log" 2>&1 || exit 1
fi
# 3. SFT for what is left, less SFT data building (~60 s), the final save and packing (~60 s).
minutes=$(awk -v s="$(left)" -v dry="${DRY:-}" -v r=$reserve 'BEGIN { printf "%.2f", dry == 1 ? 0.1 : (s - r) / 60 }')
echo "SFT: --minutes $minutes" >>"$logs/machine.txt"
timeout $(($(left) - 25)) "${pin_gpu[@]}" /tmp/node bin/atomgym.mjs sft --init "$init" \
  --minutes "$minutes" --pool-from /tmp/pool --per-skill 1000 --rename-copies 1 --keep-originals --rename-style mixed \
  --copy-drills 5000 --drill-code --random-repeats 15000 --seq-len $T --batch 8 --lr $lr --warmup 30 --seed $seed \
  --min-lr-ratio 0.05 --prompt-loss-weight 0.5 --save-steps 400 ${SFT_FLAGS:-} --out /tmp/run/3-sft >"$logs/3.log" 2>&1
echo "sft exit $?" >>"$logs/machine.txt"
