#!/usr/bin/env bash
# Benchmark: the AWS sample's ffmpeg pipelines and this recorder, side by side on one Xvnc display at
# 1920x1080, 5 fps, per workload (idle, office, busy): CPU, memory, size, frames and SSIM against a
# lossless reference. Writes bench/results/results.md and .json (bench/results-gpl/ with --gpl).
# Usage: bench/run.sh [--gpl] [seconds per live run, default 60]   (about 15 minutes at 60 s)
#   --gpl  build with FFmpeg's GPL build (Maven profile gpl), so the recorder's "auto" encoder is libx264
set -euo pipefail
cd "$(dirname "$0")/.."
profile=()
flavour=""
if [[ "${1:-}" == "--gpl" ]]; then
  profile=(-Pgpl)
  flavour="-gpl"
  shift
fi
seconds="${1:-60}"
. scripts/packages.sh
# shellcheck disable=SC2046
ensure_packages $RECORDER_PACKAGES $(java_packages) ffmpeg time xdotool
./mvnw -B -q -DskipTests "${profile[@]}" package
exec java -Xmx256m -Dorg.bytedeco.javacpp.cachedir="$PWD/target/javacpp-cache" \
  -cp "demo/target/demo.jar:demo/target/lib${flavour}/*" dev.sessionrecorder.demo.bench.BenchMain \
  --seconds "$seconds" --out "bench/results${flavour}"
