# Sourced by demo.sh and test.sh: makes sure the Debian packages they need are installed.
# As root it installs them; otherwise it prints the exact apt-get line and stops.

# ensure_packages PKG...: installs what is missing (as root), else prints the apt-get line and stops.
ensure_packages() { _install_missing strict "$@"; }

# try_packages PKG...: the same, but a package that cannot be installed only warns; the tests that
# need it then skip with a message that names it.
try_packages() { _install_missing soft "$@"; }

_install_missing() {
  local mode=$1
  shift
  local missing=()
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    if [ "$mode" = strict ]; then
      echo "Missing Debian packages. Install them with:" >&2
      echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
      exit 1
    fi
    echo "Optional packages missing (their tests will be skipped): sudo apt-get install -y ${missing[*]}" >&2
    return 0
  fi
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
    [ "$mode" = strict ] && { echo "apt-get install failed: ${missing[*]}" >&2; exit 1; }
    echo "WARNING: could not install ${missing[*]}; the tests that need it will be skipped" >&2
  fi
}

# Java 17+ is needed to build and run; Debian's default JDK is 17 (bookworm) or newer.
java_packages() {
  if command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; then
    local v
    v=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [ "${v%%.*}" -ge 17 ] 2>/dev/null && return 0
  fi
  echo default-jdk-headless
}

# What the recorder and its tests use: Xvnc (a resizable X display), xrandr/xsetroot, xterm as a
# moving workload, libpulse0 (libavdevice links it), libxcb-randr0 (the recorder reads the monitor
# layout through it), libxcb-screensaver0 (the activity timeline's idle time, MIT-SCREEN-SAVER), curl and
# unzip for the Maven wrapper.
RECORDER_PACKAGES="tigervnc-standalone-server x11-xserver-utils xterm libpulse0 libxcb1 libxcb-randr0 libxcb-screensaver0 curl unzip ca-certificates"

# Tests only: Xvfb is an X server without RandR (for the no-RandR case); awscli is the second,
# independent S3 client that shows our bucket layout is plain S3; xdotool moves the focus, renames
# windows and makes input for the activity timeline's Xvnc test, and xprop (x11-utils) plays a window
# manager setting _NET_ACTIVE_WINDOW there.
TEST_PACKAGES="xvfb awscli xdotool x11-utils"
# Only the Windows capture smoke test needs it: the bundled ffmpeg.exe runs under Wine.
TEST_OPTIONAL_PACKAGES="wine64"
