#!/usr/bin/env bash
# A private, throwaway PostgreSQL server for the tests (and benchmarks).
#
#   source .ci/postgres.sh          # starts it, exports HOOKLINE_TEST_POSTGRES_URL, stops it on exit
#   .ci/postgres.sh swift test ...  # runs one command with it, then stops it
#
# It installs Debian's `postgresql` if no initdb is found, makes a cluster in a fresh temporary
# directory (owned by the `postgres` user when run as root: the server refuses to run as root),
# listens on 127.0.0.1 only, on a free port, with its unix socket in that directory, and trusts
# local connections (nothing else can reach it). Nothing outside the temporary directory changes.
# The data is thrown away, so fsync is off unless HOOKLINE_PG_FSYNC=on (the benchmarks set it).

hookline_postgres_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return
  fi
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    if [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  done
  return 1
}

hookline_postgres_start() {
  local bin
  if ! bin=$(hookline_postgres_bin); then
    echo "== installing postgresql (Debian)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(hookline_postgres_bin) || { echo "postgres.sh: initdb not found after installing postgresql" >&2; return 1; }
  fi
  HOOKLINE_PG_DIR=$(mktemp -d /tmp/hookline-pg.XXXXXX)
  local run=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    chown postgres "$HOOKLINE_PG_DIR"
    run=(runuser -u postgres --)
  fi
  HOOKLINE_PG_CTL=("${run[@]}" "$bin/pg_ctl")
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${run[@]}" "$bin/initdb" -D "$HOOKLINE_PG_DIR/data" -U hookline --auth=trust -E UTF8 --no-sync >"$HOOKLINE_PG_DIR/initdb.log" 2>&1 \
    || { cat "$HOOKLINE_PG_DIR/initdb.log" >&2; return 1; }
  "${HOOKLINE_PG_CTL[@]}" -D "$HOOKLINE_PG_DIR/data" -l "$HOOKLINE_PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $HOOKLINE_PG_DIR -c max_connections=400 -c shared_buffers=128MB -c fsync=${HOOKLINE_PG_FSYNC:-off}" start >/dev/null \
    || { cat "$HOOKLINE_PG_DIR/server.log" >&2; return 1; }
  export HOOKLINE_TEST_POSTGRES_URL="postgres://hookline@127.0.0.1:$port/postgres"
  export HOOKLINE_REQUIRE_POSTGRES=1
  echo "== postgres: $HOOKLINE_TEST_POSTGRES_URL (data in $HOOKLINE_PG_DIR)"
}

hookline_postgres_stop() {
  if [ -n "${HOOKLINE_PG_DIR:-}" ] && [ -d "$HOOKLINE_PG_DIR/data" ]; then
    "${HOOKLINE_PG_CTL[@]}" -D "$HOOKLINE_PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$HOOKLINE_PG_DIR"
  fi
  HOOKLINE_PG_DIR=
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  # Executed: run the given command (default: an interactive shell) with the server up.
  set -euo pipefail
  trap hookline_postgres_stop EXIT
  hookline_postgres_start
  if [ $# -gt 0 ]; then "$@"; else "${SHELL:-bash}"; fi
else
  trap hookline_postgres_stop EXIT
  hookline_postgres_start
fi
