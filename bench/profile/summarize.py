"""Summarises `perf script -F tid,time,ip,sym,dso` output of bench/build-inproc (see cpu-samples.sh)."""
import collections
import re
import sys

path, skip, label = sys.argv[1], float(sys.argv[2]), sys.argv[3]


def name(frame):
    found = re.search(r'\] ([^ \[]+::[^(]+)\(', frame)
    return (found.group(1) if found else frame.strip()[:80]).replace('PerfAnalyzers.', '')


start = None
emit = ours_managed = ours_runtime = 0
by_rule = collections.Counter()
deepest = collections.Counter()
for block in open(path, errors='replace').read().split('\n\n'):
    lines = block.strip('\n').split('\n')
    try:
        time = float(lines[0].split()[1].rstrip(':'))
    except (IndexError, ValueError):
        continue
    start = time if start is None else start
    if time - start < skip:
        continue
    frames = lines[1:]  # the leaf first
    if any('Compilation::Emit(' in f for f in frames):
        emit += 1
    ours = [i for i, f in enumerate(frames) if '[PerfAnalyzers]' in f]
    if not ours:
        continue
    in_runtime = any('libcoreclr' in f for f in frames[:ours[0]])
    if in_runtime:
        ours_runtime += 1
    else:
        ours_managed += 1
        deepest[name(frames[ours[0]])] += 1
    rule = re.search(r'PerfAnalyzers\.\w+\.(PERF\d+)', frames[ours[-1]])
    by_rule[rule.group(1) if rule else 'shared (' + name(frames[ours[-1]]) + ')'] += 1

per = lambda n: 1000.0 * n / max(emit, 1)
print(f"## {label}: our samples per 1,000 samples of the compiler's Emit")
print()
print(f"- ours {per(ours_managed + ours_runtime):.1f}: our code {per(ours_managed):.1f}, runtime under our frames {per(ours_runtime):.1f}"
      f" ({ours_managed + ours_runtime} and {emit} samples after the first {skip:g} s)")
print()
print('| Outermost analyzer | Per 1,000 Emit |')
print('|---|---:|')
for rule, count in by_rule.most_common(12):
    print(f'| {rule} | {per(count):.1f} |')
print()
print('| Deepest frame of ours (our code only) | Per 1,000 Emit |')
print('|---|---:|')
for frame, count in deepest.most_common(15):
    print(f'| `{frame}` | {per(count):.1f} |')
print()
