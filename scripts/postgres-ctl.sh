#!/usr/bin/env bash
# Stops or starts the throwaway PostgreSQL cluster that `pg_up` (scripts/postgres-env.sh) started, so
# a failure test can take the database away in the middle of a push and bring it back. Reads the
# cluster from TIEPDAN_TEST_POSTGRES_DATA and its port from TIEPDAN_TEST_POSTGRES, and runs pg_ctl as
# the cluster's owner (`postgres` under root). `stop` is fast (open connections are ended, nothing
# committed is lost); `start` returns once the server accepts connections. Stopping a stopped cluster
# or starting a running one does nothing.
#
# Usage: scripts/postgres-ctl.sh stop|start|restart
set -euo pipefail

# shellcheck source=scripts/postgres-env.sh
source "$(dirname "$0")/postgres-env.sh"

data="${TIEPDAN_TEST_POSTGRES_DATA:-}"
url="${TIEPDAN_TEST_POSTGRES:-}"
if [[ -z "$data" || ! -f "$data/PG_VERSION" ]]; then
  echo "postgres-ctl: TIEPDAN_TEST_POSTGRES_DATA does not name a cluster (is pg_up's cluster up?)" >&2
  exit 2
fi
# postgres://tiepdan@127.0.0.1:PORT/postgres -> PORT
port="$(sed -n 's#^postgres\(ql\)\?://[^/]*:\([0-9][0-9]*\)\(/.*\)\?$#\2#p' <<<"$url")"
if [[ -z "$port" ]]; then
  echo "postgres-ctl: no port in TIEPDAN_TEST_POSTGRES ('$url')" >&2
  exit 2
fi

running() { pg_as_owner "$(pg_bindir)/pg_ctl" -D "$data" status >/dev/null 2>&1; }

do_stop() {
  if running; then
    pg_stop_cluster "$data" >/dev/null
    echo "[postgres] stopped (127.0.0.1:$port)"
  else
    echo "[postgres] already stopped (127.0.0.1:$port)"
  fi
}

do_start() {
  if running; then
    echo "[postgres] already running (127.0.0.1:$port)"
  elif pg_start_cluster "$data" "$port" >/dev/null; then
    echo "[postgres] started (127.0.0.1:$port)"
  else
    tail -n 20 "$data/log" >&2 || true
    echo "postgres-ctl: the cluster did not start (log above, from $data/log)" >&2
    exit 1
  fi
}

case "${1:-}" in
  stop) do_stop ;;
  start) do_start ;;
  restart) do_stop; do_start ;;
  *)
    echo "usage: $0 stop|start|restart" >&2
    exit 2
    ;;
esac
