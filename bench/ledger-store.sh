#!/usr/bin/env bash
# The ledger's own cost per receipt, without HTTP (issue 4): SQLite store batches of 1, 8 and 64, then the
# group-commit writer with 64 callers; ratios against batches of one measured in the same run.
# Usage: bash bench/ledger-store.sh [receipts, default 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
ensure_build_tools
dotnet run --project bench/LedgerStore -c Release -- "${1:-20000}"
