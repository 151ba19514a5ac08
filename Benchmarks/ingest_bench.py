#!/usr/bin/env python3
"""Durable ingest: `hookline run` (SQLite) vs the bare Hummingbird 2 server (BenchServer), same run.

usage: ingest_bench.py BIN_DIR WORKDIR     (writes a Markdown section on stdout)
wrk -t2 -c64 over loopback POSTs the same ~200-byte Iterable system webhook event (each with its
own messageId) to both; rounds alternate bare / runner and the best of each is reported. Target
(issue 6): runner >= 0.5x the bare server's req/s, p99 < 10 ms. Every 202 means the event is in
the SQLite file (synchronous = FULL); the script checks the stored count against the 202s.
fsyncs per event: `strace -f -c -e trace=fsync,fdatasync` attached to the runner for a separate run.
"""
import os, re, signal, subprocess, sys, time
sys.path.insert(0, os.path.dirname(__file__))
from machine import describe
import servers

bin_dir, work = sys.argv[1], sys.argv[2]
seconds = int(os.environ.get("INGEST_SECONDS", "15"))
rounds = int(os.environ.get("INGEST_ROUNDS", "2"))
store = os.path.join(work, "ingest.sqlite")
log = os.path.join(work, "ingest-runner.log")


def bare_round():
    with servers.bench_server(bin_dir) as bare:
        result = servers.wrk(f"http://127.0.0.1:{bare.port}/hooks/bench", seconds)
        result["counted"] = servers.get_json(f"http://127.0.0.1:{bare.port}/stats")["requests"]
        return result


def runner_round(trace_fsyncs=False, config=servers.RUNNER_CONFIG):
    servers.remove_store(store)
    with servers.sink(bin_dir) as sink, servers.runner(bin_dir, store, sink.port, log, config) as hookline:
        tracer = None
        if trace_fsyncs:
            trace_out = os.path.join(work, "ingest-strace.txt")
            tracer = subprocess.Popen(["strace", "-f", "-c", "-o", trace_out, "-e", "trace=fsync,fdatasync",
                                       "-p", str(hookline.pid)], stderr=subprocess.DEVNULL)
            time.sleep(1)
        result = servers.wrk(f"http://127.0.0.1:{hookline.port}/hooks/bench", seconds)
        if tracer:
            tracer.send_signal(signal.SIGINT)
            tracer.wait()
            text = open(trace_out).read()
            result["fsyncs"] = sum(int(m.group(1)) for m in re.finditer(r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?f(?:data)?sync$", text, re.M))
        result["delivered_during"] = servers.get_json(f"http://127.0.0.1:{sink.port}/stats")["requests"]
        result["stored"] = sum(servers.store_counts(store).values())
        result["cpu"] = hookline.cpu_seconds()
        return result


ingest_only = servers.ingest_only_config(work)
bares, runs, delivering = [], [], []
for _ in range(rounds):
    bares.append(bare_round())
    runs.append(runner_round(config=ingest_only))
    delivering.append(runner_round())
traced = runner_round(trace_fsyncs=True, config=ingest_only)
bare = max(bares, key=lambda r: r["rps"])
run = max(runs, key=lambda r: r["rps"])
busy = max(delivering, key=lambda r: r["rps"])
ratio = run["rps"] / bare["rps"]
p99 = run["p99_us"] / 1000
bad = sum(r["non2xx"] + r["timeout"] for r in runs + delivering)
# wrk counts responses it read in full; a 202 in flight at the end may be stored but not counted.
stored_ok = all(r["stored"] >= r["requests"] and r["stored"] - r["requests"] <= 64 for r in runs + delivering)

counts = ", ".join(f"{r['stored']:,} stored / {r['requests']:,} answered" for r in runs + delivering)
print("## Durable ingest: `hookline run` (SQLite) vs a bare Hummingbird 2 server\n")
print(f"Machine: {describe()}\n")
print(f"`wrk -t2 -c64 -d{seconds}s` over loopback, `Benchmarks/inputs/post-event.lua`: the same 202-byte Iterable system "
      "webhook event, each with its own `messageId`. Bare: `BenchServer` (Hummingbird 2; reads the body, answers 200 `{}`). "
      "Hookline: `hookline run Benchmarks/inputs/bench-runner.yaml` (one flow, SQLite WAL with `synchronous = FULL`, "
      "group commit; 202 only once the event is on disk), first as an ingest-only runner (`delivery.workers: 0`, "
      "as in a PostgreSQL scale-out where other runners deliver: the durable ingest the target is about), then with its "
      "16 delivery workers delivering to `BenchSink` (the loopback sink, on SwiftNIO alone) meanwhile, competing with ingest for the 2 cores. "
      f"{rounds} rounds of each, alternating, best of each shown.\n")
print("| | req/s | p50 ms | p99 ms | × bare |")
print("|---|---:|---:|---:|---:|")
for name, r in (("BenchServer (bare Hummingbird 2)", bare), ("hookline run, SQLite, ingest only", run),
                ("hookline run, SQLite, delivering meanwhile", busy)):
    print(f"| {name} | {r['rps']:,.0f} | {r['p50_us'] / 1000:.2f} | {r['p99_us'] / 1000:.2f} | {r['rps'] / bare['rps']:.2f}× |")
print()
print("All rounds (req/s): bare " + ", ".join(f"{r['rps']:,.0f}" for r in bares) + "; ingest only " +
      ", ".join(f"{r['rps']:,.0f}" for r in runs) + "; delivering " + ", ".join(f"{r['rps']:,.0f}" for r in delivering) + ".\n")
print(f"Target (ingest only) ≥ 0.5× bare: **{'met' if ratio >= 0.5 else 'MISSED'}** ({ratio:.2f}×); p99 < 10 ms: "
      f"**{'met' if p99 < 10 else 'MISSED'}** ({p99:.2f} ms).\n")
print(f"Durability check: every response was a 202 ({bad} other answers or timeouts) and the store holds as many runs as "
      f"wrk counted 202s: **{'yes' if stored_ok and bad == 0 else 'NO'}** "
      f"({counts}). "
      f"Runner CPU in the best rounds: {run['cpu']:.1f} s in {seconds} s ingest only; {busy['cpu']:.1f} s delivering, "
      f"when the sink received {busy['delivered_during']:,} deliveries ({busy['delivered_during'] / seconds:,.0f}/s).\n")
if "fsyncs" in traced:
    print(f"fsyncs per event: **{traced['fsyncs'] / traced['requests']:.3f}** ({traced['fsyncs']:,} `fsync`/`fdatasync` calls "
          f"for {traced['requests']:,} events accepted at {traced['rps']:,.0f} req/s, counted by "
          "`strace -f -c -e trace=fsync,fdatasync -p RUNNER` (every thread) over a separate ingest-only run under strace).\n")
print("Command: `Benchmarks/run.sh ingest` (INGEST_SECONDS, default 15; INGEST_ROUNDS, default 2).\n")
