#!/usr/bin/env bash
# Notices to account holders (issue 12): runs of 20,000 and 100,000 recipients through a real consentry server
# process to an SMTP sink on loopback; messages per second, and the server's memory while sending, which must stay
# flat as recipients grow (ratio 100k/20k <= 1.25; exit 1 otherwise).
# Usage: bash bench/notices.sh [counts, default 20000,100000]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
ensure_build_tools
dotnet run --project bench/NoticeRun -c Release -- "${1:-20000,100000}"
