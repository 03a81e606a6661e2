#!/usr/bin/env bash
# Sourced by scripts/postgres-test.sh (and scripts/postgres-ctl.sh for its helpers): `pg_up` creates
# a throwaway PostgreSQL cluster in a temporary directory and starts it on a free port of 127.0.0.1,
# so the district server's store tests run against a real PostgreSQL, not a mock; `pg_down` stops it
# and removes the directory (idempotent, safe in an EXIT trap even when pg_up failed halfway).
#
# pg_up exports
#   TIEPDAN_TEST_POSTGRES       postgres://tiepdan@127.0.0.1:PORT/postgres (a superuser; the tests
#                               create a fresh database per test from it)
#   TIEPDAN_TEST_POSTGRES_CTL   absolute path of scripts/postgres-ctl.sh (stop|start|restart, used by
#                               the failure tests to take the database away and bring it back)
#   TIEPDAN_TEST_POSTGRES_DATA  the cluster's data directory (also its Unix socket directory and, in
#                               `log`, its server log)
#
# Uses the server binaries of Debian's `postgresql` package from /usr/lib/postgresql/<ver>/bin (the
# highest version); no system service is started or needed. initdb and postgres refuse to run as
# root, so under root the cluster belongs to the `postgres` system user (created by the package) and
# its commands run through `runuser`. fsync stays on: the server's durability is under test.

pg_tmp=""
_pg_env_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# The bin directory of the highest PostgreSQL version installed the Debian way.
pg_bindir() {
  local dir best=""
  while IFS= read -r dir; do
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]] && best="$dir"
  done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V)
  if [[ -z "$best" ]]; then
    echo "postgres: no PostgreSQL server binaries in /usr/lib/postgresql/*/bin: apt-get install -y postgresql" >&2
    return 2
  fi
  printf '%s\n' "$best"
}

# Runs a command as the cluster's owner: the current user, or `postgres` under root. From `/` so that
# the postgres user is never left in a directory it cannot read, and with LC_ALL=C so that messages
# are in English whatever the caller's locale (and a locale the system lacks causes no warnings).
pg_as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    (cd / && LC_ALL=C runuser -u postgres -- "$@")
  else
    (cd / && LC_ALL=C "$@")
  fi
}

# Starts the cluster in $1 on 127.0.0.1:$2, waiting (at most 60 s) until it accepts connections.
pg_start_cluster() {
  local data="$1" port="$2" bindir
  bindir="$(pg_bindir)" || return
  pg_as_owner "$bindir/pg_ctl" -D "$data" -w -t 60 -l "$data/log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k '$data' -c fsync=on -c max_connections=200" start
}

# Stops the cluster in $1 if it is running (fast: open connections are ended, nothing is lost).
pg_stop_cluster() {
  local data="$1" bindir
  bindir="$(pg_bindir)" || return
  if pg_as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    pg_as_owner "$bindir/pg_ctl" -D "$data" -w -t 60 -m fast stop
  fi
}

# A TCP port of 127.0.0.1 that nothing answers on, from 20000–29999 (below Linux's ephemeral range,
# so no client connection of the tests takes it meanwhile).
_pg_free_port() {
  local port _
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 10000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  echo "postgres: no free port found on 127.0.0.1" >&2
  return 1
}

pg_down() {
  if [[ -n "$pg_tmp" && -d "$pg_tmp" ]]; then
    if [[ -f "$pg_tmp/postmaster.pid" ]]; then
      pg_stop_cluster "$pg_tmp" >/dev/null || echo "postgres: could not stop the cluster in $pg_tmp" >&2
    fi
    rm -rf -- "$pg_tmp"
    echo "[postgres] cluster stopped and removed ($pg_tmp)"
  fi
  pg_tmp=""
  unset TIEPDAN_TEST_POSTGRES TIEPDAN_TEST_POSTGRES_CTL TIEPDAN_TEST_POSTGRES_DATA
  return 0
}

pg_up() {
  local bindir lc out port attempt seen started=0
  if [[ -n "$pg_tmp" ]]; then
    echo "postgres: a cluster is already up ($pg_tmp); pg_down first" >&2
    return 2
  fi
  bindir="$(pg_bindir)" || return
  if [[ "$(id -u)" -eq 0 ]] && ! id -u postgres >/dev/null 2>&1; then
    echo "postgres: running as root but there is no 'postgres' user to own the cluster (apt-get install -y postgresql)" >&2
    return 2
  fi
  pg_tmp="$(mktemp -d "${TMPDIR:-/tmp}/tiepdan-pg.XXXXXX")" || return
  if [[ "$(id -u)" -eq 0 ]]; then
    chown postgres: "$pg_tmp" || return
  fi

  # C.UTF-8 sorts bytewise like C but knows UTF-8 characters; C where the system lacks it.
  lc=C
  out="$(locale -a 2>/dev/null || true)"
  if grep -qix 'c\.utf-\?8' <<<"$out"; then
    lc=C.UTF-8
  fi
  if ! out="$(pg_as_owner "$bindir/initdb" -D "$pg_tmp" --auth=trust --username=tiepdan \
    --encoding=UTF8 --locale="$lc" 2>&1)"; then
    printf '%s\n' "$out" >&2
    echo "postgres: initdb failed in $pg_tmp" >&2
    return 1
  fi

  # A port found free can be taken before postgres binds it; then another one is tried.
  for attempt in 1 2 3 4 5; do
    port="$(_pg_free_port)" || return
    seen=0
    if [[ -f "$pg_tmp/log" ]]; then seen="$(wc -l <"$pg_tmp/log")"; fi
    if pg_start_cluster "$pg_tmp" "$port" >/dev/null; then
      started=1
      break
    fi
    out="$(tail -n "+$((seen + 1))" "$pg_tmp/log" 2>/dev/null || true)"
    if ! grep -q 'could not bind\|could not create listen socket' <<<"$out"; then
      break
    fi
    echo "postgres: port $port was taken (attempt $attempt), trying another" >&2
  done
  if [[ "$started" != 1 ]]; then
    tail -n 20 "$pg_tmp/log" >&2 2>/dev/null || true
    echo "postgres: the cluster did not start (log above, from $pg_tmp/log)" >&2
    return 1
  fi

  export TIEPDAN_TEST_POSTGRES="postgres://tiepdan@127.0.0.1:$port/postgres"
  export TIEPDAN_TEST_POSTGRES_CTL="$_pg_env_dir/postgres-ctl.sh"
  export TIEPDAN_TEST_POSTGRES_DATA="$pg_tmp"
  echo "[postgres] cluster up on 127.0.0.1:$port ($pg_tmp)"
}
