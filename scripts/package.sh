#!/usr/bin/env bash
# Builds the installable packages into dist/ and prints each file's size and SHA-256:
#   windows  gongkai-setup-VERSION.exe (NSIS installer) and the bare gongkai-VERSION-x86_64.exe,
#            cross-built with MinGW (target x86_64-pc-windows-gnu)
#   deb      gongkai_VERSION-1_amd64.deb and gongkai_VERSION-1_arm64.deb, built against glibc
#            2.28 (UOS 20, Kylin V10 and later) with cargo-zigbuild, packaged by cargo-deb
#   all      both (the default)
# It installs what it needs when missing, saying so: Debian packages (scripts/deps.sh), rustup
# targets, cargo-zigbuild and cargo-deb, ziglang in a venv under the target folder. Not part of
# CI (a cold run takes about 50 minutes on two cores); scripts/smoke_package.sh checks the
# results.
#
# Usage: scripts/package.sh [windows|deb|all]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh

what=${1:-all}
case "$what" in
  windows | deb | all) ;;
  *)
    echo "usage: scripts/package.sh [windows|deb|all]" >&2
    exit 2
    ;;
esac

# Pinned tool versions: the ones these packages were built and checked with.
CARGO_ZIGBUILD_VERSION=0.24.1
CARGO_DEB_VERSION=3.8.0
ZIGLANG_VERSION=0.17.1
# Oldest glibc the Linux binaries may need: UOS 20 (Debian 10 based) has 2.28.
GLIBC=2.28

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
TOOLS="$CARGO_TARGET_DIR/pkg-tools"
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
mkdir -p dist

install_packages "${PACKAGING_PACKAGES[@]}"
ensure_rust

ensure_target() {
  rustup target list --installed | grep -qx "$1" || rustup target add "$1"
}

# ensure_cargo_tool NAME VERSION
ensure_cargo_tool() {
  if ! cargo "${1#cargo-}" --help >/dev/null 2>&1 ||
    ! grep -q "^\"$1 $2 " "${CARGO_HOME:-$HOME/.cargo}/.crates.toml" 2>/dev/null; then
    echo "== 安装 / installing $1 $2"
    cargo install --locked --quiet "$1@$2" --target-dir "$TOOLS/build"
  fi
}

# The venv's bin first on PATH: cargo-zigbuild runs `python3 -m ziglang` from it.
ensure_zig() {
  local venv="$TOOLS/zig-venv"
  if ! "$venv/bin/python3" -m ziglang version >/dev/null 2>&1; then
    echo "== 安装 / installing ziglang $ZIGLANG_VERSION (venv $venv)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "ziglang==$ZIGLANG_VERSION"
  fi
  export PATH="$venv/bin:$PATH"
}

# glibc_needed BINARY: the highest GLIBC_x.y symbol version it imports.
glibc_needed() {
  objdump -T "$1" | grep -o 'GLIBC_[0-9.]*' | sort -Vu | tail -n 1
}

build_windows() {
  local target=x86_64-pc-windows-gnu
  ensure_target "$target"
  echo "== cargo build --release --target $target"
  cargo build --release --locked --target "$target"
  local exe="dist/gongkai-$VERSION-x86_64.exe"
  # The symbols are of no use to a clerk; the installer gets a third of the size.
  x86_64-w64-mingw32-strip -o "$exe" "$CARGO_TARGET_DIR/$target/release/gongkai.exe"
  local size_kb=$(($(stat -c %s "$exe") / 1024))
  echo "== makensis (gongkai-setup-$VERSION.exe)"
  makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$VERSION" -DEXE="$PWD/$exe" \
    -DICON="$PWD/assets/icon/gongkai.ico" -DSIZE_KB="$size_kb" \
    -DOUTFILE="$PWD/dist/gongkai-setup-$VERSION.exe" packaging/windows/gongkai.nsi
}

# build_deb RUST_TARGET
build_deb() {
  local target=$1
  ensure_target "$target"
  echo "== cargo zigbuild --release --target $target.$GLIBC"
  cargo zigbuild --release --locked --target "$target.$GLIBC"
  local binary="$CARGO_TARGET_DIR/$target/release/gongkai" needed
  needed=$(glibc_needed "$binary")
  echo "   $binary needs $needed"
  if [ "$(printf '%s\n' "$needed" "GLIBC_$GLIBC" | sort -V | tail -n 1)" != "GLIBC_$GLIBC" ]; then
    echo "error: $binary needs $needed, newer than glibc $GLIBC" >&2
    return 1
  fi
  echo "== cargo deb --target $target"
  cargo deb --no-build --target "$target" --output dist/
}

if [ "$what" = windows ] || [ "$what" = all ]; then
  build_windows
fi
if [ "$what" = deb ] || [ "$what" = all ]; then
  ensure_cargo_tool cargo-zigbuild "$CARGO_ZIGBUILD_VERSION"
  ensure_cargo_tool cargo-deb "$CARGO_DEB_VERSION"
  ensure_zig
  build_deb x86_64-unknown-linux-gnu
  build_deb aarch64-unknown-linux-gnu
fi

echo "== dist/"
for file in dist/*; do
  [ -f "$file" ] || continue
  printf '%-40s %12s bytes  sha256 %s\n' "$(basename "$file")" "$(stat -c %s "$file")" \
    "$(sha256sum "$file" | cut -d ' ' -f 1)"
done
