#!/usr/bin/env bash
# Issue 30's figures (run by hand, not in CI): how long the release binary takes from a cold
# start to its first visible window, and its resident memory with the fixture open, under
# Xvfb at 1366×768, with glow (Mesa's llvmpipe), with wgpu (lavapipe), and without OpenGL (glow
# fails, the program starts again with wgpu: the first start on such a PC), each RUNS times.
# As root the page cache is dropped before each start (`echo 3 > /proc/sys/vm/drop_caches`),
# so the binary and its libraries come from the disk as on a PC just switched on; otherwise
# the starts are warm and the script says so.
#
# scripts/startup_measure.sh [BINARY] [RUNS] — default target/release/gongkai, 3 runs.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-${CARGO_TARGET_DIR:-target}/release/gongkai}")
runs=${2:-3}
work=$(mktemp -d)
display=:$((40 + RANDOM % 50))
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
export DISPLAY=$display
cold=warm
[ "$(id -u)" -eq 0 ] && [ -w /proc/sys/vm/drop_caches ] && cold=cold

for renderer in glow wgpu fallback; do
  case $renderer in
    fallback) renderer_env=(LIBGL_DRIVERS_PATH=/nonexistent MESA_GL_VERSION_OVERRIDE=1.1
      __EGL_VENDOR_LIBRARY_FILENAMES=/nonexistent.json) ;;
    *) renderer_env=(GONGKAI_RENDERER=$renderer) ;;
  esac
  for run in $(seq "$runs"); do
    cp tests/fixtures/qinghe.gongkai.json "$work/qinghe.gongkai.json"
    home="$work/home-$renderer-$run"
    mkdir -p "$home"
    if [ $cold = cold ]; then sync; echo 3 >/proc/sys/vm/drop_caches; fi
    start=$(date +%s.%N)
    env HOME="$home" XDG_DATA_HOME="$home/data" "${renderer_env[@]}" \
      "$binary" "$work/qinghe.gongkai.json" >"$work/app.log" 2>&1 &
    pid=$!
    shown=""
    window=""
    for _ in $(seq 2000); do
      # By class: after a fallback the window is the second process's (the first one's
      # window, shown for a moment before glow failed, does not count).
      window=""
      for candidate in $(xdotool search --onlyvisible --class gongkai 2>/dev/null); do
        owner=$(xdotool getwindowpid "$candidate" 2>/dev/null || echo "")
        if [ $renderer != fallback ] || { [ -n "$owner" ] && [ "$owner" != "$pid" ]; }; then
          window=$candidate
        fi
      done
      if [ -n "$window" ]; then
        shown=$(echo "$(date +%s.%N) - $start" | bc)
        break
      fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.01
    done
    sleep 6
    shown_pid=$(xdotool getwindowpid "$window" 2>/dev/null || echo "$pid")
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$shown_pid/status" 2>/dev/null || echo "?")
    peak=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$shown_pid/status" 2>/dev/null || echo "?")
    kill "$shown_pid" "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null || true
    window=""
    echo "$renderer run $run ($cold): first window after ${shown:-never} s; resident ${rss} MB (peak ${peak} MB) with the fixture open"
  done
done
