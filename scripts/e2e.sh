#!/usr/bin/env bash
# End-to-end tests of the desk app in a real window: builds the UI and the app, starts Xvfb :99 and
# tauri-driver (WebDriver on 127.0.0.1:4444, backed by Debian's WebKitWebDriver), runs the tests of
# tests/ with TIEPDAN_E2E=1 one at a time, and stops Xvfb and tauri-driver on exit, whatever happens.
# Screenshots of the main screens land in target/e2e/. Extra arguments go to the test binary
# (e.g. a test name filter). E2E_SKIP_BUILD=1 reuses the built UI and app.
# Needs: webkit2gtk-driver, xvfb, tauri-driver 2.1.0, node/npm (scripts/setup.sh installs them);
# the printing test also cups and printer-driver-cups-pdf, and root to start cupsd.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${E2E_SKIP_BUILD:-}" != 1 ]]; then
  (cd ui && { [[ -d node_modules ]] || npm ci; } && npm run build)
  # The desk, the server and every test binary in the one selection `make test` uses (see the
  # Makefile's `app`), so nothing is compiled twice.
  cargo test --workspace --no-run
fi

# Files the desk exports (Báo cáo → Xuất Excel) go here instead of the user's Documents folder; the
# app inherits it from tauri-driver, and the tests read it back.
export TIEPDAN_EXPORT_DIR="$PWD/target/e2e/exports"
mkdir -p "$TIEPDAN_EXPORT_DIR"
source scripts/e2e-env.sh
# A CUPS test queue for the printing test (tests/desk/printing.rs), when this machine can have one
# (root, cups installed); removed and cupsd stopped on exit with the rest.
if [[ "$(id -u)" == 0 ]] && command -v cupsd >/dev/null; then
  source scripts/cups-env.sh
  trap 'cups_down; e2e_stop' EXIT INT TERM
  cups_up
else
  # The window's printing tests then fail and say why; they never pass without printing.
  echo "e2e: no CUPS test queue (needs root and cups); the printing tests will fail" >&2
fi
TIEPDAN_E2E=1 cargo test --workspace --test desk -- --test-threads=1 "$@"
echo "e2e: screenshots in target/e2e/"
