#!/usr/bin/env python3
"""Compares two regression.sh output folders: reports per application, and every report added or removed.

    python3 bench/real-world/compare-regression.py <before> <after>
"""
import os
import re
import sys
from collections import Counter

REPORT = re.compile(r'^PERF\d{3}\t')


def reports(path):
    with open(path, encoding='utf-8', errors='replace') as handle:
        lines = handle.read().splitlines()
    exceptions = [line for line in lines if line.startswith('analyzer exceptions') and not line.endswith(': 0')]
    return sorted(line for line in lines if REPORT.match(line)), exceptions


def main(before, after):
    names = sorted(set(os.listdir(before)) | set(os.listdir(after)))
    total_before = total_after = 0
    for name in (n for n in names if n.endswith('.txt')):
        old, old_exceptions = reports(os.path.join(before, name)) if os.path.exists(os.path.join(before, name)) else ([], [])
        new, new_exceptions = reports(os.path.join(after, name)) if os.path.exists(os.path.join(after, name)) else ([], [])
        total_before += len(old)
        total_after += len(new)
        # A report can appear twice (two calls on one line): compared as counts.
        removed = sorted((Counter(old) - Counter(new)).elements())
        added = sorted((Counter(new) - Counter(old)).elements())
        print(f'{name[:-4]}: {len(old)} -> {len(new)}' + ('' if removed or added else ' (same)'))
        for line in removed:
            print('  - ' + line)
        for line in added:
            print('  + ' + line)
        for line in new_exceptions:
            print('  ! ' + line)
    print(f'total: {total_before} -> {total_after}')


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
