#!/usr/bin/env bash
# Start-up scenario: time from process start to /health/ready answering 200, and resident memory
# right after, on embedded SQLite. "cold" = new database file (migrations + data), "warm" = existing file.
# Usage: bench/startup.sh [runs]   (prints a markdown table)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
port=5099
dotnet build src/GovCloud.Web -c Release -nologo -v quiet >/dev/null
app="src/GovCloud.Web/bin/Release/net10.0/GovCloud.Web.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # $1 = label, $2 = extra args
  local start pid ms rss
  start=$(date +%s%N)
  (cd "$work" && exec dotnet "$OLDPWD/$app" --urls "http://127.0.0.1:$port" --contentRoot "$OLDPWD/src/GovCloud.Web" \
     --GovCloud:Database:SqlitePath="$work/govcloud.db" --Serilog:MinimumLevel:Default=Warning $2 >"$work/out.log" 2>&1) &
  pid=$!
  until curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do sleep 0.02; done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 1
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "| $label | $ms | $rss |"
}

echo "| run | ready after (ms) | RSS after start (MiB) |"
echo "|---|---|---|"
for i in $(seq "$runs"); do
  rm -f "$work"/govcloud.db*
  label="cold, empty (bootstrap admin) #$i"; measure "$label" ""
  rm -f "$work"/govcloud.db*
  label="cold, --demo #$i"; measure "$label" "--demo"
  label="warm, existing database #$i"; measure "$label" ""
done
