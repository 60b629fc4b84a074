#!/usr/bin/env bash
# All tests: unit tests and the real-parts tests (Xvnc display, FFmpeg through JavaCV, S3Proxy on
# loopback, recorder processes killed with SIGKILL, the Windows ffmpeg.exe under Wine). Installs the
# Debian packages they need first.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/packages.sh
# shellcheck disable=SC2046
ensure_packages $RECORDER_PACKAGES $TEST_PACKAGES $(java_packages)
# shellcheck disable=SC2086
try_packages $TEST_OPTIONAL_PACKAGES
exec ./mvnw -B verify "$@"
