#!/usr/bin/env bash
# The main job on one machine: records the desktop for SECONDS (default 30) into an embedded S3
# server (S3Proxy, files under demo-output/s3/), stops the recorder through its control socket and
# prints every object that landed, with each chunk's duration as ffprobe reads it back.
# Without $DISPLAY it starts its own Xvnc desktop with a scrolling xterm as the workload.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-30}"
case "$seconds" in ''|*[!0-9]*) echo "usage: ./demo.sh [seconds]" >&2; exit 2;; esac

. scripts/packages.sh
# shellcheck disable=SC2046
ensure_packages $RECORDER_PACKAGES $(java_packages)

echo "Building (./mvnw package) ..."
./mvnw -B -q -DskipTests package
exec java -Xmx256m -Dorg.bytedeco.javacpp.cachedir="$PWD/target/javacpp-cache" \
  -cp "demo/target/demo.jar:demo/target/lib/*" dev.sessionrecorder.demo.DemoMain "$seconds" --out demo-output
