#!/usr/bin/env bash
# What our analyzers allocate in a build's workload, and where: runs bench/build-inproc under dotnet-trace with the
# runtime's allocation sampling (an event about every 100 KB allocated, with its stack), then adds up the sampled bytes
# whose stack holds one of our frames, by type and by our deepest frame. Allocations matter twice: the work itself, and
# the collections they set off, whose pauses are charged to whichever callback is running.
#
#   bench/profile/alloc-trace.sh LABEL=path/to/PerfAnalyzers.dll
#
# Installs dotnet-trace into a tool folder on first use (from the NuGet feed). About 1.5 min.
set -euo pipefail
cd "$(dirname "$0")/../.."
set_arg=$1
label=${set_arg%%=*}
tools=${DOTNET_TRACE_DIR:-${TMPDIR:-/tmp}/perfanalyzers-bench/tools}
out=${OUT:-$(mktemp -d -t perfanalyzers-alloc-XXXX)}
[ -x "$tools/dotnet-trace" ] || dotnet tool install --tool-path "$tools" dotnet-trace >/dev/null
dotnet build -c Release bench/build-inproc -nologo -v:q >/dev/null
dotnet build -c Release bench/profile/allocations -nologo -v:q >/dev/null
bench_dll=$(ls bench/build-inproc/bin/Release/*/BuildInProc.dll)
# Keyword 0x1 at level 5 (verbose): the GC's AllocationTick events.
"$tools/dotnet-trace" collect --providers "Microsoft-Windows-DotNETRuntime:0x1:5" -o "$out/$label.nettrace" -- \
  dotnet "$bench_dll" --lines 3500 --rounds "${ROUNDS:-30}" --warmup "${WARMUP:-6}" --analyzers "$set_arg" > "$out/$label.bench.md" 2>&1
dotnet bench/profile/allocations/bin/Release/net10.0/AllocationsUnderOurFrames.dll "$out/$label.nettrace" "${SKIP_SECONDS:-15}"
echo "(trace and bench output in $out)"
