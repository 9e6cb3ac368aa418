#!/usr/bin/env bash
# Builds the benchmarks (Release, build-bench/) and runs them: classification throughput three
# ways (RE2::Set, one RE2 per pattern, std::regex per pattern), JSON parse floor, host cold start,
# warm round trips and peak RSS. Prints the ratios docs/performance.md explains.
# Usage: scripts/bench.sh [extra Google Benchmark flags, e.g. --benchmark_filter=typical]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=build-bench
cmake -S . -B "$BUILD" -DOPTOUT_BENCH=ON -DOPTOUT_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j2 >/dev/null

echo "== machine"
echo "cores: $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "os: $(. /etc/os-release && echo "$PRETTY_NAME"); compiler: $(${CXX:-c++} --version | head -1)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== classification and parse (Google Benchmark, 3 repetitions, medians)"
"$BUILD/bench/optout_classify_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_out="$BUILD/classify_bench.json" --benchmark_out_format=json "$@"

echo "== ratios (cpu time; from the medians)"
# Keep only the median rows, named like the plain benchmarks, for the ratio tool.
"$BUILD/bench/optout_bench_ratios" "$BUILD/classify_bench.json"

echo "== host over pipes"
"$BUILD/bench/optout_host_roundtrip" "$BUILD/native-host/optout-host" "${OPTOUT_BENCH_COLD_RUNS:-30}" \
  "${OPTOUT_BENCH_WARM_RUNS:-2000}"
