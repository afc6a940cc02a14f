# shellcheck shell=bash
# What the app and the tests need on a fresh Debian/Ubuntu machine, in one place: sourced by
# scripts/run.sh (the app) and scripts/check.sh (the tests, which CI runs through .ci/run).
# tests/it/setup.rs fails when a test calls a program that TEST_TOOLS does not name here.

# Loaded at run time by eframe (X11/Wayland, OpenGL through Mesa; Vulkan, with Mesa's lavapipe
# when there is no GPU, for the wgpu fallback renderer); nothing -dev is needed.
RUNTIME_PACKAGES=(libxcursor1 libxi6 libxkbcommon-x11-0 libgl1 libegl1 libgl1-mesa-dri libegl-mesa0
  libvulkan1 mesa-vulkan-drivers)
# The programs the tests run, each with the package that has it ("program:package").
TEST_TOOLS=(pdftotext:poppler-utils pdfinfo:poppler-utils pdffonts:poppler-utils qpdf:qpdf
  xmllint:libxml2-utils desktop-file-validate:desktop-file-utils mkfifo:coreutils sh:dash
  pdftoppm:poppler-utils)
# The tests' packages: the TEST_TOOLS above (the last two check the packages' desktop entry
# and MIME type, tests/it/packaging.rs), and what the screenshot and PDF look-at helpers
# (../shared/tools) and scripts/gui_fallback_check.sh (Xvfb, xdotool, ImageMagick) use.
TEST_PACKAGES=(poppler-utils qpdf xvfb xauth imagemagick xdotool bc libxml2-utils desktop-file-utils
  coreutils dash)
# scripts/package.sh (not CI): the Windows cross-build (MinGW, windres) and installer (nsis),
# strip for arm64, the venv for ziglang.
PACKAGING_PACKAGES=(gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis binutils-aarch64-linux-gnu
  python3-venv python3-pip)
# scripts/smoke_package.sh (not CI): wine, the arm64 loader and C library for qemu-user, and
# the tools that look at the results.
SMOKE_PACKAGES=(wine wine64 gcc-mingw-w64-x86-64 qemu-user-static libc6-arm64-cross
  libgcc-s1-arm64-cross xvfb xauth imagemagick xdotool poppler-utils desktop-file-utils
  libxml2-utils binutils x11-utils file)

# install_packages PACKAGE…: installs those not installed yet (with sudo when not root), saying
# which; installs nothing and says nothing when all are there.
install_packages() {
  local missing=() package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null; then
    echo "缺少软件包 ${missing[*]}，且本机没有 apt-get：请用本系统的包管理器安装。" >&2
    return 1
  fi
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "需要 root 或 sudo 来安装：${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  echo "== 安装 / installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_rust: cargo on the PATH, installed through rustup (the minimal profile) when absent.
ensure_rust() {
  [ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
  command -v cargo >/dev/null && return 0
  install_packages curl ca-certificates || return 1
  echo "== 安装 Rust / installing Rust (rustup, stable, minimal profile)"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
    sh -s -- -y --profile minimal --default-toolchain stable >/dev/null || {
    echo "无法安装 Rust：请确认能访问 rustup，或先自行安装 Rust（https://rustup.rs）。" >&2
    return 1
  }
  . "$HOME/.cargo/env"
}

# ensure_rust_components COMPONENT…: rustup components (clippy, rustfmt) the checks use.
ensure_rust_components() {
  command -v rustup >/dev/null || return 0
  local installed component
  installed=$(rustup component list --installed 2>/dev/null)
  for component in "$@"; do
    grep -q "^$component" <<<"$installed" || rustup component add "$component"
  done
}
