"""Summarises `perf script -F tid,time,event,trace,ip,sym` of sched:sched_switch events (see off-cpu.sh): the time
each thread spent switched out after leaving in one of our frames, by its state when it left and by our frame."""
import collections
import re
import sys

path, analyses = sys.argv[1], int(sys.argv[2])
HEADER = re.compile(r'\s*(\d+)\s+([\d.]+): sched:sched_switch: .*prev_pid=(\d+) .*prev_state=(\S+) ==> .*next_pid=(\d+)')
RULE = re.compile(r'PerfAnalyzers\.\w+\.(PERF\d+)')


def name(frame):
    found = re.search(r'\] ([^ \[]+::[^(]+)\(', frame)
    return (found.group(1) if found else frame.strip()[:70]).replace('PerfAnalyzers.', '')


events = []
block = []


def parse(lines):
    header = HEADER.match(lines[0])
    if header:
        events.append((float(header.group(2)), int(header.group(3)), header.group(4), int(header.group(5)), lines[1:]))


for line in open(path, errors='replace'):
    if line.strip():
        block.append(line.rstrip('\n'))
    elif block:
        parse(block)
        block = []
if block:
    parse(block)

events.sort(key=lambda e: e[0])
left = {}
by_state = collections.Counter()
by_frame = collections.Counter()
by_rule = collections.Counter()
for time, prev, state, following, stack in events:
    if following in left:
        since, left_state, left_stack = left.pop(following)
        ours = [i for i, frame in enumerate(left_stack) if '[PerfAnalyzers]' in frame]
        if ours:
            ms = (time - since) * 1000
            by_state[left_state[0]] += ms
            by_frame[(left_state[0], name(left_stack[ours[0]]))] += ms
            rule = RULE.search(left_stack[ours[-1]])
            by_rule[rule.group(1) if rule else 'shared'] += ms
    left[prev] = (time, state, stack)

print(f'## Time switched out in our frames, per analysis ({analyses} analyses, warm-up included)')
print()
print('| Thread state when switched out | ms per analysis |')
print('|---|---:|')
labels = {'R': 'R: preempted, still runnable', 'S': 'S: blocked (lock, event)', 'D': 'D: blocked (I/O)'}
for state, ms in by_state.most_common():
    print(f'| {labels.get(state, state)} | {ms / analyses:.2f} |')
print()
print('| Rule (outermost frame) | ms per analysis |')
print('|---|---:|')
for rule, ms in by_rule.most_common(12):
    print(f'| {rule} | {ms / analyses:.2f} |')
print()
print('| State, our innermost frame | ms per analysis |')
print('|---|---:|')
for (state, frame), ms in by_frame.most_common(12):
    print(f'| {state}, `{frame}` | {ms / analyses:.2f} |')
