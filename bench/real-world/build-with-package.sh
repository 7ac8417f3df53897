#!/usr/bin/env bash
# Builds an application checkout for real with the packed PerfAnalyzers package and writes one SARIF file per
# project, then prints every PERF result (see summarise-sarif.py).
#
# Usage: bench/real-world/build-with-package.sh <out-dir> <project-or-solution> [<project-or-solution> ...]
#
# What it does, without touching the application's code:
#   1. packs src/PerfAnalyzers.Package into <out-dir>/feed with a version of its own (as the end-to-end test
#      does), so NuGet's global cache can never serve an older build of the package;
#   2. writes <out-dir>/perfanalyzers.targets, which adds the package to every project it is imported into
#      (VersionOverride under central package management, Version otherwise) and sets
#      ErrorLog=<out-dir>/sarif/<project>.sarif,version=2.1; it is imported with
#      -p:CustomAfterMicrosoftCommonTargets, so no file of the application is added or edited;
#   3. writes <out-dir>/nuget.config (nuget.org for everything, the local feed for PerfAnalyzers only) and
#      restores with -p:RestoreConfigFile=<it>, so an application's own source mapping does not hide the feed;
#   4. builds each given project or solution with warnings never treated as errors; a project that fails to
#      build is reported and the others go on. Analyzers do not run on a project whose declarations do not bind
#      (a missing package type in a signature or a using directive), so such a project yields no SARIF.
#
# Application checkouts usually need their package versions and target framework moved to ones the feed serves
# and the installed SDK builds; make those edits in the checkout before running this (and write them down: the
# measured result depends on them). A global.json that pins another SDK is moved aside to global.json.orig.
set -euo pipefail

if [ "$#" -lt 2 ]; then
  echo "usage: $0 <out-dir> <project-or-solution> [<project-or-solution> ...]" >&2
  exit 2
fi

repo="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
shift
feed="$out/feed"
sarif="$out/sarif"
mkdir -p "$feed" "$sarif" "$out/logs"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

version="0.0.0-realworld.$(date -u +%Y%m%d%H%M%S)"
echo "packing PerfAnalyzers $version into $feed"
dotnet pack "$repo/src/PerfAnalyzers.Package/PerfAnalyzers.Package.csproj" -c Release -o "$feed" \
  -p:Version="$version" -nologo -v:q > "$out/logs/pack.log" 2>&1 || { cat "$out/logs/pack.log"; exit 1; }

cat > "$out/perfanalyzers.targets" <<EOF
<Project>
  <ItemGroup Condition="'\$(MSBuildProjectExtension)' == '.csproj'">
    <PackageReference Include="PerfAnalyzers" VersionOverride="$version" PrivateAssets="all"
                      Condition="'\$(ManagePackageVersionsCentrally)' == 'true'" />
    <PackageReference Include="PerfAnalyzers" Version="$version" PrivateAssets="all"
                      Condition="'\$(ManagePackageVersionsCentrally)' != 'true'" />
  </ItemGroup>
  <PropertyGroup>
    <ErrorLog>$sarif/\$(MSBuildProjectName).\$(TargetFramework).sarif,version=2.1</ErrorLog>
    <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
    <CodeAnalysisTreatWarningsAsErrors>false</CodeAnalysisTreatWarningsAsErrors>
    <RunAnalyzers>true</RunAnalyzers>
  </PropertyGroup>
</Project>
EOF

cat > "$out/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
    <add key="perfanalyzers-local" value="$feed" />
  </packageSources>
  <packageSourceMapping>
    <clear />
    <packageSource key="perfanalyzers-local"><package pattern="PerfAnalyzers" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
EOF

status=0
for target in "$@"; do
  target="$(cd "$(dirname "$target")" && pwd)/$(basename "$target")"
  # A global.json pinning an SDK that is not installed would stop the build before it starts.
  dir="$(dirname "$target")"
  while [ "$dir" != "/" ]; do
    if [ -f "$dir/global.json" ] && ! (cd "$dir" && dotnet --version > /dev/null 2>&1); then
      echo "moving aside $dir/global.json (it pins an SDK that is not installed)"
      mv "$dir/global.json" "$dir/global.json.orig"
    fi
    dir="$(dirname "$dir")"
  done

  name="$(basename "$target")"
  echo "building $target"
  if dotnet build "$target" -nologo -v:q -clp:NoSummary -m:1 -nodeReuse:false \
      -p:CustomAfterMicrosoftCommonTargets="$out/perfanalyzers.targets" \
      -p:RestoreConfigFile="$out/nuget.config" \
      -p:UseSharedCompilation=false -p:LibraryRestore=false > "$out/logs/$name.log" 2>&1; then
    echo "  built"
  else
    echo "  build FAILED (see $out/logs/$name.log); projects built before the failure still have SARIF"
    grep -E "error [A-Z]+[0-9]+" "$out/logs/$name.log" | sed -E 's/^ *//' | sort -u | head -20 || true
    status=1
  fi
done

python3 "$repo/bench/real-world/summarise-sarif.py" "$sarif"/*.sarif
exit $status
