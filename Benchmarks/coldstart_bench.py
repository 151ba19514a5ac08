#!/usr/bin/env python3
"""CLI cold start: `hookline --version` with hyperfine (warm page cache, as a shell user sees it).

usage: coldstart_bench.py HOOKLINE WORKDIR     (writes a Markdown section on stdout)
Target (issue 6): < 30 ms. `/bin/true` runs in the same hyperfine call as the floor of process start-up.
"""
import json, os, subprocess, sys
sys.path.insert(0, os.path.dirname(__file__))
from machine import describe

hookline, work = sys.argv[1], sys.argv[2]
out = os.path.join(work, "coldstart.json")
subprocess.run(["hyperfine", "--warmup", "5", "--runs", "100", "-N", "--export-json", out, f"{hookline} --version", "/bin/true"],
               check=True, capture_output=True)
results = {r["command"]: r for r in json.load(open(out))["results"]}
ours = results[f"{hookline} --version"]
floor = results["/bin/true"]
ms = lambda r, key: r[key] * 1000
median = ms(ours, "median")
print("## CLI cold start: `hookline --version`\n")
print(f"Machine: {describe()}\n")
print("`hyperfine -N --warmup 5 --runs 100` (no shell), release binary with the Swift runtime linked statically; "
      "`/bin/true` in the same call is the floor of process start-up on this machine.\n")
print("| command | mean ms | median ms | min ms | max ms |")
print("|---|---:|---:|---:|---:|")
for name, r in (("hookline --version", ours), ("/bin/true", floor)):
    print(f"| `{name}` | {ms(r, 'mean'):.1f} | {ms(r, 'median'):.1f} | {ms(r, 'min'):.1f} | {ms(r, 'max'):.1f} |")
print()
print(f"Target < 30 ms: **{'met' if median < 30 else 'MISSED'}** (median {median:.1f} ms).\n")
print("Command: `Benchmarks/run.sh coldstart`.\n")
