#!/usr/bin/env bash
# The main job on the embedded defaults: builds the consentry command, checks the four reference
# sites' manifests, renders each policy into out/<site>/ (every format; en, de, fr), then serves the
# demo: the four sites with their cookies, banners and policies, until Ctrl+C.
# The address is CONSENTRY_URLS (default http://127.0.0.1:5080); each site is http://<site>.localhost:<port>/.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
. scripts/deps.sh
ensure_build_tools

dotnet build src/Consentry.Cli -c Release -nologo -v quiet -o artifacts/cli
consentry() { dotnet artifacts/cli/consentry.dll "$@"; }

consentry validate examples/*/cookies.yaml
for manifest in examples/*/cookies.yaml; do
  site=$(basename "$(dirname "$manifest")")
  for lang in en de fr; do
    consentry render "$manifest" --lang "$lang" --format html -o "out/$site/cookie-policy.$lang.html"
  done
  consentry render "$manifest" --format html-fragment -o "out/$site/cookie-policy.fragment.html"
  consentry render "$manifest" --format md -o "out/$site/cookie-policy.md"
  consentry render "$manifest" --format text -o "out/$site/cookie-policy.txt"
  consentry render "$manifest" --format json -o "out/$site/cookie-policy.json"
done
echo "Policies rendered into out/<site>/."
exec dotnet artifacts/cli/consentry.dll serve --demo --urls "${CONSENTRY_URLS:-http://127.0.0.1:5080}"
