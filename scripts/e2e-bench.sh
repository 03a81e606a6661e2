#!/usr/bin/env bash
# Startup and memory benchmark of the desk app against an empty Tauri v2 window (tests/empty-window),
# both debug builds with the same Tauri and profile, under Xvfb + tauri-driver. Prints the Markdown
# table recorded in docs/performance.md ("Desk app"). Not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

(cd ui && { [[ -d node_modules ]] || npm ci; } && npm run build)
cargo build -p tiepdan-desk
target_dir=$(cd "${CARGO_TARGET_DIR:-target}" 2>/dev/null && pwd || echo "$PWD/target")
(cd tests/empty-window && CARGO_TARGET_DIR="$target_dir" cargo build)
cargo bench -p tiepdan-tests --bench startup --no-run

source scripts/e2e-env.sh
TIEPDAN_E2E=1 cargo bench -p tiepdan-tests --bench startup
