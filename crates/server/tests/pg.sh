#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the server's tests (if it is not already running)
# and prints its URL on stdout; progress goes to stderr. Idempotent.
#
#   export TUOKE_TEST_POSTGRES_URL=$(crates/server/tests/pg.sh)
#   cargo test -p tuoke-server
#   crates/server/tests/pg.sh stop
#
# The cluster trusts local connections and runs without fsync: tests only, never real data.
# Overrides: TUOKE_PG_PORT (55432), TUOKE_PG_DIR (/tmp/tuoke-pg), TUOKE_PG_BIN (newest
# /usr/lib/postgresql/*/bin). As root, the server runs as the `postgres` system user.
set -euo pipefail

port="${TUOKE_PG_PORT:-55432}"
root="${TUOKE_PG_DIR:-/tmp/tuoke-pg}"
bin="${TUOKE_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
data="$root/data"
url="postgres://postgres@127.0.0.1:$port/postgres"

if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ]; then
    echo "pg.sh: PostgreSQL server binaries not found (install the postgresql package or set TUOKE_PG_BIN)" >&2
    exit 1
fi

# Run a command as the cluster's owner: postgres refuses to run as root.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

if [ "${1:-start}" = stop ]; then
    if [ -f "$data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$data" -m fast stop >&2
    fi
    exit 0
fi

if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
    echo "$url"
    exit 0
fi

mkdir -p "$root"
if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$root"
fi

if [ ! -f "$data/PG_VERSION" ]; then
    echo "pg.sh: creating cluster in $data" >&2
    as_owner "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --no-locale >&2
fi

echo "pg.sh: starting PostgreSQL on 127.0.0.1:$port" >&2
as_owner "$bin/pg_ctl" -D "$data" -l "$root/log" -w -t 60 start -o \
    "-p $port -k $root -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2

echo "$url"
