#!/usr/bin/env bash
# Regression check: runs RealWorldRun over the applications of regression-apps.tsv, each at its pinned commit and
# compiled whole in memory (every C# file as one compilation; test folders are left out by the runner), and writes
# one report file per application. Run it with the analyzers before and after a change, then compare:
#
#   dotnet build bench/real-world/RealWorldRun -c Release && cp -r bench/real-world/RealWorldRun/bin/Release/net10.0 /tmp/runner-after
#   bench/real-world/regression.sh /tmp/runner-after /tmp/regression-after
#   python3 bench/real-world/compare-regression.py /tmp/regression-before /tmp/regression-after
#
# Each application must be a git repository holding its commit, at $MIRRORS/<owner>+<name>/repo or
# $MIRRORS/<owner>+<name> (MIRRORS defaults to ../.mirror beside the repository). Its sources are exported once into
# <out>/../regression-sources, shared by runs. Environment: SHUFFLE=<seed> passes --shuffle to the runner.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
runner=$(realpath "$1")
out=$(realpath -m "$2")
manifest=${3:-$here/regression-apps.tsv}
mirrors=${MIRRORS:-$repo/../.mirror}
sources=$(dirname "$out")/regression-sources
mkdir -p "$out" "$sources"
[ -f "$runner/RealWorldRun.dll" ] || { echo "no RealWorldRun.dll in $runner" >&2; exit 1; }

grep -v '^#' "$manifest" | while IFS=$'\t' read -r app commit; do
  [ -n "$app" ] || continue
  key=${app/\//+}
  git_dir="$mirrors/$key/repo"; [ -d "$git_dir" ] || git_dir="$mirrors/$key"
  if [ ! -d "$sources/$key" ]; then
    if ! git -C "$git_dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
      echo "$app: commit $commit not found in $git_dir; skipped" >&2
      continue
    fi
    mkdir -p "$sources/$key.partial"
    git -C "$git_dir" archive "$commit" | tar -x -C "$sources/$key.partial"
    mv "$sources/$key.partial" "$sources/$key"
  fi
  started=$(date +%s)
  dotnet "$runner/RealWorldRun.dll" "$key" "$sources/$key" ${SHUFFLE:+--shuffle "$SHUFFLE"} > "$out/$key.txt" 2>&1 || true
  echo "$app: $(grep -cP '^PERF\d{3}\t' "$out/$key.txt" || true) reports, $(( $(date +%s) - started )) s"
done
