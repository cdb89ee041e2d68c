#!/usr/bin/env bash
# Scan speed (issue 5): Consentry's three-visit scan of a 20-page local site, without a banner and with one, against a one-visit
# sequential baseline in the same Chromium, measured in the same run, with the peak memory (PSS summed over the
# Chromium processes) of each. Usage: bash bench/scan-speed.sh [dwell ms, default 500]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
ensure_build_tools
ensure_chromium
dotnet run --project bench/ScanSpeed -c Release -- "${1:-500}"
