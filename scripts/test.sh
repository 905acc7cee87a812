#!/usr/bin/env bash
# Runs the whole test suite, installing what the tests need first.
#
#   scripts/test.sh
#
# Prerequisites it installs: Debian's chromium and chromium-driver for the browser tests, and a
# Python virtual environment (target/test-venv) with the `akismet` client from PyPI for the
# Akismet compatibility tests and `aiosmtpd` for the e-mail tests (a real SMTP server).
# With DATABASE_URL set (postgres://…), the storage conformance suite and the black-box suite
# also run against PostgreSQL, each test in a fresh database that is dropped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n==> %s\n' "$*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

log "Installing test prerequisites"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
fi
chromium --version
chromedriver --version
if [ ! -x target/test-venv/bin/python ] || ! target/test-venv/bin/python -c "import akismet, aiosmtpd" 2>/dev/null; then
  python3 -m venv target/test-venv
  target/test-venv/bin/pip install -q "akismet==25.10.1" "aiosmtpd==1.4.6"
fi
target/test-venv/bin/python -c "import akismet, sys; print('python akismet client', akismet.__version__ if hasattr(akismet, '__version__') else 'installed')"
target/test-venv/bin/python -c "import aiosmtpd; print('aiosmtpd', aiosmtpd.__version__)"
FEATURES="retort-cli/browser-tests retort-cli/compat-tests retort-cli/mail-tests"

log "Formatting and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --features "$FEATURES" -- -D warnings

log "Tests on SQLite (unit, property, conformance, black-box, browser, Akismet client)"
env -u DATABASE_URL cargo test --workspace --features "$FEATURES"

if [ -n "${DATABASE_URL:-}" ]; then
  log "Conformance and black-box tests on PostgreSQL ($(echo "$DATABASE_URL" | sed 's|//[^@]*@|//***@|'))"
  cargo test -p retort-storage -p retort-cli --features "$FEATURES"
  if command -v psql >/dev/null; then
    psql "$DATABASE_URL" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'retort_t_%'" |
      while read -r db; do psql "$DATABASE_URL" -qc "DROP DATABASE IF EXISTS \"$db\"" || true; done
  fi
fi

log "All tests passed"
