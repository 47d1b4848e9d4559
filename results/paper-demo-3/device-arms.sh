#!/usr/bin/env bash
# Runs the experiment's seven RL arms at once on the device machine (16 cores; each arm's trainer, sampler and
# sandbox use about two), each as `atomgym experiment paper … --arms ARM` into the same folder, whose base arm was
# evaluated beforehand on this machine. Arms still running after ARM_SECONDS are stopped; their last snapshot (every
# save_steps) comes back, and a rerun of the experiment here resumes them. Needs .dev/ from device-pack.sh.
# Usage (repo root): device-arms.sh DIR ARM_SECONDS EXPERIMENT_ARGS…   Results: $OUT/arm-*.tar.xz, $OUT/logs.tar.xz
set -u
dir=$1 secs=$2
shift 2
out=${OUT:-/tmp/device-out}
mkdir -p "$out" /tmp/logs
xz -dc .dev/node.xz >/tmp/node && chmod +x /tmp/node
[ -d node_modules ] || tar -xJf .dev/nm.tar.xz
{ nproc; grep -m1 'model name' /proc/cpuinfo; free -g | head -2; /tmp/node --version; date -u; } >/tmp/logs/machine.txt
arms=(joint single-localization single-editing single-test-generation single-reproduction single-review composite)
for arm in "${arms[@]}"; do
  (
    timeout "$secs" /tmp/node bin/atomgym.mjs experiment paper "$@" --arms "$arm" --out "$dir" >"/tmp/logs/$arm.log" 2>&1
    echo "$arm exit $? at $(date -u +%T)" >>/tmp/logs/exit.txt
  ) &
done
wait
for arm in "${arms[@]}"; do
  d=$(ls -d "$dir/arms/$arm"-s* 2>/dev/null | head -1)
  [ -n "$d" ] || continue
  if [ -f "$d/done.json" ]; then
    # finished: the marker, the evaluation, the training log and the final model (snapshots and the pool stay)
    tar -cJf "$out/arm-$arm.tar.xz" "$d/done.json" "$d/eval.json" "$d/checkpoint/log.jsonl" \
      "$d/checkpoint/tasks.meta.json" "$d/checkpoint/latest" "$d/checkpoint/model"
  else
    tar -cJf "$out/arm-$arm.tar.xz" "$d" # unfinished: everything, so the experiment resumes it elsewhere
  fi
done
cp "$dir/experiment.json" /tmp/logs/ 2>/dev/null
tar -cJf "$out/logs.tar.xz" -C /tmp logs
ls -la "$out"
