#!/usr/bin/env bash
# The main job on the embedded defaults: builds the consentry command, checks the four reference sites'
# manifests, renders each policy into out/<site>/ (every format; en, de, fr), then runs the Consentry server
# with the four sites (imported from examples/, the watched folder) until Ctrl+C. An admin account is made
# (or its password renewed) and its one-time password printed: sign in at http://127.0.0.1:5090/admin.
# The address is CONSENTRY_URLS (default http://127.0.0.1:5090); the database is ledger.db in CONSENTRY_DATA
# (default out/server). Beside it, for trying scheduled scans, alerts and notices (docs/walkthrough.md):
# the demo sites on http://127.0.0.1:5080/ (consentry serve --demo; its index page switches ClaimCMR's drift)
# and a local inbox (consentry inbox: SMTP on 127.0.0.1:2525, which the server sends through unless
# CONSENTRY_SMTP__HOST says otherwise, and webhooks on http://127.0.0.1:5092/hooks; files in out/inbox).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export CONSENTRY_DATA="${CONSENTRY_DATA:-$PWD/out/server}"
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

admin=admin@example.com
if ! consentry server admin add --email "$admin" 2>/dev/null; then
  consentry server admin password --email "$admin"
fi
echo "Sign in as $admin with that password."

# The demo sites and the inbox run as long as the server does.
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
consentry serve --demo --urls http://127.0.0.1:5080 --ledger out/demo/ledger.db & pids+=($!)
consentry inbox --out out/inbox & pids+=($!)
export CONSENTRY_SMTP__HOST="${CONSENTRY_SMTP__HOST:-127.0.0.1}" CONSENTRY_SMTP__PORT="${CONSENTRY_SMTP__PORT:-2525}"
export CONSENTRY_SMTP__SECURITY="${CONSENTRY_SMTP__SECURITY:-none}" CONSENTRY_PUBLICURL="${CONSENTRY_PUBLICURL:-${CONSENTRY_URLS:-http://127.0.0.1:5090}}"
echo "Try scheduled scans, alerts and notices: docs/walkthrough.md."
dotnet artifacts/cli/consentry.dll server --manifests examples --urls "${CONSENTRY_URLS:-http://127.0.0.1:5090}"
