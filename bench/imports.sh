#!/usr/bin/env bash
# Hostile and large uploads (a 1 GiB zip bomb to each import, a 2,000-row Annex 3 form, a 100,000-VM platform list)
# against the published app on SQLite, with the time and the process's memory (RSS) while each is answered.
# Usage: bench/imports.sh        prints markdown rows for bench/RESULTS.md
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
pub=${GOVCLOUD_PUBLISHED:-$work/pub}
[ -f "$pub/GovCloud.Web.dll" ] || dotnet publish src/GovCloud.Web -c Release -o "$pub" -nologo -v quiet >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cd "$work"
dotnet "$pub/GovCloud.Web.dll" --demo --urls "http://127.0.0.1:$port" > app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 0.5; done
python3 "$OLDPWD/bench/imports.py" "http://127.0.0.1:$port" "$app"
