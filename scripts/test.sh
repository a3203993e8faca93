#!/usr/bin/env bash
# The one test command: installs what this machine lacks, builds with warnings as errors,
# runs every test project (SQLite and a throw-away PostgreSQL, Chromium for E2E),
# and ends with the line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need_apt+=(fonts-noto-cjk)
# A Chinese font with TrueType outlines, which the product embeds in the PDFs it prints (Noto CJK's cannot be embedded).
[ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || need_apt+=(fonts-arphic-uming)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
if ! command -v initdb >/dev/null 2>&1 || ! command -v pg_ctl >/dev/null 2>&1; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need_apt+=(postgresql); fi
fi
# LibreOffice without its desktop, a third reader of the Excel files the product makes (a test converts them to CSV).
need_lean=()
command -v soffice >/dev/null 2>&1 || need_lean+=(libreoffice-calc-nogui)
# A real Prometheus (and its promtool, which writes history into it) for the monitoring tests; not its node exporter.
command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 || need_lean+=(prometheus)
if [ $((${#need_apt[@]} + ${#need_lean[@]})) -gt 0 ]; then
  echo "Installing: ${need_apt[*]} ${need_lean[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  if [ ${#need_apt[@]} -gt 0 ]; then apt-get install -y -qq "${need_apt[@]}" >/dev/null; fi
  if [ ${#need_lean[@]} -gt 0 ]; then apt-get install -y -qq --no-install-recommends "${need_lean[@]}" >/dev/null; fi
fi
# Debian's postgresql package keeps initdb/pg_ctl out of PATH.
if ! command -v initdb >/dev/null 2>&1; then
  export PATH="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1):$PATH"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build GovCloud.slnx -c Release -warnaserror -nologo -v quiet
# The published output, as operators install it: an E2E test starts it from another directory.
rm -rf artifacts/publish
dotnet publish src/GovCloud.Web -c Release --no-build -o artifacts/publish -nologo -v quiet
# The API description's linter (an npm package, pinned by its lock file), used by a test.
(cd tools/openapi-lint && npm ci --no-audit --no-fund --silent)
# A second, independent reader of the Excel files the product makes (exceljs), used by a test.
(cd tools/excel-read && npm ci --no-audit --no-fund --silent)
# axe-core, the accessibility rules (WCAG 2.1 A/AA) the browser tests run on every page.
(cd tools/axe && npm ci --no-audit --no-fund --silent)

status=0
for project in tests/GovCloud.Domain.Tests tests/GovCloud.Web.Tests tests/GovCloud.E2E; do
  name=$(basename "$project")
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" --logger "console;verbosity=minimal" || status=1
done

# Sum the counters of every TRX file into the closing line CI reads.
python3 - "$results" <<'PY'
import glob, re, sys
passed = failed = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    text = open(f, encoding="utf-8").read()
    m = re.search(r"<Counters [^>]*>", text)
    if m:
        attrs = dict(re.findall(r'(\w+)="(\d+)"', m.group(0)))
        passed += int(attrs.get("passed", 0))
        failed += int(attrs.get("failed", 0)) + int(attrs.get("error", 0)) + int(attrs.get("timeout", 0)) + int(attrs.get("aborted", 0))
print(f"{passed} passed, {failed} failed")
PY
exit $status
