#!/usr/bin/env bash
# Rebuilds the vendored web assets from pinned npm packages (package.json) and copies them where the app and the
# browser tests take them from. The outputs are committed, so neither a build nor CI needs node.
#   cd tools/web-assets && ./build.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
npm ci --no-audit --no-fund 2>/dev/null || npm install --no-audit --no-fund
web="$root/src/TenderConsortium.Web/wwwroot/vendor/govuk-frontend"
mkdir -p "$web"
npx sass --no-source-map --style=compressed --pkg-importer=node --quiet-deps site.scss "$web/govuk-frontend.min.css"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$web/govuk-frontend.min.js"
cp govuk-frontend.LICENSE.txt "$web/LICENSE.txt"  # the npm package names MIT in package.json but ships no licence file
echo "govuk-frontend $(node -p "require('govuk-frontend/package.json').version")" > "$web/VERSION.txt"
axe="$root/tests/TenderConsortium.IntegrationTests/Browser/Assets"
mkdir -p "$axe"
cp node_modules/axe-core/axe.min.js "$axe/axe.min.js"
cp node_modules/axe-core/LICENSE "$axe/axe-core.LICENSE"
echo "axe-core $(node -p "require('axe-core/package.json').version")" > "$axe/VERSION.txt"
echo "built: $web, $axe"
