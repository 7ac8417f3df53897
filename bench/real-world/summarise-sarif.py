#!/usr/bin/env python3
"""Prints every PerfAnalyzers result in SARIF 2.1 files: rule id, file:line and message, then counts per rule.

Usage: summarise-sarif.py [--root <folder>] <file.sarif> [<file.sarif> ...]

--root makes paths relative to the application's checkout. A result reported by two projects that compile the
same file (a file linked into two services) is printed and counted once. AD0001 (an analyzer threw) is counted
when its message names a PerfAnalyzers analyzer. A SARIF file whose run lists no PERF rule comes from a
compilation where PerfAnalyzers did not run (the compiler stops before analyzers when declarations do not bind,
for example a using directive of a package that did not restore); it is listed as not analysed.
"""
import json
import sys
from collections import Counter
from urllib.parse import unquote, urlparse


def location_of(result):
    for location in result.get("locations", []):
        physical = location.get("physicalLocation", {})
        uri = physical.get("artifactLocation", {}).get("uri", "")
        line = physical.get("region", {}).get("startLine", 0)
        path = unquote(urlparse(uri).path) if uri.startswith("file:") else uri
        return path, line
    return "", 0


def main(argv):
    root = None
    if len(argv) >= 2 and argv[0] == "--root":
        root = argv[1].rstrip("/") + "/"
        argv = argv[2:]

    seen = set()
    rows = []
    analyzer_failures = []
    not_analysed = []
    for path in argv:
        try:
            with open(path, encoding="utf-8-sig") as handle:
                log = json.load(handle)
        except (OSError, ValueError) as error:
            print(f"skipped {path}: {error}", file=sys.stderr)
            continue
        for run in log.get("runs", []):
            rules = run.get("tool", {}).get("driver", {}).get("rules", [])
            if not any(rule.get("id", "").startswith("PERF") for rule in rules):
                # The compiler stops before running analyzers when declarations do not bind.
                not_analysed.append(path)
            for result in run.get("results", []):
                rule = result.get("ruleId", "")
                message = result.get("message", {}).get("text", "")
                if rule == "AD0001" and "PerfAnalyzers" in message:
                    analyzer_failures.append((path, message))
                    continue
                if not rule.startswith("PERF"):
                    continue
                file, line = location_of(result)
                if root and file.startswith(root):
                    file = file[len(root):]
                key = (rule, file, line, message)
                if key in seen:
                    continue
                seen.add(key)
                rows.append(key)

    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    for rule, file, line, message in rows:
        print(f"{rule}  {file}:{line}  {message}")
    print()
    counts = Counter(r[0] for r in rows)
    for rule in sorted(counts):
        print(f"{rule}\t{counts[rule]}")
    print(f"all\t{len(rows)}")
    print(f"AD0001 from PerfAnalyzers\t{len(analyzer_failures)}")
    for path, message in analyzer_failures:
        print(f"  {path}: {message}")
    for path in not_analysed:
        print(f"not analysed (PerfAnalyzers did not run; see the build log): {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
