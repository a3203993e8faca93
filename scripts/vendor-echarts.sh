#!/usr/bin/env bash
# Copies Apache ECharts (pinned in tools/echarts/package-lock.json, from the npm registry) into the product's wwwroot, where the
# utilisation pages load it. The copy is committed: the product runs without npm. Run again after changing the version.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd tools/echarts && npm ci --no-audit --no-fund --silent)
target=src/GovCloud.Web/wwwroot/lib/echarts
mkdir -p "$target"
# The "common" build: line, bar, pie, scatter and the usual components, a third of the full build.
cp tools/echarts/node_modules/echarts/dist/echarts.common.min.js "$target/"
cp tools/echarts/node_modules/echarts/LICENSE "$target/LICENSE"
echo "ECharts $(node -p "require('./tools/echarts/node_modules/echarts/package.json').version") → $target"
