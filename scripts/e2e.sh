#!/usr/bin/env bash
# End-to-end tests of the desk app in a real window: builds the UI and the app, starts Xvfb :99 and
# tauri-driver (WebDriver on 127.0.0.1:4444, backed by Debian's WebKitWebDriver), runs the tests of
# tests/ with TIEPDAN_E2E=1 one at a time, and stops Xvfb and tauri-driver on exit, whatever happens.
# Screenshots of the main screens land in target/e2e/.
# Needs: webkit2gtk-driver (WebKitWebDriver), xvfb, tauri-driver 2.1.0 (cargo install tauri-driver
# --version 2.1.0 --locked), node/npm.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$HOME/.cargo/bin:$PATH"
for tool in Xvfb WebKitWebDriver tauri-driver npm; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing (see the header of $0)" >&2; exit 1; }
done

if [[ "${E2E_SKIP_BUILD:-}" != 1 ]]; then
  (cd ui && { [[ -d node_modules ]] || npm ci; } && npm run build)
  cargo build -p tiepdan-desk
  cargo test -p tiepdan-tests --no-run
fi

display=${E2E_DISPLAY:-:99}
logs=target/e2e/logs
mkdir -p "$logs"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM

Xvfb "$display" -screen 0 1366x900x24 -nolisten tcp >"$logs/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=$display
# A private D-Bus session so the single-instance plugin works as on a desktop, if dbus is installed.
if command -v dbus-daemon >/dev/null && [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
  bus=$(mktemp -u /tmp/tiepdan-e2e-bus.XXXXXX)
  dbus-daemon --session --address="unix:path=$bus" --nofork --nopidfile >"$logs/dbus.log" 2>&1 &
  pids+=($!)
  export DBUS_SESSION_BUS_ADDRESS="unix:path=$bus"
fi
tauri-driver --port 4444 >"$logs/tauri-driver.log" 2>&1 &
pids+=($!)

# Wait for the driver to answer (bounded; it normally takes well under a second).
for _ in $(seq 1 100); do
  if (exec 3<>/dev/tcp/127.0.0.1/4444) 2>/dev/null; then break; fi
  sleep 0.1
done

TIEPDAN_E2E=1 cargo test -p tiepdan-tests -- --test-threads=1 "$@"
echo "e2e: screenshots in target/e2e/"
