#!/usr/bin/env python3
"""Mapping throughput on a make_corpus.py corpus (events/s, one core; no peer: issue 3 asks for the figure).

usage: map_bench.py TEMPLATEBENCH WORKDIR     (writes a Markdown section on stdout)
Each mapping is compiled once; only `apply` over already-parsed events is timed, best of 7.
"""
import os, re, subprocess, sys
sys.path.insert(0, os.path.dirname(__file__))
from machine import describe
import corpus as inputs

bench, work = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
events = int(os.environ.get("MAP_EVENTS", "20000"))
corpus = inputs.corpus(work, events)

mappings = [
    ("cloutly-mapping.json", "templates, typed references, `coalesce`, `default`, `each` over items"),
    ("track-event-mapping.json", "the e2e benchmark's flow: two templates and one path (`dataFields`, an object)"),
]
print("## Mapping throughput\n")
print(f"Machine: {describe()}\n")
print(f"Corpus: `make_corpus.py {events}`; `TemplateBench map` compiles each mapping once and times only applying it "
      "to already-parsed events (best of 7, one core).\n")
print("| mapping | what it does | events/s |")
print("|---|---|---:|")
for name, what in mappings:
    out = subprocess.run([bench, "map", corpus, os.path.join(here, "inputs", name), "--repeat", "7"],
                         check=True, capture_output=True, text=True).stdout
    rate = float(re.search(r"map hookline (\d+)", out).group(1))
    print(f"| `Benchmarks/inputs/{name}` | {what} | {rate:,.0f} |")
print()
print("Command: `Benchmarks/run.sh map` (MAP_EVENTS, default 20000).\n")
