#!/usr/bin/env bash
# Scale scenarios on a generated data set, on SQLite and on a throw-away PostgreSQL (initdb/pg_ctl on a
# free port). Prints markdown rows for bench/RESULTS.md.
# Usage: bench/scale.sh dashboard [clocks=1000000] [runs=30]       the deadline dashboard over N clocks
#        bench/scale.sh applications [applications=20000] [runs=50]  GET /api/v1/applications over N applications
#        bench/scale.sh inventory [vms=100000] [runs=30]             the inventory lists, GET /api/v1/pools and the full export
#        bench/scale.sh datacenters [centres=20000] [runs=30]        the data-centre overview, filtered lists and export
#        bench/scale.sh security [events=10000] [runs=30]            security events, their export, the bulletin's preview and PDF
#        bench/scale.sh access [grants=10000] [runs=1000]            the bastion's access check (p99), the access log and its export
#        bench/scale.sh metrics [vms=100000] [runs=10]              pushing 500,000 monitoring points (against raw COPY), the day's summary, the utilisation page over a year, the monthly bulletin
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:?"usage: bench/scale.sh dashboard|applications|inventory|datacenters|security|access|metrics [size] [runs]"}
case "$scenario" in
  dashboard) size=${2:-1000000}; runs=${3:-30} ;;
  applications) size=${2:-20000}; runs=${3:-50} ;;
  inventory) size=${2:-100000}; runs=${3:-30} ;;
  datacenters) size=${2:-20000}; runs=${3:-30} ;;
  security) size=${2:-10000}; runs=${3:-30} ;;
  access) size=${2:-10000}; runs=${3:-1000} ;;
  metrics) size=${2:-100000}; runs=${3:-10} ;;
  *) echo "unknown scenario: $scenario" >&2; exit 2 ;;
esac
dotnet build bench/GovCloud.Bench -c Release -nologo -v quiet >/dev/null
run() { dotnet bench/GovCloud.Bench/bin/Release/net10.0/GovCloud.Bench.dll "$scenario" "$@" | grep '^|'; }

work=$(mktemp -d)
pgbin=$(command -v pg_ctl >/dev/null && dirname "$(command -v pg_ctl)" || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() { [ -f "$work/data/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$work/data" stop -m fast >/dev/null 2>&1 || true; rm -rf "$work"; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
trap cleanup EXIT

run Sqlite "Data Source=$work/bench.db" "$size" "$runs"

mkdir -p "$work/data" "$work/run"
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$work"
as_pg "$pgbin/initdb" -D "$work/data" -U postgres --auth=trust >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/data" -l "$work/run/pg.log" -w -o "-p $port -k $work/run -c listen_addresses=127.0.0.1" start >/dev/null
run PostgreSql "Host=127.0.0.1;Port=$port;Username=postgres;Database=govcloud_bench" "$size" "$runs"
