#!/usr/bin/env bash
# Opens the designer on a fresh Debian/Ubuntu machine: installs the run-time libraries and Rust
# when missing (saying what it installs), builds the release binary when the sources changed,
# and starts it on the built-in sample board, or on FILE.
#
# Usage: scripts/run.sh [FILE.gongkai.json]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
install_packages "${RUNTIME_PACKAGES[@]}"
ensure_rust
exec cargo run --release --quiet -- "$@"
