#!/usr/bin/env bash
# Runs every test of the solution and prints, as its last line, the tally computed from the
# runners' own result files:  tests: N passed, N failed[, N skipped]
# Exits non-zero when anything failed, when a test assembly produced no results, or when the
# build failed. Installs what the tests need when it is missing (scripts/deps.sh); the .NET SDK
# cannot come from this machine's registries, so its absence is reported clearly.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

. scripts/deps.sh
if ! ensure_build_tools || ! ensure_chromium || ! ensure_publicsuffix || ! ensure_postgres || ! ensure_go; then
  echo "tests: 0 passed, 0 failed"
  exit 1
fi

results="$PWD/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet test --solution Consentry.slnx --results-directory "$results" --no-progress
rc=$?

# The benchmarks are not tests, but they use the libraries' public API: build them so a change cannot break one unseen.
for bench in bench/*/*.csproj; do
  if ! dotnet build "$bench" -c Release -nologo -v quiet >/dev/null 2>&1; then
    echo "test.sh: the benchmark $bench does not build (dotnet build $bench)." >&2
    [ "$rc" -eq 0 ] && rc=1
  fi
done

passed=0; failed=0; skipped=0; assemblies=0
for f in "$results"/*.xml; do
  [ -e "$f" ] || continue
  while read -r line; do
    get() { printf '%s' "$line" | grep -oE " $1=\"[0-9]+\"" | grep -oE '[0-9]+' || echo 0; }
    passed=$((passed + $(get passed)))
    failed=$((failed + $(get failed) + $(get errors)))
    skipped=$((skipped + $(get skipped) + $(get not-run)))
    assemblies=$((assemblies + 1))
  done < <(grep -oE '<assembly [^>]*>' "$f")
done

projects=$(find tests -name '*.Tests.csproj' | wc -l)
if [ "$assemblies" -lt "$projects" ]; then
  echo "test.sh: only $assemblies of $projects test assemblies reported results (a build error or a crashed test host)." >&2
  [ "$rc" -eq 0 ] && rc=1
fi
if [ $((passed + failed)) -eq 0 ]; then
  echo "test.sh: no test ran." >&2
  [ "$rc" -eq 0 ] && rc=1
fi
if [ "$failed" -gt 0 ] && [ "$rc" -eq 0 ]; then rc=1; fi

summary="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
exit "$rc"
