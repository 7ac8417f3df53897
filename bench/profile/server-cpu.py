"""CPU samples of a compiler server during measured builds (see server-cpu.sh): each analyzer assembly's samples
(a sample counts for an assembly when one of its frames is on the stack, as the compiler's clock charges a callback
for everything under it), our rules by their outermost frame, and the server's whole CPU time."""
import collections
import re
import sys

stacks_path, frequency = sys.argv[1], float(sys.argv[2])
ASSEMBLY = re.compile(r'\[([A-Za-z0-9_.]+(?:Analyzers|Analyzer|Generator))\]')
DSO = re.compile(r'/([A-Za-z0-9_.]+(?:Analyzers|Analyzer|Generator))\.dll\)')
RULE = re.compile(r'PerfAnalyzers\.\w+\.(PERF\d+)')

total = 0
by_assembly = collections.Counter()
by_rule = collections.Counter()


def handle(frames):
    global total
    total += 1
    seen = set()
    outermost_rule = None
    for frame in frames:
        for pattern in (ASSEMBLY, DSO):
            for found in pattern.findall(frame):
                seen.add(found)
        rule = RULE.search(frame)
        if rule:
            outermost_rule = rule.group(1)
    for assembly in seen:
        by_assembly[assembly] += 1
    if 'PerfAnalyzers' in seen:
        by_rule[outermost_rule or 'shared'] += 1


block = []
with open(stacks_path, errors='replace') as stacks:
    for line in stacks:
        if line.strip():
            block.append(line)
        elif block:
            handle(block[1:])
            block = []
if block:
    handle(block[1:])

print(f'server\t{total / frequency:.3f}')
for assembly, count in by_assembly.most_common():
    print(f'assembly\t{assembly}\t{count / frequency:.3f}')
for rule, count in sorted(by_rule.items()):
    print(f'rule\t{rule}\t{count / frequency:.3f}')
