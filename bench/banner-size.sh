#!/usr/bin/env bash
# Banner weight: Consentry's banner (JS+CSS, English texts come from the server) against
# vanilla-cookieconsent (latest from npm), both gzip -9, measured in the same run.
# Budget (issue 3): Consentry <= 5,000 bytes. The blocker.js of sites with consent.blocking: providers
# is shown beside it (loaded only by those sites, before the banner). Usage: bash bench/banner-size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
ensure_build_tools

# The same bundle the build embeds (src/banner/build.mjs).
(cd src/banner && { [ -d node_modules/terser ] || npm ci --no-audit --no-fund --silent; } && mkdir -p dist && node build.mjs dist)

peer=$(mktemp -d)
trap 'rm -rf "$peer"' EXIT
(cd "$peer" && npm init -y >/dev/null 2>&1 && npm install --no-audit --no-fund --silent vanilla-cookieconsent@latest >/dev/null 2>&1)
pdir="$peer/node_modules/vanilla-cookieconsent"
pver=$(node -p "require('$pdir/package.json').version")
pjs=$(ls "$pdir"/dist/cookieconsent.umd.js 2>/dev/null || ls "$pdir"/dist/cookieconsent.js)
pcss="$pdir/dist/cookieconsent.css"

gz() { cat "$@" | gzip -9 -c | wc -c; }
ours=$(gz src/banner/dist/banner.js src/banner/dist/banner.css)
theirs=$(gz "$pjs" "$pcss")
# The blocker (consent.blocking: providers only) as served: the site's facts stand in for its token.
blocker=$(sed 's/CONSENTRY_BLOCK/{"c":"site_consent","r":1,"p":[["ads",["ads.example.com"]],["stats",["stats.example.com"]]]}/' src/banner/dist/blocker.js | gzip -9 -c | wc -c)
printf '%-34s %8s\n' "banner (JS+CSS, gzip -9)" "bytes"
printf '%-34s %8d\n' "consentry" "$ours"
printf '%-34s %8d\n' "vanilla-cookieconsent $pver" "$theirs"
printf '%-34s %8d\n' "consentry blocker.js (opt-in)" "$blocker"
printf '%-34s %8d\n' "consentry banner + blocker" "$((ours + blocker))"
awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "ratio consentry/vanilla-cookieconsent: %.3f\n", a / b }'
if [ "$ours" -le 5000 ]; then echo "budget 5,000 bytes: met"; else echo "budget 5,000 bytes: EXCEEDED"; exit 1; fi
