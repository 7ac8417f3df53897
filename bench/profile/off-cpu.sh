#!/usr/bin/env bash
# Where the time the compiler charges our callbacks beyond their CPU time goes: records every context switch of
# bench/build-inproc with Linux perf, and adds up, for each switch that takes a thread out in one of our frames, the
# time until the thread runs again, by the thread's state when it left (R: preempted while runnable, S/D: blocked on a
# lock, an event or I/O) and by our frame. A build charges each callback by the clock, so both kinds count in it.
#
#   bench/profile/off-cpu.sh LABEL=path/to/PerfAnalyzers.dll
#
# Needs perf (Debian: linux-perf) with the sched:sched_switch tracepoint, and python3. About 1 minute.
# Environment: ROUNDS (10), WARMUP (4), OUT (a temp dir).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${OUT:-$(mktemp -d -t perfanalyzers-offcpu-XXXX)}
mkdir -p "$out"
dotnet build -c Release bench/build-inproc -nologo -v:q >/dev/null
bench_dll=$(ls bench/build-inproc/bin/Release/*/BuildInProc.dll)
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -q -e sched:sched_switch -g -o "$out/switches.data" -- \
  dotnet "$bench_dll" --lines 3500 --rounds "${ROUNDS:-10}" --warmup "${WARMUP:-4}" --analyzers "$1" > "$out/bench.md" 2>&1
perf script -i "$out/switches.data" -F tid,time,event,trace,ip,sym 2>/dev/null > "$out/switches.txt"
python3 bench/profile/off-cpu.py "$out/switches.txt" "$(( ${ROUNDS:-10} + ${WARMUP:-4} ))"
echo "(switches and bench output in $out)"
