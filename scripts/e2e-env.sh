#!/usr/bin/env bash
# Sourced by scripts/e2e.sh and scripts/e2e-bench.sh: starts Xvfb, a private D-Bus session (when
# dbus-daemon exists), tauri-driver (127.0.0.1:4444, or the next free port) for the desk's window and
# chromedriver (two ports above it) for the web pages in Chromium, and stops them all when the caller
# exits.
# Needs: xvfb, webkit2gtk-driver (WebKitWebDriver), tauri-driver 2.1.0, chromium, chromium-driver.

export PATH="$HOME/.cargo/bin:$PATH"
for tool in Xvfb WebKitWebDriver tauri-driver chromium chromedriver; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done

e2e_logs=target/e2e/logs
mkdir -p "$e2e_logs"
e2e_pids=()
e2e_stop() {
  for pid in "${e2e_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${e2e_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -n "${e2e_bus:-}" ]] && rm -f "$e2e_bus"
  return 0
}
trap e2e_stop EXIT INT TERM

# Display :99 and port 4444 unless another run (another checkout on this machine) holds them.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
display_no=${E2E_DISPLAY_NO:-99}
while [[ -e /tmp/.X${display_no}-lock || -e /tmp/.X11-unix/X${display_no} ]]; do display_no=$((display_no + 1)); done
port=4444
while ! port_free "$port" || ! port_free $((port + 1)) || ! port_free $((port + 2)); do port=$((port + 3)); done
export TIEPDAN_WEBDRIVER="http://127.0.0.1:$port"

Xvfb ":$display_no" -screen 0 1366x900x24 -nolisten tcp >"$e2e_logs/xvfb.log" 2>&1 &
e2e_pids+=($!)
export DISPLAY=":$display_no"
# A private session bus, so the single-instance plugin behaves as on a desktop.
if command -v dbus-daemon >/dev/null; then
  e2e_bus=$(mktemp -u /tmp/tiepdan-e2e-bus.XXXXXX)
  dbus-daemon --session --address="unix:path=$e2e_bus" --nofork --nopidfile >"$e2e_logs/dbus.log" 2>&1 &
  e2e_pids+=($!)
  export DBUS_SESSION_BUS_ADDRESS="unix:path=$e2e_bus"
fi
tauri-driver --port "$port" --native-port $((port + 1)) >"$e2e_logs/tauri-driver.log" 2>&1 &
e2e_pids+=($!)
chromedriver --port=$((port + 2)) >"$e2e_logs/chromedriver.log" 2>&1 &
e2e_pids+=($!)
export TIEPDAN_BROWSER_DRIVER="http://127.0.0.1:$((port + 2))"
# Wait (bounded) until both drivers accept connections; they normally take well under a second.
for _ in $(seq 1 100); do
  port_free "$port" || port_free $((port + 2)) || break
  sleep 0.1
done
echo "e2e: Xvfb $DISPLAY, tauri-driver on $TIEPDAN_WEBDRIVER, chromedriver on $TIEPDAN_BROWSER_DRIVER"
