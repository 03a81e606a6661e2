#!/usr/bin/env bash
# The store tests against a real PostgreSQL: starts a throwaway cluster in a temporary directory
# (scripts/postgres-env.sh), runs the district server's tests, the sync scenarios, the restore
# scenarios and the CLI tests with TIEPDAN_TEST_POSTGRES set, so every store test also runs on
# PostgreSQL (and, with TIEPDAN_TEST_REQUIRE_POSTGRES=1, the PostgreSQL-only tests fail rather than
# skip when the cluster is missing), then stops the cluster and removes its directory.
#
# Needs Debian's `postgresql` package (its binaries, no running service). Under root the cluster runs
# as the `postgres` user.
# Usage: scripts/postgres-test.sh [extra cargo test args]
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/postgres-env.sh
trap pg_down EXIT
# pg_ctl detaches the server from the terminal, so an interrupted run must still reach pg_down.
trap 'exit 130' INT
trap 'exit 143' TERM
pg_up
export TIEPDAN_TEST_REQUIRE_POSTGRES=1

# `--workspace` with test filters reuses what `make test` already compiled (`-p` would resolve
# features per package and rebuild dependencies). server: crates/tiepdan-server; sync:
# crates/tiepdan-sync; restore: tests/restore; cli: crates/tiepdan-cli.
# The outage tests (postgres::failure, postgres::http) stop the cluster and kill backends: every other
# test of their binary running at that moment would see its database vanish. So they run last, alone.
outage=(postgres::failure:: postgres::http::)
cargo test --workspace --test server --test sync --test restore --test cli "$@" -- \
  --skip "${outage[0]}" --skip "${outage[1]}"
cargo test --workspace --test server "$@" -- "${outage[@]}" --test-threads=1
