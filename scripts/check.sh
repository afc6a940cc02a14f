#!/usr/bin/env bash
# The project's one test command (README.md gives it; CI runs it through .ci/run): installs
# what the tests need when missing (the packages of scripts/deps.sh, Rust, clippy and rustfmt),
# then formatting, clippy with warnings as errors, the headless (no egui) check, every test, and
# the app opened without OpenGL at 1366×768 and 1024×768 (scripts/gui_fallback_check.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
install_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
ensure_rust
ensure_rust_components clippy rustfmt
echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
echo "== cargo check --no-default-features (the CLI without egui)"
cargo check --no-default-features
if cargo tree --no-default-features -e normal 2>/dev/null | grep -q "egui"; then
  echo "error: egui is in the dependency tree of the headless build" >&2
  exit 1
fi
# Two test binaries: the library's unit tests and tests/it. Examples and benches are compiled
# by clippy --all-targets above and are not linked as test binaries (each would carry the
# 48 MB of fonts), so the last "test result" line is tests/it's.
echo "== cargo test --lib --test it"
cargo test --lib --test it
echo "== scripts/gui_fallback_check.sh (the app without OpenGL, under Xvfb)"
cargo build --bin gongkai
scripts/gui_fallback_check.sh "${CARGO_TARGET_DIR:-target}/debug/gongkai"
