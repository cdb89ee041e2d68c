#!/usr/bin/env bash
# The transparency log at size (issue 14): a SQLite ledger of N receipts (default 10 million; minutes and several
# GB of temporary disk, removed afterwards), then inclusion and consistency proofs timed against a one-row read
# measured in the same run (goal: inclusion proof p99 <= 5 ms). Usage: bash bench/log-proofs.sh [receipts]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
ensure_build_tools
dotnet run --project bench/LogProofs -c Release -- "${1:-10000000}"
