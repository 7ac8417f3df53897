#!/usr/bin/env python3
"""Per-project in-memory runs of one application, as the real-world sets in docs/quality.md use them.

Each non-test project under <root> is analysed with RealWorldRun --separate: its own folder against the folders of the
projects it references (ProjectReference items, followed transitively), compiled as one referenced compilation, as a
build references them. A project on the Blazor WebAssembly SDK gets --blazor-wasm. Each report's path is prefixed with
its project's folder (two projects' Program.cs:11 stay apart), and the reports are deduplicated.

A project's <Compile Include=".."> items that name .cs files outside its folder (linked files) are compiled as its own
(RealWorldRun --link), and files or folders a <Compile Remove> item removes are left out (RealWorldRun --exclude).

EXTRA_REFS=<folder>:<folder>.. (relative to <root>) adds referenced folders to every run, for a solution that declares
its references where this script does not look (kgrzybek/modular-monolith-with-ddd's Directory.Build.targets globs).

Each run's compilation is named after its project's assembly, as a build names it; <name> labels the application only.

Usage: per-project-runs.py <root> <name> <out.txt> <runner-dir>   (runner-dir: a copy of RealWorldRun's Release build)
One line per project goes to stderr: its "analyzer exceptions (AD0001): N" line.
"""
import os, re, subprocess, sys
root, name, out = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
runner = sys.argv[4]
def is_test(p):
    parts = p.lower().split(os.sep)
    return any(re.search(r'(^|[.\-_])(test|tests|unittests|integrationtests|specs|testing|benchmarks?)($|[.\-_])', x) for x in parts)
# A project that references a test framework or the test SDK is a test project whatever its name (App.TestHelpers), as
# the analyzers read one (docs/concepts.md, "Test project"); RealWorldRun analyses every folder it is given.
TEST_PACKAGES = re.compile(r'<PackageReference\s+Include="(xunit|xunit\.v3|NUnit|MSTest\.TestFramework|MSTest|Microsoft\.NET\.Test\.Sdk)"', re.I)
def references_test_framework(p):
    try: return bool(TEST_PACKAGES.search(open(p, encoding='utf-8', errors='ignore').read()))
    except OSError: return False
projs = []
for d, _, fs in os.walk(root):
    for f in fs:
        if f.endswith('.csproj'):
            p = os.path.join(d, f)
            if not is_test(os.path.relpath(p, root)) and not references_test_framework(p): projs.append(p)
def refs(p, seen):
    try: txt = open(p, encoding='utf-8', errors='ignore').read()
    except OSError: return
    for m in re.finditer(r'ProjectReference\s+Include="([^"]+)"', txt):
        r = os.path.normpath(os.path.join(os.path.dirname(p), m.group(1).replace('\\', '/')))
        if r not in seen and os.path.exists(r):
            seen.add(r); refs(r, seen)
lines, runs = {}, 0
for p in sorted(projs):
    seen = set(); refs(p, seen)
    extra = {os.path.join(root, e) for e in os.environ.get('EXTRA_REFS', '').split(':') if e}
    dirs = [os.path.dirname(p)] + sorted(({os.path.dirname(r) for r in seen} | extra) - {os.path.dirname(p)})
    text = open(p, encoding='utf-8', errors='ignore').read()
    wasm = 'Microsoft.NET.Sdk.BlazorWebAssembly' in text
    links = []
    for m in re.finditer(r'<Compile\s+Include="([^"*]+\.cs)"', text):
        f = os.path.normpath(os.path.join(os.path.dirname(p), m.group(1).replace('\\', '/')))
        if not f.startswith(os.path.dirname(p) + os.sep) and os.path.exists(f):
            links += ['--link', f]
    # <Compile Remove="V1\Controllers\TestController.cs" /> or "terraform\**": left out of the project's compilation.
    excludes = []
    for m in re.finditer(r'<Compile\s+Remove="([^"]+)"', text):
        pattern = m.group(1).replace('\\', '/')
        if pattern.endswith('/**'):
            pattern = pattern[:-3]
        elif '*' in pattern:
            continue
        excludes += ['--exclude', os.path.normpath(os.path.join(os.path.dirname(p), pattern))]
    # The compilation is named as the build names the project's assembly (<AssemblyName>, or the project file's name):
    # a stand-in service is told by it (docs/concepts.md, "Test project").
    assembly = re.search(r'<AssemblyName>\s*([^<$]+?)\s*</AssemblyName>', text)
    assembly_name = assembly.group(1) if assembly else os.path.splitext(os.path.basename(p))[0]
    args = ['dotnet', f'{runner}/RealWorldRun.dll', assembly_name, '--separate'] + (['--blazor-wasm'] if wasm else []) + links + excludes + dirs
    res = subprocess.run(args, capture_output=True, text=True)
    runs += 1
    ad = [l for l in res.stdout.splitlines() if l.startswith('analyzer exceptions')]
    print(os.path.relpath(p, root), ad[0] if ad else 'NO OUTPUT ' + res.stderr[-300:], file=sys.stderr)
    prefix = os.path.relpath(os.path.dirname(p), root)
    for l in res.stdout.splitlines():
        m = re.match(r'^(PERF\d{3})\t([^\t]+)\t(.*)$', l)
        if m:
            l = f'{m.group(1)}\t{os.path.normpath(os.path.join(prefix, m.group(2)))}\t{m.group(3)}'
        if re.match(r'^PERF\d{3}\t', l) or l.startswith('AD0001') or 'FIX-' in l:
            lines.setdefault(l, None)
with open(out, 'w') as f:
    f.write(f'# {runs} runs\n')
    for l in sorted(lines): f.write(l + '\n')
print(f'{len(lines)} reports in {runs} runs -> {out}', file=sys.stderr)
