#!/usr/bin/env bash
# Where our analyzers spend CPU in a build's workload, and how much of it, steadier than timers: samples the
# in-process build bench (bench/build-inproc) with Linux perf, one analyzer build at a time, and counts the samples
# whose stack holds one of our frames against the samples of the compiler's own Emit of the same code base in the same
# process. The ratio does not move with the machine's speed; split into our own code ("managed") and the runtime under
# our frames (almost all of it collections our allocations set off, whose pauses count in a rule's time).
#
#   bench/profile/cpu-samples.sh LABEL=path/to/PerfAnalyzers.dll [LABEL=path ...]
#
# Needs perf (Debian: linux-perf) with cpu-clock sampling, and python3. About 2.5 min per analyzer build (50 rounds).
# Environment: ROUNDS (50), WARMUP (8), SKIP_SECONDS (18: the warm-up rounds, when the JIT runs), OUT (a temp dir).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${ROUNDS:-50}; warmup=${WARMUP:-8}; skip=${SKIP_SECONDS:-18}
out=${OUT:-$(mktemp -d -t perfanalyzers-cpu-XXXX)}
dotnet build -c Release bench/build-inproc -nologo -v:q >/dev/null
bench_dll=$(ls bench/build-inproc/bin/Release/*/BuildInProc.dll)
for set in "$@"; do
  label=${set%%=*}
  # Perf maps name the JIT's code; no double mapping, no precompiled code (so every method is in the map).
  DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0 DOTNET_TieredPGO=0 \
    perf record -q -e cpu-clock -F 2000 -g -o "$out/$label.data" -- \
    dotnet "$bench_dll" --lines 3500 --rounds "$rounds" --warmup "$warmup" --analyzers "$set" > "$out/$label.bench.md" 2>&1
  perf script -i "$out/$label.data" -F tid,time,ip,sym,dso 2>/dev/null > "$out/$label.stacks"
  python3 bench/profile/summarize.py "$out/$label.stacks" "$skip" "$label"
done
echo "(stacks and bench output in $out)"
