# Shared by scripts/run.sh and scripts/test.sh: installs what the build and tests need when missing.
# Debian packages only (the machine reaches Debian, NuGet and npm registries and nothing else).

# apt_install PACKAGE... : installs Debian packages, refreshing the package lists once.
apt_install() {
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "deps: need root (or sudo) to install: $*" >&2
    return 1
  fi
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ -z "${CONSENTRY_APT_UPDATED:-}" ]; then
    $sudo apt-get update -qq >/dev/null || return 1
    CONSENTRY_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$@" >/dev/null \
    || { $sudo apt-get install -f -y -qq >/dev/null; DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$@" >/dev/null; }
}

# ensure_build_tools: the .NET SDK (cannot come from these registries) and Node.js with npm (the banner build).
ensure_build_tools() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "deps: the .NET 10 SDK (dotnet) is not on PATH; install it, then run this again." >&2
    return 1
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "deps: installing Node.js and npm (needed to bundle the banner)…" >&2
    apt_install nodejs npm || { echo "deps: could not install nodejs and npm." >&2; return 1; }
  fi
}

# ensure_chromium: the system Chromium that the browser tests drive through Playwright.
# Playwright's own browser download is never used (it cannot reach its servers from here).
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return 0; fi
  echo "deps: installing Chromium (browser tests)…" >&2
  apt_install chromium || { echo "deps: could not install chromium." >&2; return 1; }
}

# ensure_publicsuffix: the Public Suffix List the scanner decides "same site" with (Debian's publicsuffix).
ensure_publicsuffix() {
  if [ -f /usr/share/publicsuffix/public_suffix_list.dat ]; then return 0; fi
  echo "deps: installing the Public Suffix List (scanner)…" >&2
  apt_install publicsuffix || { echo "deps: could not install publicsuffix." >&2; return 1; }
}

# ensure_postgres: the PostgreSQL server binaries the ledger tests start their own server with
# (initdb and pg_ctl on a free loopback port; the tests stop and remove it).
ensure_postgres() {
  if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then return 0; fi
  echo "deps: installing PostgreSQL (ledger tests)…" >&2
  apt_install postgresql || { echo "deps: could not install postgresql." >&2; return 1; }
}

# ensure_go: Go and golang.org/x/mod (sumdb/tlog, sumdb/note), the independent checker the ledger's
# transparency-log tests run against Consentry's trees, proofs and signed checkpoints (tests/tlog-verifier).
ensure_go() {
  if [ -x /usr/bin/go ] && [ -d /usr/share/gocode/src/golang.org/x/mod/sumdb/tlog ]; then return 0; fi
  echo "deps: installing Go and golang.org/x/mod (transparency-log tests)…" >&2
  apt_install golang-go golang-golang-x-mod-dev || { echo "deps: could not install golang-go and golang-golang-x-mod-dev." >&2; return 1; }
}
