#!/usr/bin/env bash
# Consent statistics (issue 11): the writer's cost of keeping the aggregates (with/without, same run, goal >= 0.9)
# and the statistics API over a large ledger (default 10 million receipts over a year, goal p95 <= 100 ms for a
# year's daily series). Filling 10 million receipts takes minutes and ~5 GB of temporary disk, removed afterwards.
# Usage: bash bench/consent-stats.sh [receipts, default 10000000]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
ensure_build_tools
dotnet run --project bench/ConsentStats -c Release -- "${1:-10000000}"
