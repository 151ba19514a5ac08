#!/usr/bin/env python3
"""What checking events against a flow's own schema (drift) costs ingest: the same ingest-only
runner, its flow without and with `trigger.samples`, back to back.

usage: drift_bench.py BIN_DIR WORKDIR     (writes a Markdown section on stdout)
Target (issue 18): the flow with a schema ingests at >= 90% of the flow without (median of 3
back-to-back rounds each). The posted event has a member the pinned schema lacks, so every event
drifts and is counted in /metrics, the costliest case.
"""
import json, os, statistics, subprocess, sys, urllib.request
sys.path.insert(0, os.path.dirname(__file__))
from machine import describe
import servers

bin_dir, work = sys.argv[1], sys.argv[2]
seconds = int(os.environ.get("DRIFT_SECONDS", "10"))
rounds = int(os.environ.get("DRIFT_ROUNDS", "3"))
store = os.path.join(work, "drift.sqlite")
log = os.path.join(work, "drift-runner.log")

# The posted event's shape (Benchmarks/inputs/post-event.lua) without `templateId`: every event
# then has an unknown member.
sample = {"email": "ana@example.com", "eventName": "emailOpen",
          "dataFields": {"email": "ana@example.com", "createdAt": "2026-06-10 14:02:11 +00:00",
                         "campaignId": 5123456, "messageId": "m1-0000000001"}}
sample_path = os.path.join(work, "drift-event.sample.json")
with open(sample_path, "w") as out:
    json.dump(sample, out)
# Pinned (trigger.schema), so the trigger's own schema (every event type's fields) does not
# make the missing member known.
schema = subprocess.run([os.path.join(bin_dir, "hookline"), "schema", "infer", sample_path],
                        check=True, capture_output=True, text=True).stdout
with open(os.path.join(work, "drift-event.schema.json"), "w") as out:
    out.write(schema)
plain = servers.ingest_only_config(work)
with_schema = os.path.join(work, "bench-runner-drift.yaml")
with open(plain) as source, open(with_schema, "w") as out:
    text = source.read()
    marker = "      trigger: system_webhook\n"
    assert marker in text, "bench-runner.yaml changed: update drift_bench.py"
    out.write(text.replace(marker, marker + "      schema: drift-event.schema.json\n"))


def round_(config):
    servers.remove_store(store)
    with servers.sink(bin_dir) as sink, servers.runner(bin_dir, store, sink.port, log, config) as hookline:
        result = servers.wrk(f"http://127.0.0.1:{hookline.port}/hooks/bench", seconds)
        metrics = urllib.request.urlopen(f"http://127.0.0.1:{hookline.port}/metrics").read().decode()
        result["drift"] = sum(int(float(line.rsplit(" ", 1)[1])) for line in metrics.splitlines()
                              if line.startswith("hookline_schema_drift_total{"))
        result["bad"] = result["non2xx"] + result["timeout"]
        return result


without, checked = [], []
for _ in range(rounds):
    without.append(round_(plain))
    checked.append(round_(with_schema))
a = statistics.median(r["rps"] for r in without)
b = statistics.median(r["rps"] for r in checked)
ratio = b / a
print("## Drift checks on ingest: a flow with its own schema vs without\n")
print(f"Machine: {describe()}\n")
print(f"`wrk -t2 -c64 -d{seconds}s` over loopback, the ingest benchmark's event, an ingest-only runner "
      "(`delivery.workers: 0`, SQLite, synced). *With schema*: the same flow with `trigger.schema` (inferred from an event "
      "lacking one of the posted event's members, so every event drifts and is counted in `hookline_schema_drift_total`). "
      f"{rounds} back-to-back rounds of each, alternating; medians compared.\n")
print("| flow | rounds (req/s) | median req/s | × without |")
print("|---|---|---:|---:|")
rates = lambda results: ", ".join(f"{r['rps']:,.0f}" for r in results)
print(f"| without a schema | {rates(without)} | {a:,.0f} | 1.00× |")
print(f"| with `trigger.schema` (drift checked and counted) | {rates(checked)} | {b:,.0f} | {ratio:.2f}× |")
print()
counted = all(r["drift"] >= r["requests"] for r in checked)
tallies = ", ".join(f"{r['drift']:,} of {r['requests']:,}" for r in checked)
bad = sum(r["bad"] for r in without + checked)
print(f"Target ≥ 0.90× (at most 10% of throughput): **{'met' if ratio >= 0.9 else 'MISSED'}** ({ratio:.2f}×). "
      f"Every accepted event counted as drift: **{'yes' if counted else 'NO'}** (drift counted / events answered: {tallies}); "
      f"other answers or timeouts: {bad}.\n")
print("Command: `Benchmarks/run.sh drift` (DRIFT_SECONDS, default 10; DRIFT_ROUNDS, default 3).\n")
