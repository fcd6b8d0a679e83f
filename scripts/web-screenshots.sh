#!/usr/bin/env bash
# Takes the README's screenshots of the web app into docs/img/ (signin.png, live.png, room.png,
# host.png):
# a node on the embedded default in the Maven JVM, a host live with some chat, and Debian's
# chromium driven by Playwright at phone width (src/test/java/io/liveroom/web/Screenshots.java).
# Needs /usr/bin/chromium (apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
mvn -B -q test-compile
mvn -B -q exec:java -Dexec.mainClass=io.liveroom.web.Screenshots -Dexec.classpathScope=test \
  -Dexec.args="${1:-docs/img}"
