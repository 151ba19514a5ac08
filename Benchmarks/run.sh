#!/usr/bin/env bash
# Benchmarks/run.sh [infer|json|render|all]
# Release builds; each benchmark runs its peer in the same run and prints ratios.
# Each writes Benchmarks/results/<name>.md; BENCHMARKS.md is assembled from those sections.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
work=Benchmarks/.work
mkdir -p "$work" Benchmarks/results

echo "== release build (Swift runtime linked statically, as shipped: a self-contained binary)"
build=(swift build -c release --static-swift-stdlib --scratch-path .build-release)
"${build[@]}" --product hookline >/dev/null
"${build[@]}" --product JSONBench >/dev/null
"${build[@]}" --product TemplateBench >/dev/null
bin=$("${build[@]}" --show-bin-path)

case "$what" in
  infer|all)
    python3 -m pip install --quiet --disable-pip-version-check genson==1.4.0
    python3 Benchmarks/infer_bench.py "$bin/hookline" "$work" > Benchmarks/results/infer.md ;;&
  json|all)
    python3 Benchmarks/json_bench.py "$bin/JSONBench" "$work" > Benchmarks/results/json.md ;;&
  render|all)
    python3 -m pip install --quiet --disable-pip-version-check pybars3==0.9.7
    python3 Benchmarks/render_bench.py "$bin/TemplateBench" "$work" > Benchmarks/results/render.md ;;&
  infer|json|render|all) ;;
  postgres)
    bash Benchmarks/postgres.sh ;;
  *) echo "usage: Benchmarks/run.sh [infer|json|render|all|postgres]" >&2; exit 2 ;;
esac

python3 Benchmarks/assemble.py Benchmarks/results BENCHMARKS.md
cat BENCHMARKS.md
