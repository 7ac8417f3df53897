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
# <out>/../regression-sources, shared by runs. Environment: SHUFFLE=<seed> passes --shuffle to the runner; RESUME=1
# keeps the reports of applications an interrupted run already finished; CHECK_FIXES=1 passes --check-fixes, which also
# applies every offered code action and prints those that add a compiler error (FIX-BREAKS / FIX-THROWS lines).
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
    # Only what the runner reads: a mirror may lack the blobs of large files (binaries, test fixtures).
    rm -rf "$sources/$key.partial" && mkdir -p "$sources/$key.partial"
    files=$(git -C "$git_dir" ls-tree -r --name-only "$commit")
    specs=()
    for extension in cs csproj props targets; do
      # git archive refuses a pattern that matches nothing.
      if grep -q "\.$extension\$" <<< "$files"; then specs+=("*.$extension"); fi
    done
    if ! git -C "$git_dir" archive "$commit" -- "${specs[@]}" | tar -x -C "$sources/$key.partial"; then
      echo "$app: could not export $commit; skipped" >&2
      continue
    fi
    mv "$sources/$key.partial" "$sources/$key"
  fi
  if [ -n "${RESUME:-}" ] && grep -qs '^analyzer exceptions' "$out/$key.txt"; then
    echo "$app: $(grep -cP '^PERF\d{3}\t' "$out/$key.txt" || true) reports (kept from an earlier run)"
    continue
  fi
  started=$(date +%s)
  dotnet "$runner/RealWorldRun.dll" "$key" "$sources/$key" ${SHUFFLE:+--shuffle "$SHUFFLE"} ${CHECK_FIXES:+--check-fixes} > "$out/$key.txt" 2>&1 || true
  echo "$app: $(grep -cP '^PERF\d{3}\t' "$out/$key.txt" || true) reports, $(( $(date +%s) - started )) s${CHECK_FIXES:+, $(grep -s '^fixes checked' "$out/$key.txt" || echo 'fixes not checked')}"
done
