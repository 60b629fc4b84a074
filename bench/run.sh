#!/usr/bin/env bash
# Benchmark: the AWS sample's ffmpeg pipelines and this recorder, side by side on one Xvnc display at
# 1920x1080, 5 fps, per workload (idle, office, busy). Writes bench/results/results.md and .json.
# Usage: bench/run.sh [seconds per run, default 60]   (about 10 minutes at 60 s)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
. scripts/packages.sh
# shellcheck disable=SC2046
ensure_packages $RECORDER_PACKAGES $(java_packages) ffmpeg time xdotool
./mvnw -B -q -DskipTests package
exec java -Xmx256m -Dorg.bytedeco.javacpp.cachedir="$PWD/target/javacpp-cache" \
  -cp "demo/target/demo.jar:demo/target/lib/*" dev.sessionrecorder.demo.bench.BenchMain --seconds "$seconds" --out bench/results
