#!/usr/bin/env bash
# Banner on screen sooner (issue 16): milliseconds from navigation start to a visible "Reject all" for Consentry's
# banner (served by UseConsentry, the page rendered per request with ConsentrySite.ScriptTag("", request): for this first
# visit the visitor's configuration, the banner's style and its code inline) and
# for vanilla-cookieconsent (latest from npm, static files), both pages served by one Kestrel server on loopback,
# first visits in fresh Chromium contexts, alternating, medians and ratio from the same run.
# Goal: Consentry <= 0.5 of vanilla-cookieconsent's time. Usage: bash bench/banner-paint.sh [rounds, default 15]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
ensure_build_tools
ensure_chromium

peer=$(mktemp -d)
trap 'rm -rf "$peer"' EXIT
(cd "$peer" && npm init -y >/dev/null 2>&1 && npm install --no-audit --no-fund --silent vanilla-cookieconsent@latest >/dev/null 2>&1)
pdir="$peer/node_modules/vanilla-cookieconsent"
pver=$(node -p "require('$pdir/package.json').version")
dotnet run --project bench/BannerPaint -c Release -- "$pdir/dist" "$pver" "${1:-15}"
