#!/usr/bin/env bash
# Takes screenshots of every page of the web app (signin, live, room, host, ai, privacy) into
# target/screenshots/, and copies the four the README shows (signin.png, live.png, room.png, host.png) into
# docs/img/ (or into the folder given as $1): a node on the embedded default in the Maven JVM, a
# host live with chat, likes and a gift, and Debian's chromium driven by Playwright at phone width
# (src/test/java/io/liveroom/web/Screenshots.java). Needs /usr/bin/chromium (apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
all=target/screenshots
mvn -B -q test-compile
mvn -B -q exec:java -Dexec.mainClass=io.liveroom.web.Screenshots -Dexec.classpathScope=test -Dexec.args="$all"
readme="${1:-docs/img}"
mkdir -p "$readme"
cp "$all/signin.png" "$all/live.png" "$all/room.png" "$all/host.png" "$readme/"
echo "README screenshots copied to $readme"
