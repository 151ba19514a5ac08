#!/usr/bin/env python3
"""Assembles BENCHMARKS.md from the per-benchmark sections in Benchmarks/results/."""
import os, sys
results, out = sys.argv[1], sys.argv[2]
order = ["ingest", "drift", "e2e", "profile-runner", "infer", "render", "profile", "map", "json", "coldstart"]
names = sorted(f[:-3] for f in os.listdir(results) if f.endswith(".md"))
names = [n for n in order if n in names] + [n for n in names if n not in order]
with open(out, "w") as f:
    f.write("# Benchmarks\n\nFigures from `Benchmarks/run.sh`; every peer runs in the same run as Hookline, "
            "so compare ratios, not absolute numbers (these machines are noisy).\n\n")
    for n in names:
        f.write(open(os.path.join(results, n + ".md")).read().rstrip() + "\n\n")
