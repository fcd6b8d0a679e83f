#!/usr/bin/env bash
# Makes sure the integration tests' programs are installed: PostgreSQL 15, Redis 7 and nginx, as the
# Debian packages the fault suite runs as separate processes (src/test/java/io/liveroom/fault), and
# chromium, the headless browser the web app's tests drive (src/test/java/io/liveroom/web).
# Maven runs this in pre-integration-test, so `mvn -B verify` works on a fresh Debian/Ubuntu
# machine or CI runner. Nothing is installed when everything is present.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x "$PG_BIN/postgres" ] && [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] || missing+=(postgresql-15)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  echo "test-deps: redis-server, postgresql-15, nginx and chromium are installed"
  exit 0
fi

echo "test-deps: installing ${missing[*]} for the integration tests"
if [ "$(id -u)" -ne 0 ]; then
  echo "test-deps: ${missing[*]} missing and not running as root; install them with" >&2
  echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  echo "or skip the integration tests with -DskipITs" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "test-deps: ${missing[*]} missing and apt-get not found; install them by hand or use -DskipITs" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
# policy-rc.d 101: the packages' own services stay stopped (the suite starts its own servers on free ports).
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && created_policy=1
fi
trap 'if [ $created_policy -eq 1 ]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT
apt-get install -y --no-install-recommends "${missing[@]}"
