#!/usr/bin/env bash
# Runs bench/patterns with its database-access scenarios (PERF101–PERF108) on a real PostgreSQL server, where each
# query is a network round trip. Starts a throwaway cluster on 127.0.0.1 (trust authentication, a temporary data
# directory), runs the harness with --postgres, then stops the server and deletes the directory.
#
# Usage, from the repository root (the arguments go to the harness):
#   bench/patterns/with-postgres.sh --only PERF10
# Needs PostgreSQL's server binaries (Debian: apt-get install postgresql). As root, the server runs as the
# 'postgres' user, which PostgreSQL requires. PG_PORT (default 54329) picks the port.
set -euo pipefail

port="${PG_PORT:-54329}"
bindir="$(pg_config --bindir 2>/dev/null || true)"
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
fi
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
  echo "with-postgres.sh: PostgreSQL's initdb was not found (install the postgresql package)." >&2
  exit 2
fi

data="$(mktemp -d /tmp/perfanalyzers-pg.XXXXXX)"
as_server_user=()
if [[ "$(id -u)" == "0" ]]; then
  chown postgres "$data"
  as_server_user=(runuser -u postgres --)
fi

stop() {
  "${as_server_user[@]}" "$bindir/pg_ctl" -D "$data/cluster" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap stop EXIT

"${as_server_user[@]}" "$bindir/initdb" -D "$data/cluster" -U postgres -A trust -E UTF8 --no-locale >/dev/null
# Durability as a production server has it (fsync on): the save-per-element comparison (PERF105) pays a commit per save.
"${as_server_user[@]}" "$bindir/pg_ctl" -D "$data/cluster" -l "$data/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $data" start >/dev/null

echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $data)" >&2
dotnet run -c Release --project "$(dirname "$0")" -- --postgres "Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true" "$@"
