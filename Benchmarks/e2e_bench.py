#!/usr/bin/env python3
"""End to end: webhook in → stored → mapped → delivered to a loopback sink, sustained.

usage: e2e_bench.py BIN_DIR WORKDIR     (writes a Markdown section on stdout)
wrk -t2 -c256 (E2E_CONNECTIONS: many senders, so a commit of a few ms does not cap the offered
load) POSTs ~200-byte Iterable system webhook events to `hookline run` at a fixed rate
(E2E_RATE, default 10000/s, paced by the wrk script) for E2E_SECONDS (default 60); the runner
maps each (track_event) and delivers it to BenchServer. Sampled every 5 s: the runs not yet
delivered (from the SQLite file) and the sink's count. Targets (issue 6): >= 10k events/s,
peak RSS < 150 MB (VmHWM), no backlog growth. Latency from 202 to delivery: a run's
created_at (set in the transaction that commits it, before the 202) to its updated_at (the
transaction that records the delivery succeeded, after the sink answered), p50/p99.
"""
import os, sqlite3, sys, threading, time
sys.path.insert(0, os.path.dirname(__file__))
from machine import describe
import servers

bin_dir, work = sys.argv[1], sys.argv[2]
rate = int(os.environ.get("E2E_RATE", "10000"))
seconds = int(os.environ.get("E2E_SECONDS", "60"))
connections = int(os.environ.get("E2E_CONNECTIONS", "256"))
store = os.path.join(work, "e2e.sqlite")
log = os.path.join(work, "e2e-runner.log")
PENDING = ("queued", "running", "retrying")



def measure(rate, seconds):
    """One sustained run at `rate` events/s: what was accepted, delivered, left behind, and how fast."""
    servers.remove_store(store)
    samples = []
    with servers.bench_server(bin_dir) as sink, servers.runner(bin_dir, store, sink.port, log) as hookline:
        stats = lambda: servers.get_json(f"http://127.0.0.1:{sink.port}/stats")
        stop = threading.Event()

        def sample():
            started = time.time()
            while not stop.wait(5):
                counts = servers.store_counts(store)
                samples.append((time.time() - started, sum(counts.get(s, 0) for s in PENDING), sum(counts.values()),
                                stats()["requests"], hookline.peak_rss_mb()))

        sampler = threading.Thread(target=sample)
        sampler.start()
        load = servers.wrk(f"http://127.0.0.1:{hookline.port}/hooks/bench", seconds, connections=connections, rate=rate)
        stop.set()
        sampler.join()
        at_end = stats()["requests"]
        drain_started = time.time()
        while time.time() - drain_started < 120:
            counts = servers.store_counts(store)
            if sum(counts.get(s, 0) for s in PENDING) == 0:
                break
            time.sleep(0.2)
        drain = time.time() - drain_started
        final = stats()
        counts = servers.store_counts(store)
        peak_rss = hookline.peak_rss_mb()
        cpu = hookline.cpu_seconds()
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    latencies = sorted(r[0] for r in db.execute("SELECT updated_at - created_at FROM runs WHERE status = 'succeeded'"))
    db.close()
    quantile = lambda q: latencies[min(len(latencies) - 1, int(len(latencies) * q))] * 1000 if latencies else float("nan")
    delivered_in_window = samples[-1][3] if samples else at_end
    window = samples[-1][0] if samples else seconds
    backlogs = [s[1] for s in samples]
    # No growth: the backlog stays under one second of load and does not trend up over the run's second half.
    half = backlogs[len(backlogs) // 2:] or [0]
    return dict(load=load, accepted_rate=load["rps"], delivered_rate=delivered_in_window / window, backlogs=backlogs,
                no_growth=max(backlogs or [0]) < rate and half[-1] <= max(half[0], rate / 10), drain=drain, final=final,
                counts=counts, peak_rss=peak_rss, cpu=cpu, p50=quantile(0.5), p99=quantile(0.99))


m = measure(rate, seconds)
load, accepted_rate, delivered_rate, backlogs, no_growth = m["load"], m["accepted_rate"], m["delivered_rate"], m["backlogs"], m["no_growth"]
drain, final, counts, peak_rss, cpu = m["drain"], m["final"], m["counts"], m["peak_rss"], m["cpu"]
quantile = lambda q: m["p50"] if q == 0.5 else m["p99"]
sustain_rates = [int(r) for r in os.environ.get("E2E_SUSTAIN_RATES", "2000,4000,6000,8000").split(",") if r]
sustain_seconds = int(os.environ.get("E2E_SUSTAIN_SECONDS", "20"))
sustained = [(r, measure(r, sustain_seconds)) for r in sustain_rates]

print("## End to end: ingest → map → deliver to a loopback sink\n")
print(f"Machine: {describe()}\n")
print(f"`hookline run Benchmarks/inputs/bench-runner.yaml` (one flow: Iterable system webhook → mapping → `track_event`, "
      f"16 delivery workers (the default), SQLite) delivering to `BenchServer`; `wrk -t2 -c{connections} -d{seconds}s` POSTs 202-byte events paced to "
      f"{rate:,}/s. Every 5 s: runs not yet delivered (queued, running or retrying, read from the SQLite file) and the "
      "sink's count.\n")
print("| | figure | target |")
print("|---|---:|---|")
print(f"| accepted (202) | {accepted_rate:,.0f} events/s ({load['requests']:,}, {load['non2xx']} not 202) | |")
print(f"| delivered during the load | {delivered_rate:,.0f} events/s | ≥ 10,000/s: **{'met' if delivered_rate >= 10000 else 'MISSED'}** |")
print(f"| peak RSS (VmHWM) | {peak_rss:.0f} MB | < 150 MB: **{'met' if peak_rss < 150 else 'MISSED'}** |")
print(f"| backlog (5 s samples) | {', '.join(f'{b:,}' for b in backlogs)} | no growth: **{'met' if no_growth else 'MISSED'}** |")
print(f"| drained after the load | {drain:.1f} s | |")
print(f"| 202 → delivered, p50 / p99 | {quantile(0.5):.1f} / {quantile(0.99):.1f} ms | |")
print(f"| runner CPU | {cpu:.0f} s in {seconds + drain:.0f} s | |")
print()
print(f"Sink total {final['requests']:,} deliveries for {load['requests']:,} accepted events; store: "
      + ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())) + ". wrk's own latency for the 202: "
      f"p50 {load['p50_us'] / 1000:.2f} ms, p99 {load['p99_us'] / 1000:.2f} ms.\n")
if sustained:
    print(f"Lower offered rates, {sustain_seconds} s each (same setup, fresh store): where delivery keeps up.\n")
    print("| offered /s | accepted /s | delivered during the load /s | backlog samples | no growth | 202 → delivered p50 / p99 ms | runner CPU s |")
    print("|---:|---:|---:|---|---|---:|---:|")
    for r, x in sustained:
        print(f"| {r:,} | {x['accepted_rate']:,.0f} | {x['delivered_rate']:,.0f} | {', '.join(f'{b:,}' for b in x['backlogs'])} | "
              f"{'yes' if x['no_growth'] else 'no'} | {x['p50']:.1f} / {x['p99']:.1f} | {x['cpu']:.0f} |")
    kept = [r for r, x in sustained if x["no_growth"]]
    print(f"\nHighest offered rate delivered with no backlog growth: **{max(kept):,}/s**.\n" if kept else
          "\nNo offered rate was delivered without backlog growth.\n")
print("Command: `Benchmarks/run.sh e2e` (E2E_RATE, default 10000; E2E_SECONDS, default 60; E2E_SUSTAIN_RATES, default "
      "2000,4000,6000,8000; E2E_SUSTAIN_SECONDS, default 20).\n")
