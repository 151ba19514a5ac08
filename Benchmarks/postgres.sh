#!/usr/bin/env bash
# Benchmarks/postgres.sh: the PostgreSQL store with 1 and 2 `hookline run` processes
# (ingest and end to end); writes Benchmarks/results/postgres.md. Also `Benchmarks/run.sh postgres`.
# Starts its own private PostgreSQL server (.ci/postgres.sh) and stops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
work=Benchmarks/.work
mkdir -p "$work" Benchmarks/results
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

echo "== release build"
build=(swift build -c release --static-swift-stdlib --scratch-path .build-release)
"${build[@]}" --product hookline >/dev/null
# The sink: BenchSink where it exists, else the benchmark's own asyncio sink.
if [ -d Benchmarks/BenchSink ]; then "${build[@]}" --product BenchSink >/dev/null; fi
bin=$("${build[@]}" --show-bin-path)

# shellcheck source=../.ci/postgres.sh
HOOKLINE_PG_FSYNC=on source .ci/postgres.sh
echo "== postgres: 1 vs 2 runners"
python3 Benchmarks/postgres_bench.py "$bin" "$work" > Benchmarks/results/postgres.md
cat Benchmarks/results/postgres.md
