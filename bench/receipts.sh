#!/usr/bin/env bash
# Receipt throughput: wrk on loopback (2 threads, 64 connections, bounded time) against
#   - a trivial endpoint of the same server (GET config.json: cached bytes), and
#   - the receipt endpoint (POST receipts: validate, group-commit, fsync'd, then 201),
# first with the SQLite ledger, then with PostgreSQL. Each endpoint is warmed up first (an unmeasured run
# as long as the measured one, at least 10 s: the receipt path's tiered JIT is still recompiling after
# 4 s, and would bill start-up work to the measurement), then measured. Prints req/s, p50, p99, the server's CPU time per request (user + system, from /proc:
# steadier than req/s on a shared machine) and the bytes it wrote to disk per request, and the ratio.
# Then receipts again with random ids (an old banner or a hostile client), for information.
# Goals (issue 14): SQLite receipts >= 0.5 of the trivial rate, p99 <= 10 ms, <= 2 KB written per
# receipt; PostgreSQL >= 0.25.
# Usage: bash bench/receipts.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
ensure_build_tools
ensure_postgres
command -v wrk >/dev/null 2>&1 || apt_install wrk
secs="${1:-10}"

dotnet build src/Consentry.Cli -c Release -nologo -v quiet -o artifacts/bench-cli >/dev/null
work=$(mktemp -d); chmod 755 "$work"
server=""; pgdata=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  if [ -n "$pgdata" ]; then pg stop; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/sites/claimcmr" && cp examples/claimcmr/cookies.yaml "$work/sites/claimcmr/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 5391)
base="http://127.0.0.1:$port/sites/claimcmr"

pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort | tail -1)
pg() {
  local run=(); [ "$(id -u)" -eq 0 ] && run=(runuser -u postgres --)
  case "$1" in
    start) "${run[@]}" "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 >/dev/null
           "${run[@]}" "$pgbin/pg_ctl" -D "$pgdata" -o "-c listen_addresses=127.0.0.1 -p $pgport -k $work/pg" -l "$work/pg/log" -w start >/dev/null ;;
    stop)  "${run[@]}" "$pgbin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null 2>&1 || true ;;
  esac
}

start_server() {
  dotnet artifacts/bench-cli/consentry.dll serve --sites "$work/sites" --urls "http://127.0.0.1:$port" --rate-limit 1000000000 "$@" >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf "$base/config.json" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "consentry serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }

hash=""
# Ids as the banner makes them: the time in ms (12 hex digits), then random bits; random.lua posts
# fully random ids instead (an old banner or a hostile client): each then lands on a random index page.
# A banner's ids carry the time they were made, so they never go back: each run's ids begin past every id posted
# before it (its threads count up from ID_BASE by one a request, faster than the clock). Before, the measured run
# began again at the clock while its warm-up had counted seconds ahead, and wrote between the warm-up's entries.
export ID_BASE=$(( $(date +%s) * 1000 ))
next_ids() { ID_BASE=$(( ID_BASE + ${1:-0} + 1000 )); }
cat > "$work/post.lua" <<LUA
-- Each wrk thread has its own Lua state: number the threads so that no two post the same id (a replay is
-- answered from the ledger and stores nothing), and seed each one's random numbers differently.
counter = 0
threads = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain"
local start = tonumber(os.getenv("ID_BASE"))
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
function init(args)
  math.randomseed(os.time() * 100 + tid)
end
request = function()
  counter = counter + 1
  local id = IDFORMAT
  local body = '{"receiptId":"' .. id .. '","consentId":"' .. id .. '","revision":1,"policyHash":"POLICY","categories":{"necessary":true,"analytics":true},"services":{"posthog":true},"method":"accept-all","language":"en","pageUrl":"https://claimcmr.com/"}'
  return wrk.format(nil, nil, nil, body)
end
LUA

# The server's CPU ticks (user + system) and bytes written to storage so far.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
disk_bytes() { awk '/^write_bytes/ {print $2}' "/proc/$server/io" 2>/dev/null || echo 0; }

# wrk --latency prints "50%  1.23ms"; convert us/ms/s to ms.
measure() { # name url [script]
  local warm; warm=$(wrk -t2 -c64 -d"$(( secs > 10 ? secs : 10 ))s" ${3:+-s "$3"} "$2")
  if [ -n "${3:-}" ]; then echo "$warm" | awk '/requests in/ {print $1}' >> "$work/answered"; fi
  next_ids "$(echo "$warm" | awk '/requests in/ {print $1}')"
  local t0 w0; t0=$(cpu_ticks); w0=$(disk_bytes)
  local out; out=$(wrk -t2 -c64 -d"${secs}s" --latency ${3:+-s "$3"} "$2")
  local t1 w1; t1=$(cpu_ticks); w1=$(disk_bytes)
  local n; n=$(echo "$out" | awk '/requests in/ {print $1}')
  next_ids "$n"
  local rps; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  local p50; p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  local p99; p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  local non2xx; non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  local hz; hz=$(getconf CLK_TCK)
  printf '%-34s %10.0f req/s   p50 %7.2f ms   p99 %7.2f ms   server CPU %6.1f us/req   disk %6.0f B/req%s\n' "$1" "$rps" "$(ms "$p50")" "$(ms "$p99")" \
    "$(awk -v a="$t0" -v b="$t1" -v n="$n" -v hz="$hz" 'BEGIN { printf "%.1f", (b - a) * 1e6 / hz / n }')" \
    "$(awk -v a="$w0" -v b="$w1" -v n="$n" 'BEGIN { printf "%.0f", (b - a) / n }')" "${non2xx:+   non-2xx: $non2xx}"
  echo "$rps $(ms "$p99")" > "$work/last"
  if [ -n "${3:-}" ]; then echo "$n" >> "$work/answered"; fi
}
ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'; }

run_pair() { # label
  start_server "${@:2}"
  local h; h=$(curl -s "$base/config.json" | sed 's/.*"policyHash":"\([0-9a-f]*\)".*/\1/')
  sed "s/POLICY/$h/; s/IDFORMAT/string.format(\"%012x%04x%08x%08x\", start + counter, tid, math.random(0, 0x7fffffff), counter)/" "$work/post.lua" > "$work/post-$1.lua"
  sed "s/POLICY/$h/; s/IDFORMAT/string.format(\"%08x%04x%08x%012x\", math.random(0, 0x7fffffff), tid, math.random(0, 0x7fffffff), counter)/" "$work/post.lua" > "$work/random-$1.lua"
  measure "$1: trivial GET config.json" "$base/config.json"; read -r trps _ < "$work/last"
  measure "$1: POST receipts" "$base/receipts" "$work/post-$1.lua"; read -r rrps rp99 < "$work/last"
  measure "$1: POST receipts, random ids" "$base/receipts" "$work/random-$1.lua"
  awk -v a="$rrps" -v b="$trps" -v p="$rp99" -v l="$1" 'BEGIN { printf "%s: ratio receipts/trivial %.3f, receipt p99 %.2f ms\n\n", l, a / b, p }'
  stop_server
}

echo "wrk -t2 -c64 -d${secs}s on loopback, $(nproc) cores"
run_pair sqlite --ledger "$work/ledger.db"
answered=$(awk '{ n += $1 } END { print n }' "$work/answered")
pgport=$((port + 1)); pgdata="$work/pg/data"; mkdir -p "$work/pg"; [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$work/pg"
pg start
run_pair postgres --postgres "Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres"
echo "Verifying the SQLite ledger written by the run ($answered receipts answered; each must be stored once, and"
echo "up to 64 a run may have been stored after wrk stopped counting):"
dotnet artifacts/bench-cli/consentry.dll ledger verify --db "$work/ledger.db"
