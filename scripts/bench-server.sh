#!/usr/bin/env bash
# The server benchmarks of issue 15, both engines side by side in one run (docs/performance.md):
# the country's end of day (3,321 wards × 2 desks × 50 events at 64 connections) on SQLite and on
# PostgreSQL, each without and with 10 dashboard readers (each refreshing once a second, sixty times
# the page's own rate). PostgreSQL is a throwaway cluster started
# here (scripts/postgres-env.sh) and removed at the end. Release build; loopback only.
# Usage: scripts/bench-server.sh [WARDS DESKS EVENTS CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."

wards=${1:-3321} desks=${2:-2} events=${3:-50} connections=${4:-64}

source scripts/postgres-env.sh
trap pg_down EXIT
pg_up

cargo build --release -p tiepdan-server --example load
load=${CARGO_TARGET_DIR:-target}/release/examples/load
for engine in sqlite "$TIEPDAN_TEST_POSTGRES"; do
  for dashboards in 0 10; do
    echo "[bench] uptime: $(uptime)"
    "$load" "$wards" "$desks" "$events" "$connections" "$dashboards" "$engine" 1000
  done
done
