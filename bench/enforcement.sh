#!/usr/bin/env bash
# Enforcement's cost: the same ASP.NET Core page (bench/Enforcement: sets a necessary and an analytics cookie)
# with UseConsentry (cookie decisions, the visitor's choice read from the consent cookie, consent-aware CSP
# enforced) and without, both on loopback, measured by wrk in alternating runs (A B C, then C B A, ...) after a
# warm-up of each, so load on the shared machine falls on all alike. Prints each run, the medians and the ratio, and
# the servers' CPU time per request (steadier on a shared machine).
# Each run's ratio compares two servers measured one after the other, so a burst of outside load falls on few
# ratios; the goal is read on their median. The servers are started afresh for every round: a process settles in a
# state of its own (the thread pool's hill climbing was seen to keep one at 3 worker threads and the same app at 13,
# dotnet/runtime#46077; what tiered compilation made of it), which on two cores moves requests/s by more than the
# difference measured, so one pair of processes would compare those states, not the code.
# Goal (issue 16): with Consentry >= 0.95 of the requests/s without it.
# Usage: bash bench/enforcement.sh [seconds per run, default 3] [rounds, default 5] [runs per round, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/deps.sh
ensure_build_tools
command -v wrk >/dev/null 2>&1 || apt_install wrk
secs="${1:-3}"
rounds="${2:-5}"
runs="${3:-3}"

dotnet build bench/Enforcement -c Release -nologo -v quiet -o artifacts/bench-enforcement >/dev/null
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# A visitor who accepted analytics: the consent cookie as the banner writes it.
consent=$(python3 -c 'import json,urllib.parse; print(urllib.parse.quote(json.dumps({"v":1,"id":"019a0000000000000000000000000001","r":1,"c":["necessary","analytics"],"s":["stats"],"t":1,"u":1,"m":"accept-all","l":"en"},separators=(",",":"))))')
cookie="Cookie: bench_consent=$consent"

# Three fresh servers (with Consentry, without, the cookie policy alone), ready and checked: sets on, off, policy, pids.
start_servers() {
  local dir="$work/round$1" p headers
  mkdir -p "$dir"
  on=$(port); off=$(port); policy=$(port); pids=()
  dotnet artifacts/bench-enforcement/Enforcement.dll on "$on" "$dir" >"$dir/on.log" 2>&1 & pids+=($!)
  dotnet artifacts/bench-enforcement/Enforcement.dll off "$off" "$dir" >"$dir/off.log" 2>&1 & pids+=($!)
  dotnet artifacts/bench-enforcement/Enforcement.dll policy "$policy" "$dir" >"$dir/policy.log" 2>&1 & pids+=($!)
  for p in "$on" "$off" "$policy"; do
    for _ in $(seq 300); do curl -sf "http://127.0.0.1:$p/" >/dev/null 2>&1 && break; sleep 0.1; done
  done
  headers=$(curl -s -D - -o /dev/null -H "$cookie" "http://127.0.0.1:$on/")
  echo "$headers" | grep -qi '^set-cookie: st_visit=' || { echo "with Consentry, the granted analytics cookie was not set:" >&2; echo "$headers" >&2; exit 1; }
  echo "$headers" | grep -qi '^content-security-policy:' || { echo "with Consentry, no Content-Security-Policy was sent:" >&2; echo "$headers" >&2; exit 1; }
}

stop_servers() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; pids=(); }

# One run against a server: "req/s cpu-us-per-request" (the server's user + system time from /proc, steadier than
# requests/s on a shared machine).
run() {
  local pid=$3 t0 t1 out n
  t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  out=$(wrk -t2 -c64 -d"$2s" -H "$cookie" "http://127.0.0.1:$1/")
  t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  n=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(awk -v a="$t0" -v b="$t1" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) * 1e6 / hz / n }')"
}
echo "wrk -t2 -c64 -d${secs}s on loopback, $(nproc) cores; $rounds rounds of fresh servers, $runs alternating runs each after a warm-up"
with=(); without=(); ratios=(); withcpu=(); withoutcpu=(); policycpu=(); i=0
for r in $(seq "$rounds"); do
  start_servers "$r"
  run "$on" 6 "${pids[0]}" >/dev/null; run "$off" 6 "${pids[1]}" >/dev/null; run "$policy" 6 "${pids[2]}" >/dev/null
  for _ in $(seq "$runs"); do
    i=$((i + 1))
    # The order turns round every run (with, without, policy; then policy, without, with), so whatever one run leaves
    # behind on the machine (a collection, a compilation) falls on each server alike.
    if (( i % 2 )); then
      read -r a ac < <(run "$on" "$secs" "${pids[0]}"); read -r b bc < <(run "$off" "$secs" "${pids[1]}"); read -r c cc < <(run "$policy" "$secs" "${pids[2]}")
    else
      read -r c cc < <(run "$policy" "$secs" "${pids[2]}"); read -r b bc < <(run "$off" "$secs" "${pids[1]}"); read -r a ac < <(run "$on" "$secs" "${pids[0]}")
    fi
    with+=("$a"); without+=("$b"); ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f", a / b }')")
    withcpu+=("$ac"); withoutcpu+=("$bc"); policycpu+=("$cc")
    printf 'round %d run %2d: with Consentry %8.0f req/s (%6.2f us CPU each)   without %8.0f req/s (%6.2f us)   ratio %.3f   ASP.NET cookie policy middleware alone %8.0f req/s (%6.2f us)\n' "$r" "$i" "$a" "$ac" "$b" "$bc" "${ratios[-1]}" "$c" "$cc"
  done
  stop_servers
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
mw=$(median "${with[@]}"); mo=$(median "${without[@]}"); mr=$(median "${ratios[@]}"); cw=$(median "${withcpu[@]}"); co=$(median "${withoutcpu[@]}"); cp=$(median "${policycpu[@]}")
awk -v a="$mw" -v b="$mo" -v r="$mr" -v c="$cw" -v d="$co" -v p="$cp" 'BEGIN {
  printf "medians: with %.0f, without %.0f req/s (%.3f); median of the runs'"'"' ratios with/without %.3f (goal >= 0.95)\n", a, b, a / b, r
  printf "median server CPU per request: with %.2f us, without %.2f us: Consentry adds %.1f%%; control, ASP.NET Core'"'"'s cookie policy middleware alone (does nothing here: the noise) %.2f us, %+.1f%%\n", c, d, (c / d - 1) * 100, p, (p / d - 1) * 100 }'
