#!/usr/bin/env bash
# Installs what building, running and testing Tiếp Dân needs on Debian/Ubuntu, and nothing that is
# already there: system packages (apt-get, with sudo when not root), the UI's npm packages, and the
# Rust tools the end-to-end tests drive the app with. Safe to run repeatedly; `make run` and
# `make test` both start with it.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[setup] %s\n' "$*"; }

# Packages from shared/tech-notes.md: a Tauri v2 build, its WebDriver tests under Xvfb, PDF checks
# (poppler-utils, qpdf), the embedded font's source, and a CUPS queue with the cups-pdf backend.
# perl and make build the OpenSSL that rusqlite's bundled SQLCipher vendors (the register's encryption).
# postgresql is Debian's server for the district server's store tests: scripts/postgres-test.sh uses
# its binaries from /usr/lib/postgresql/*/bin on a throwaway cluster; no system service is needed.
# chromium and chromium-driver open the district's web pages in a real browser (tests/desk/dashboard.rs).
APT_PACKAGES=(
  build-essential perl make pkg-config curl file
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev libjavascriptcoregtk-4.1-dev
  libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  webkit2gtk-driver xvfb xauth poppler-utils qpdf fonts-liberation2
  cups cups-client cups-bsd printer-driver-cups-pdf
  postgresql
  chromium chromium-driver
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "[setup] need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  log "installing system packages: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "system packages present"
fi

command -v cargo >/dev/null || { echo "[setup] Rust (cargo) is required: https://rustup.rs" >&2; exit 1; }
command -v npm >/dev/null || { echo "[setup] Node.js 20 and npm are required" >&2; exit 1; }

# tauri-driver 2.1.x is the WebDriver bridge that matches Tauri 2 (3.0 alphas are for Tauri 3).
if ! cargo install --list 2>/dev/null | grep -q '^tauri-driver v2\.1\.'; then
  log "installing tauri-driver 2.1.0"
  cargo install tauri-driver --version 2.1.0 --locked
fi

if [ -f ui/package.json ]; then
  # npm ci only when the lock file changed since the last install, to keep repeated runs quick.
  stamp=ui/node_modules/.tiepdan-lock
  if [ ! -f "$stamp" ] || ! cmp -s ui/package-lock.json "$stamp"; then
    log "installing UI packages"
    (cd ui && npm ci --no-audit --no-fund)
    cp ui/package-lock.json "$stamp"
  else
    log "UI packages present"
  fi
fi
log "done"
