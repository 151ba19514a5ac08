#!/usr/bin/env python3
"""hookline schema infer vs GenSON 1.4.0 on the same make_corpus.py corpus, same run.

usage: infer_bench.py HOOKLINE WORKDIR     (writes a Markdown section on stdout)
Targets (issue 2): >= 8x GenSON's MB/s on one core, >= 20x with both cores.
"""
import os, subprocess, sys, time
sys.path.insert(0, os.path.dirname(__file__))
from machine import describe

hookline, work = sys.argv[1], sys.argv[2]
shared = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "peers")
events = int(os.environ.get("INFER_EVENTS", "200000"))
corpus = os.path.join(work, f"corpus-{events}.ndjson")
if not os.path.exists(corpus):
    subprocess.run([sys.executable, os.path.join(shared, "make_corpus.py"), str(events), corpus], check=True)
size = os.path.getsize(corpus)

def best_of(n, argv):
    best = None
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return best

genson = best_of(2, [sys.executable, os.path.join(shared, "genson_infer.py"), corpus, os.path.join(work, "genson.json")])
one = best_of(5, [hookline, "schema", "infer", "--ndjson", "--jobs", "1", corpus])
two = best_of(5, [hookline, "schema", "infer", "--ndjson", "--jobs", "2", corpus])
mb = size / 1e6
rows = [("GenSON 1.4.0 (CPython)", genson), ("hookline, 1 core", one), ("hookline, 2 cores", two)]
print("## Schema inference: `hookline schema infer --ndjson` vs GenSON\n")
print(f"Machine: {describe()}\n")
print(f"Corpus: `make_corpus.py {events}` = {mb:.1f} MB. Wall time of the whole command (process start, "
      "read, parse, infer, print), best of 5 (GenSON best of 2).\n")
print("| tool | seconds | MB/s | × GenSON |")
print("|---|---:|---:|---:|")
for name, dt in rows:
    print(f"| {name} | {dt:.3f} | {mb / dt:.1f} | {genson / dt:.1f}× |")
print()
print(f"Targets: ≥ 8× on one core: **{'met' if genson / one >= 8 else 'MISSED'}** ({genson / one:.1f}×); "
      f"≥ 20× on both cores: **{'met' if genson / two >= 20 else 'MISSED'}** ({genson / two:.1f}×). "
      f"Scaling 1 → 2 cores: {one / two:.2f}×.\n")
print(f"Command: `Benchmarks/run.sh infer` (INFER_EVENTS={events}).\n")
