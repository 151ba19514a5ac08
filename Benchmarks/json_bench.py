#!/usr/bin/env python3
"""ConnectorKit's JSON parser/serializer vs Foundation's JSONSerialization, same run.

usage: json_bench.py JSONBENCH WORKDIR    (writes a Markdown section on stdout)
"""
import os, subprocess, sys
sys.path.insert(0, os.path.dirname(__file__))
from machine import describe
import corpus as inputs

bench, work = sys.argv[1], sys.argv[2]
corpus = inputs.corpus(work, 50000)
out = subprocess.run([bench, corpus, "--repeat", "5"], check=True, capture_output=True, text=True).stdout
figures = {}
for line in out.splitlines():
    parts = line.split()
    if len(parts) == 4 and parts[3] == "MB/s":
        figures[(parts[0], parts[1])] = float(parts[2])
print("## JSON: ConnectorKit vs Foundation `JSONSerialization`\n")
print(f"Machine: {describe()}\n")
print(f"Input: `make_corpus.py 50000` ({os.path.getsize(corpus) / 1e6:.1f} MB), one value per line, best of 5, one core.\n")
print("| operation | ConnectorKit MB/s | Foundation MB/s | ratio |")
print("|---|---:|---:|---:|")
for op in ("parse", "serialize"):
    ours, theirs = figures.get((op, "hookline")), figures.get((op, "foundation"))
    if ours and theirs:
        print(f"| {op} | {ours:.1f} | {theirs:.1f} | {ours / theirs:.1f}× |")
print(f"\nCommand: `Benchmarks/run.sh json`.\n")
