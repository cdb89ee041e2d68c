#!/usr/bin/env bash
# The main job on the embedded defaults: builds the consentry command, validates the four
# reference sites' manifests (examples/), and renders each site's cookie policy in every
# format, in English, German and French, into out/<site>/.
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
  echo "$site: out/$site/ (banner required: $(grep -o '"bannerRequired": [a-z]*' "out/$site/cookie-policy.json" | cut -d' ' -f2))"
done
echo "Open out/<site>/cookie-policy.en.html in a browser, or see README.md for the other commands."
