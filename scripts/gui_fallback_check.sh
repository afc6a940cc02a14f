#!/usr/bin/env bash
# CI (called by scripts/check.sh): the app opens on a PC without usable OpenGL. Under Xvfb,
# with GLX and EGL made unusable by environment (Mesa pointed at no driver, glvnd at no EGL
# vendor), glow cannot start; the app must start itself again with wgpu (Vulkan through
# Mesa's lavapipe, package mesa-vulkan-drivers in scripts/deps.sh), paint the fixture, fit a
# 1366×768 and a 1024×768 screen, and save the project (Ctrl+S). Then, with Vulkan gone too,
# it must end with the message that names the log and `gongkai export`.
#
# scripts/gui_fallback_check.sh [BINARY] — default: $CARGO_TARGET_DIR/debug/gongkai (or
# target/debug/gongkai). GUI_SHOT_DIR=folder keeps the screenshots (screen-WxH.png).
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-${CARGO_TARGET_DIR:-target}/debug/gongkai}
[ -x "$binary" ] || { echo "error: no binary at $binary (cargo build first)" >&2; exit 1; }
binary=$(realpath "$binary")
work=$(mktemp -d)
xvfb_pid=""
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  [ -f "$work/app.log" ] && sed 's/^/  app: /' "$work/app.log" >&2
  stop_screen
  exit 1
}

# No OpenGL: Mesa's GLX finds no driver (and offers OpenGL 1.1 only, as Windows' basic display
# driver does), glvnd finds no EGL vendor: glutin fails with GLXBadFBConfig, as on those PCs,
# and wgpu's GL backend fails too.
no_gl=(LIBGL_DRIVERS_PATH=/nonexistent/gongkai-no-dri MESA_GL_VERSION_OVERRIDE=1.1
  __EGL_VENDOR_LIBRARY_FILENAMES=/nonexistent/gongkai-no-egl.json)

start_screen() { # WIDTH HEIGHT: a private Xvfb, DISPLAY set
  local display=:$((40 + RANDOM % 50))
  Xvfb "$display" -screen 0 "${1}x${2}x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X${display#:}" ] && break; sleep 0.1; done
  export DISPLAY=$display
}

stop_screen() {
  [ -n "$app_pid" ] && { kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null || true; }
  app_pid=""
  kill "$xvfb_pid" 2>/dev/null; wait "$xvfb_pid" 2>/dev/null || true
  xvfb_pid=""
}

check_screen() { # WIDTH HEIGHT
  local width=$1 height=$2 home="$work/home-$1x$2" window="" shot="$work/screen-$1x$2.png"
  mkdir -p "$home"
  cp tests/fixtures/qinghe.gongkai.json "$work/qinghe.gongkai.json"
  touch -d "2000-01-01" "$work/qinghe.gongkai.json"
  start_screen "$width" "$height"
  # A fresh home: nothing remembered, the log in $home.
  env HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
    "${no_gl[@]}" "$binary" "$work/qinghe.gongkai.json" >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 600); do
    window=$(xdotool search --onlyvisible --class gongkai 2>/dev/null | head -n 1) && [ -n "$window" ] && break
    kill -0 "$app_pid" 2>/dev/null || fail "$1×$2: the app ended without a window"
    sleep 0.1
  done
  [ -n "$window" ] || fail "$1×$2: no window within 60 s"
  sleep 4
  import -window root "$shot"
  kill -0 "$app_pid" 2>/dev/null || fail "$1×$2: the app ended after opening its window"
  local colours
  colours=$(convert "$shot" -format %k info:)
  [ "$colours" -gt 50 ] || fail "$1×$2: the screenshot is blank ($colours colours)"
  local log="$home/data/gongkai/gongkai.log"
  grep -q "glow 无法启动" "$log" || fail "$1×$2: the log does not say glow failed"
  grep -q "窗口已打开：wgpu" "$log" || fail "$1×$2: the log does not say wgpu opened the window"
  # The window fits the screen.
  eval "$(xdotool getwindowgeometry --shell "$window")"
  # shellcheck disable=SC2153 # X, Y, WIDTH, HEIGHT come from xdotool
  if [ "$X" -lt 0 ] || [ "$Y" -lt 0 ] || [ $((X + WIDTH)) -gt "$width" ] || [ $((Y + HEIGHT)) -gt "$height" ]; then
    fail "$1×$2: the window ${WIDTH}×${HEIGHT}+${X}+${Y} runs off the screen"
  fi
  # Ctrl+S saves the project.
  xdotool windowfocus --sync "$window" 2>/dev/null || true
  xdotool key --window "$window" ctrl+s
  for _ in $(seq 50); do
    [ "$(stat -c %Y "$work/qinghe.gongkai.json")" -gt 946684800 ] && break
    sleep 0.1
  done
  [ "$(stat -c %Y "$work/qinghe.gongkai.json")" -gt 946684800 ] || fail "$1×$2: Ctrl+S did not save"
  grep -q '"boards"' "$work/qinghe.gongkai.json" || fail "$1×$2: the saved file is not a project"
  if [ -n "${GUI_SHOT_DIR:-}" ]; then mkdir -p "$GUI_SHOT_DIR"; cp "$shot" "$GUI_SHOT_DIR/"; fi
  echo "ok: $1×$2 without OpenGL: wgpu ($(grep -o "窗口已打开：.*" "$log" | tail -n 1 | sed "s/^窗口已打开：wgpu//")), window ${WIDTH}×${HEIGHT}, $colours colours, saved"
  stop_screen
}

# Each screen is tried twice at most: once in four runs here the X server or the software
# Vulkan driver broke the app's connection mid-run (a panic in a dependency). Two failures in a
# row fail the check.
for size in "1366 768" "1024 768"; do
  # shellcheck disable=SC2086 # the two numbers are two arguments
  if ! (check_screen $size); then
    echo "once more: $size" >&2
    # shellcheck disable=SC2086
    (check_screen $size) || exit 1
  fi
done

# Neither OpenGL nor Vulkan: the app ends with the message, on stderr (an empty PATH: no
# zenity or kdialog to wait for a click).
start_screen 1024 768
home="$work/home-none"
mkdir -p "$work/empty-path"
set +e
timeout 120 env HOME="$home" XDG_DATA_HOME="$home/data" VK_ICD_FILENAMES=/nonexistent/icd.json \
  VK_DRIVER_FILES=/nonexistent/icd.json PATH="$work/empty-path" LC_ALL=C.UTF-8 \
  "${no_gl[@]}" "$binary" >"$work/app.log" 2>&1
code=$?
set -e
stop_screen
[ "$code" -eq 2 ] || fail "without any renderer: exit code $code (want 2)"
grep -q "无法打开窗口" "$work/app.log" || fail "without any renderer: no message"
grep -q "$home/data/gongkai/gongkai.log" "$work/app.log" || fail "the message does not name the log"
grep -q "gongkai export" "$work/app.log" || fail "the message does not name gongkai export"
echo "ok: without OpenGL and Vulkan the app ends with the message naming the log and gongkai export"
