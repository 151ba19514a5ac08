#!/usr/bin/env bash
# Benchmarks/run.sh [ingest|drift|e2e|infer|render|map|json|coldstart|all|postgres]
# Release builds; each benchmark runs its peer (or its limit) in the same run and prints ratios.
# Each writes Benchmarks/results/<name>.md; BENCHMARKS.md is assembled from those sections.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
work=Benchmarks/.work
mkdir -p "$work" Benchmarks/results

case "$what" in
  ingest|drift|e2e|infer|render|map|json|coldstart|all|postgres) ;;
  *) echo "usage: Benchmarks/run.sh [ingest|drift|e2e|infer|render|map|json|coldstart|all|postgres]" >&2; exit 2 ;;
esac

# What the benchmarks run besides Hookline is installed here, or named exactly when it cannot be:
# wrk from the system's packages (ingest, e2e), the Python peers from PyPI (infer, render).
need_system_command() { # COMMAND DEBIAN-PACKAGE
  command -v "$1" >/dev/null && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing $2 (Debian package) for $1"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
  command -v "$1" >/dev/null || { echo "Benchmarks/run.sh $what needs '$1': install the '$2' package (apt-get install $2) and run again" >&2; exit 1; }
}
need_python_package() { # MODULE PIP-REQUIREMENT
  python3 -c "import $1" 2>/dev/null && return
  python3 -m pip install --quiet --disable-pip-version-check "$2" ||
    { echo "Benchmarks/run.sh $what needs the Python package $2: pip install $2 failed (see above)" >&2; exit 1; }
}
case "$what" in ingest|drift|e2e|all) need_system_command wrk wrk ;; esac
case "$what" in infer|all) need_python_package genson genson==1.4.0 ;; esac
case "$what" in render|all) need_python_package pybars pybars3==0.9.7 ;; esac

echo "== release build (Swift runtime linked statically, as shipped: a self-contained binary)"
build=(swift build -c release --static-swift-stdlib --scratch-path .build-release)
for product in hookline JSONBench TemplateBench BenchServer BenchSink; do "${build[@]}" --product "$product" >/dev/null; done
bin=$("${build[@]}" --show-bin-path)

section() { # NAME COMMAND...: runs a benchmark into results/NAME.md and shows it
  local name=$1; shift
  echo "== $name"
  "$@" > "$work/$name.md"
  mv "$work/$name.md" "Benchmarks/results/$name.md"
  cat "Benchmarks/results/$name.md"
}

case "$what" in
  ingest|all) section ingest python3 Benchmarks/ingest_bench.py "$bin" "$work" ;;&
  drift|all) section drift python3 Benchmarks/drift_bench.py "$bin" "$work" ;;&
  e2e|all) section e2e python3 Benchmarks/e2e_bench.py "$bin" "$work" ;;&
  infer|all) section infer python3 Benchmarks/infer_bench.py "$bin/hookline" "$work" ;;&
  json|all) section json python3 Benchmarks/json_bench.py "$bin/JSONBench" "$work" ;;&
  render|all) section render python3 Benchmarks/render_bench.py "$bin/TemplateBench" "$work" ;;&
  map|all) section map python3 Benchmarks/map_bench.py "$bin/TemplateBench" "$work" ;;&
  coldstart|all) section coldstart python3 Benchmarks/coldstart_bench.py "$bin/hookline" "$work" ;;&
  postgres) bash Benchmarks/postgres.sh ;;
  *) ;;
esac

python3 Benchmarks/assemble.py Benchmarks/results BENCHMARKS.md
echo "== BENCHMARKS.md rewritten from Benchmarks/results/"
