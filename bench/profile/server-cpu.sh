#!/usr/bin/env bash
# What the analyzers cost a multi-project build in CPU time, next to what the compiler's own report charges them.
# The compiler's report (-p:ReportAnalyzer=true, what bench/analyzer-overhead reads) times each callback by the clock:
# a callback that the scheduler switches out, while the server's other threads take both cores, is charged the time it
# waited. This script builds bench/analyzer-overhead's 30-project solution on a dedicated compiler server, samples that
# server's CPU with Linux perf during the measured builds, and counts, per analyzer assembly, the CPU time of the
# samples that have one of its frames on the stack. Both figures come from the same builds, over the same Csc time.
#
#   bench/profile/server-cpu.sh [path/to/PerfAnalyzers.dll]
#
# Needs perf (Debian: linux-perf) and python3. Environment: PROJECTS (30), WARMUP (3), RUNS (3), FREQUENCY (999 Hz),
# OUT (a temp dir). About 6 minutes here.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
dll=$(realpath "${1:-src/PerfAnalyzers/bin/Release/netstandard2.0/PerfAnalyzers.dll}")
projects=${PROJECTS:-30}; warmup=${WARMUP:-3}; runs=${RUNS:-3}; frequency=${FREQUENCY:-999}
out=$(realpath "${OUT:-$(mktemp -d -t perfanalyzers-server-cpu-XXXX)}")
mkdir -p "$out"
server=perfanalyzers-cpu-$$
[ -f "$dll" ] || dotnet build -c Release src/PerfAnalyzers -nologo -v:q >/dev/null

# 1. The solution, as analyzer-overhead writes it (one unmeasured build without a server checks that it compiles).
# An OUT that already holds the solution for the same analyzer file is built again as it is.
if ! grep -qs "Include=\"$dll\"" "$out/solution/Service01/Service01.csproj"; then
  dotnet run -c Release --project bench/analyzer-overhead -- run --no-peers --target multi --projects "$projects" --runs 1 \
    --analyzer-dll "$dll" --out "$out/solution" > "$out/generate.log" 2>&1
fi
rm -f "$out"/solution/build-*.log

# 2. Builds on a dedicated server whose JIT writes a perf map (so managed frames have names); the analyzer file must be
# named after its assembly (PerfAnalyzers.dll), as the server loads it by name.
build() {
  (cd "$out/solution" && env -u UseSharedCompilation DOTNET_CLI_USE_MSBUILD_SERVER=0 \
    dotnet build --no-restore --no-incremental -nologo -nodeReuse:false -p:UseSharedCompilation=true \
    -p:SharedCompilationId="$server" -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary > "$1" 2>&1)
}
stop_server() { pkill -f "pipename:$server" 2>/dev/null || true; }
trap stop_server EXIT
# The server is started here, not by the first build, so that its JIT writes the perf map (the build's client starts
# a server with an environment of its own), with its code mapped once (no W^X double mapping, which perf cannot name).
vbcs=$(ls "$(dirname "$(realpath "$(command -v dotnet)")")"/sdk/"$(dotnet --version)"/Roslyn/bincore/VBCSCompiler.dll)
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 nohup dotnet "$vbcs" "-pipename:$server" > "$out/server.log" 2>&1 &
sleep 2
for i in $(seq 1 "$warmup"); do build "$out/warmup$i.log"; done
# Every compilation must have run on the server: a rejected analyzer sends it back to a csc process of its own, which
# this samples nothing of.
if grep -q "CompilerServer: server failed\|CompilerServer: tool\b" "$out/warmup$warmup.log"; then
  grep -m1 "CompilerServer:" "$out/warmup$warmup.log" >&2
  echo "compilations did not run on the compiler server; see $out/warmup$warmup.log" >&2
  exit 1
fi
pid=$(pgrep -f "pipename:$server" | head -1)
[ -n "$pid" ] || { echo "no compiler server '$server' is running; see $out/warmup$warmup.log" >&2; exit 1; }
perf record -q -e cpu-clock -F "$frequency" -g -p "$pid" -o "$out/server.data" 2>/dev/null &
recorder=$!
sleep 1
logs=()
for i in $(seq 1 "$runs"); do build "$out/run$i.log"; logs+=("$out/run$i.log"); done
kill -INT "$recorder"; wait "$recorder" || true
perf script -i "$out/server.data" -F tid,time,ip,sym,dso 2>/dev/null > "$out/server.stacks"
python3 bench/profile/server-cpu.py "$out/server.stacks" "$frequency" > "$out/cpu.tsv"

# 3. The compiler's own report for the same builds (medians per build), then the CPU table (totals over the builds).
dotnet run -c Release --project bench/analyzer-overhead -- report --logs "$(IFS=,; echo "${logs[*]}")" > "$out/report.md"
python3 - "$out" "$runs" "$frequency" "$dll" <<'PY'
import re, sys
out, runs, frequency, dll = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
cpu = {}; rules = {}; server = 0.0
for line in open(f'{out}/cpu.tsv'):
    parts = line.rstrip('\n').split('\t')
    if parts[0] == 'server': server = float(parts[1])
    elif parts[0] == 'assembly': cpu[parts[1]] = float(parts[2])
    elif parts[0] == 'rule': rules[parts[1]] = float(parts[2])
report = open(f'{out}/report.md').read()
csc = [float(m) for m in re.findall(r'^\| Compile \(Csc task\) \| ([\d.]+) \|', report, re.M)]
charged = {m.group(1).strip('*` '): (float(m.group(2)), m.group(3)) for m in
           re.finditer(r'^\| \**([A-Za-z0-9_.]+)\**(?: \(ours\))? \| ([\d.]+) \| [\d.]+% \| ([\d. /]+) \|$', report, re.M)}
csc_median = csc[0] if csc else float('nan')
print('## Analyzer cost of a 30-project build: CPU time sampled in the compiler server, and the time the compiler charges')
print()
print(f'- Command: `bench/profile/server-cpu.sh {dll}` ({runs} measured builds, perf cpu-clock at {frequency} Hz on the server process only)')
print(f'- Csc task time, median of the builds: {csc_median:.1f} s; the server\'s CPU time over all {runs} builds: {server:.1f} s'
      f' ({server / runs:.1f} s per build)')
print('- "Charged": the compiler\'s own report (`-p:ReportAnalyzer=true`), which times each callback by the clock. "CPU sampled":'
      ' the samples of the server process with one of the assembly\'s frames on the stack (its callbacks and everything they'
      ' call, shared semantic work they were first to ask for included), as CPU seconds. Assemblies the runtime loads'
      ' precompiled are counted from their file name, which perf shows for those frames.')
print()
print('| Analyzer assembly | Charged by the compiler, median per build (s) | Share of Csc time | CPU sampled, per build (s) | Share of Csc time | Charged ÷ CPU |')
print('|---|---:|---:|---:|---:|---:|')
for name, (median, _) in sorted(charged.items(), key=lambda kv: -kv[1][0]):
    if median <= 0: continue
    per_build = cpu.get(name, 0.0) / runs
    ratio = f'{median / per_build:.1f}×' if per_build > 0 else '–'
    print(f'| {"**" + name + "** (ours)" if name == "PerfAnalyzers" else name} | {median:.3f} | {100 * median / csc_median:.2f}% | {per_build:.3f} | {100 * per_build / csc_median:.2f}% | {ratio} |')
print()
print('| Our rule: CPU sampled per build, by the outermost rule frame (s) | |')
print('|---|---:|')
for rule, seconds in sorted(rules.items(), key=lambda kv: -kv[1]):
    print(f'| {rule} | {seconds / runs:.3f} |')
PY
echo "(builds, perf data and the compiler's report in $out)" >&2
