#!/usr/bin/env bash
# Checks what scripts/package.sh put in dist/, as a clerk's machine would use it (not CI):
#   deb amd64  unpacked with `dpkg -x` into a throwaway root: the files are where the desktop
#              expects them (desktop entry, MIME type, hicolor icons; both validated), the
#              binary needs no glibc above 2.28, `gongkai --help`, `new`, `export` (the PDF read
#              back with pdftotext), and the window opens on a project under Xvfb (screenshot)
#   deb arm64  the same files; the CLI (`--help`, `new`, `export`) under qemu-aarch64-static
#              with Debian's arm64 C library (/usr/aarch64-linux-gnu)
#   windows    the installer run silently under wine in a throwaway prefix (the window opened
#              with glow and with GONGKAI_RENDERER=wgpu): the exe, the
#              shortcuts 公开栏设计器.lnk, the file type in the registry; the installed exe's
#              `--help`, `new`, `export`, and its window under Xvfb (screenshot); then the
#              uninstaller, after which nothing it installed is left
# Screenshots go to dist/smoke/. Wine 8.0 lacks ProcessPrng (bcryptprimitives.dll), which Rust's
# standard library needs and Windows 10 and later have: for this test only, a stand-in DLL is
# compiled into the temporary folder next to a copy of the installed exe. It is never shipped.
#
# Usage: scripts/smoke_package.sh [windows|deb|all]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh

what=${1:-all}
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
GLIBC=2.28
install_packages "${SMOKE_PACKAGES[@]}"

WORK=$(mktemp -d /tmp/gongkai-smoke.XXXXXX)
SHOTS="$PWD/dist/smoke"
mkdir -p "$SHOTS"
XVFB_PID=""
cleanup() {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
failures=0
ok() { echo "  ok   $*"; }
fail() {
  echo "  FAIL $*" >&2
  failures=$((failures + 1))
}
# check DESCRIPTION COMMAND…: ok when the command succeeds.
check() {
  local description=$1
  shift
  if "$@" >"$WORK/last.log" 2>&1; then ok "$description"; else
    fail "$description"
    sed 's/^/       /' "$WORK/last.log" | head -n 20 >&2
  fi
}

start_xvfb() {
  [ -n "$XVFB_PID" ] && return 0
  local display=:$((80 + RANDOM % 15))
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 50); do
    [ -e "/tmp/.X11-unix/X${display#:}" ] && break
    sleep 0.1
  done
  export DISPLAY=$display
}

# wait_for_window PID NAME_PATTERN SECONDS: a visible window of that title appears in time.
wait_for_window() {
  local pid=$1 pattern=$2 seconds=$3 i
  for i in $(seq $((seconds * 4))); do
    xdotool search --onlyvisible --name "$pattern" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.25
  done
  return 1
}

# screenshot OUT.png: the whole Xvfb screen, and it is not blank.
screenshot() {
  import -window root "$1"
  [ "$(convert "$1" -format %k info:)" -gt 50 ]
}

# cli_round RUNNER… : `--help`, `new`, `export` through RUNNER (e.g. the binary, or qemu + it).
cli_round() {
  local dir="$WORK/cli-$RANDOM"
  mkdir -p "$dir"
  check "--help names the product" bash -c '"$@" --help | grep -q 公开栏设计器' _ "$@"
  check "new writes a project" "$@" new --template village --unit 青禾镇东坡村 -o "$dir/t.gongkai.json"
  # The template still has 【请填写】: export says so (status 1) and writes with --force.
  "$@" export "$dir/t.gongkai.json" --mode board --force -o "$dir/t.pdf" >/dev/null 2>&1 || true
  check "export writes a PDF with the board's text" bash -c \
    'pdftotext "$1" - | grep -q 青禾镇东坡村村务公开栏' _ "$dir/t.pdf"
}

# check_deb_files ROOT: what the desktop needs is in place and valid.
check_deb_files() {
  local root=$1 size
  check "usr/bin/gongkai" test -x "$root/usr/bin/gongkai"
  check "desktop entry valid" desktop-file-validate --no-hints \
    "$root/usr/share/applications/gongkai.desktop"
  check "desktop entry: Name, MimeType" grep -qx 'MimeType=application/x-gongkai-project;' \
    "$root/usr/share/applications/gongkai.desktop"
  check "MIME type XML well-formed" xmllint --noout "$root/usr/share/mime/packages/gongkai.xml"
  for size in 16 24 32 48 64 128 256; do
    check "icon ${size}x$size" test -s "$root/usr/share/icons/hicolor/${size}x$size/apps/gongkai.png"
  done
  check "icon scalable" test -s "$root/usr/share/icons/hicolor/scalable/apps/gongkai.svg"
}

# check_glibc BINARY: needs no symbol version above $GLIBC.
check_glibc() {
  local needed
  needed=$(objdump -T "$1" | grep -o 'GLIBC_[0-9.]*' | sort -Vu | tail -n 1)
  echo "       needs $needed"
  check "glibc needed ($needed) <= $GLIBC" test \
    "$(printf '%s\n' "$needed" "GLIBC_$GLIBC" | sort -V | tail -n 1)" = "GLIBC_$GLIBC"
}

smoke_deb_amd64() {
  local deb="dist/gongkai_${VERSION}-1_amd64.deb" root="$WORK/amd64"
  echo "== $deb"
  [ -f "$deb" ] || { fail "$deb missing (scripts/package.sh deb)"; return; }
  dpkg-deb --field "$deb" Depends | sed 's/^/       Depends: /'
  dpkg -x "$deb" "$root"
  check_deb_files "$root"
  check_glibc "$root/usr/bin/gongkai"
  cli_round "$root/usr/bin/gongkai"
  # The window, opened on a project as the desktop entry does (Exec=gongkai %f).
  start_xvfb
  local project="$WORK/amd64-window.gongkai.json"
  "$root/usr/bin/gongkai" new --template village --unit 青禾镇东坡村 -o "$project" >/dev/null
  LIBGL_ALWAYS_SOFTWARE=1 "$root/usr/bin/gongkai" "$project" >"$WORK/amd64-gui.log" 2>&1 &
  local pid=$!
  if wait_for_window "$pid" "amd64-window" 30; then
    ok "window on the project opened"
    sleep 4
    check "screenshot dist/smoke/linux-amd64.png" screenshot "$SHOTS/linux-amd64.png"
    check "window class gongkai (desktop entry's StartupWMClass)" \
      xdotool search --onlyvisible --class '^gongkai$'
    check "window icon set (_NET_WM_ICON, 128 px)" bash -c \
      'xprop -id "$(xdotool search --onlyvisible --class "^gongkai$" | head -n 1)" _NET_WM_ICON |
        grep -q "128 x 128"'
  else
    fail "no window within 30 s"
    sed 's/^/       /' "$WORK/amd64-gui.log" | tail -n 20 >&2
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

smoke_deb_arm64() {
  local deb="dist/gongkai_${VERSION}-1_arm64.deb" root="$WORK/arm64"
  echo "== $deb"
  [ -f "$deb" ] || { fail "$deb missing (scripts/package.sh deb)"; return; }
  dpkg -x "$deb" "$root"
  check_deb_files "$root"
  check "an aarch64 binary" bash -c 'file "$1" | grep -q aarch64' _ "$root/usr/bin/gongkai"
  check_glibc "$root/usr/bin/gongkai"
  cli_round qemu-aarch64-static -L /usr/aarch64-linux-gnu "$root/usr/bin/gongkai"
}

# A stand-in bcryptprimitives.dll for wine 8.0 (see the top): ProcessPrng from RtlGenRandom.
build_wine_prng_dll() {
  cat >"$WORK/prng.c" <<'C'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
    if (!SystemFunction036(data, chunk)) return FALSE;
    data += chunk;
    length -= chunk;
  }
  return TRUE;
}
C
  x86_64-w64-mingw32-gcc -shared -O2 -o "$1/bcryptprimitives.dll" "$WORK/prng.c" -ladvapi32
}

smoke_windows() {
  local setup="dist/gongkai-setup-$VERSION.exe"
  echo "== $setup"
  [ -f "$setup" ] || { fail "$setup missing (scripts/package.sh windows)"; return; }
  export WINEPREFIX="$WORK/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n,b"
  start_xvfb
  wineboot --init >/dev/null 2>&1
  wineserver -w
  local drive_c="$WINEPREFIX/drive_c" installed
  installed="$drive_c/Program Files/gongkai"
  check "installer /S" wine "$setup" /S
  wineserver -w
  check "gongkai.exe under Program Files" test -f "$installed/gongkai.exe"
  check "uninstall.exe" test -f "$installed/uninstall.exe"
  check "start-menu shortcut 公开栏设计器.lnk" \
    test -f "$drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/公开栏设计器.lnk"
  check "desktop shortcut 公开栏设计器.lnk" test -f "$drive_c/users/Public/Desktop/公开栏设计器.lnk"
  check "file type: gongkai.project opens with gongkai.exe" bash -c \
    'wine reg query "HKLM\\Software\\Classes\\gongkai.project\\shell\\open\\command" /ve | grep -qi "gongkai.exe"'
  check ".json open-with list has gongkai.project" bash -c \
    'wine reg query "HKLM\\Software\\Classes\\.json\\OpenWithProgids" | grep -q gongkai.project'

  # The installed exe, copied next to the stand-in DLL.
  local run="$WORK/win"
  mkdir -p "$run"
  if ! cp "$installed/gongkai.exe" "$run/"; then
    fail "the installed exe could not be run"
    return
  fi
  check "stand-in bcryptprimitives.dll (test only)" build_wine_prng_dll "$run"
  (cd "$run" && cli_round wine gongkai.exe)
  wine "$run/gongkai.exe" new --template village --unit 青禾镇东坡村 -o "$run/win-window.gongkai.json" >/dev/null 2>&1
  wine "$run/gongkai.exe" "$run/win-window.gongkai.json" >"$WORK/wine-gui.log" 2>&1 &
  local pid=$!
  if wait_for_window "$pid" "win-window" 90; then
    ok "window on the project opened under wine"
    sleep 6
    check "screenshot dist/smoke/windows-wine.png" screenshot "$SHOTS/windows-wine.png"
  else
    fail "no window under wine within 90 s"
    tail -n 20 "$WORK/wine-gui.log" >&2
  fi
  kill "$pid" 2>/dev/null || true
  wineserver -k 2>/dev/null || true
  wineserver -w 2>/dev/null || true
  # The fallback renderer forced (what a PC with OpenGL 1.1 only gets): wgpu, under wine
  # through its Vulkan or D3D12 (vkd3d) translation when the host has a Vulkan driver.
  GONGKAI_RENDERER=wgpu wine "$run/gongkai.exe" "$run/win-window.gongkai.json" >"$WORK/wine-wgpu.log" 2>&1 &
  pid=$!
  if wait_for_window "$pid" "win-window" 90; then
    ok "window opened under wine with GONGKAI_RENDERER=wgpu"
    sleep 6
    check "screenshot dist/smoke/windows-wine-wgpu.png" screenshot "$SHOTS/windows-wine-wgpu.png"
  else
    fail "no window under wine with GONGKAI_RENDERER=wgpu within 90 s"
    tail -n 20 "$WORK/wine-wgpu.log" >&2
  fi
  kill "$pid" 2>/dev/null || true
  wineserver -k 2>/dev/null || true
  wineserver -w 2>/dev/null || true

  check "uninstaller /S" wine "$installed/uninstall.exe" /S
  wineserver -w
  check "Program Files\\gongkai removed" test ! -e "$installed"
  check "start-menu shortcut removed" \
    test ! -e "$drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/公开栏设计器.lnk"
  check "desktop shortcut removed" test ! -e "$drive_c/users/Public/Desktop/公开栏设计器.lnk"
  check "file type removed" bash -c \
    '! wine reg query "HKLM\\Software\\Classes\\gongkai.project" >/dev/null 2>&1'
  check "uninstall entry removed" bash -c \
    '! wine reg query "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\gongkai" >/dev/null 2>&1'
  wineserver -k 2>/dev/null || true
}

if [ "$what" = deb ] || [ "$what" = all ]; then
  smoke_deb_amd64
  smoke_deb_arm64
fi
if [ "$what" = windows ] || [ "$what" = all ]; then
  smoke_windows
fi
echo "== screenshots: $SHOTS"
if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "all checks passed"
