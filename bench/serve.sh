#!/usr/bin/env bash
# Preview-server benchmark (figures, not a test): save → reload-event latency for a one-page edit on
# the default site and on a generated 12,000-page six-language site, the pages re-rendered per edit,
# and a short bounded load run on loopback with wrk (Debian package `wrk`), with the server's memory
# before and after.
#   bash bench/serve.sh            # needs: cargo; wrk for the load part (skipped when absent)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CORPUS:-target/bench/corpus12k}
cargo build --release --quiet --examples --bin approdo
if [ ! -f "$corpus/site.toml" ]; then
  ./target/release/examples/gen_corpus "$corpus" 2000
fi
# A corpus made earlier gets the current theme and locales.
rm -rf "$corpus/themes" "$corpus/locales"; cp -r themes locales "$corpus/"

echo "== save → reload latency"
./target/release/examples/serve_latency . content/legal/visa.ar.md 20
./target/release/examples/serve_latency "$corpus" content/s03/page-010.ar.md 20

echo "== mixed load: 10,000 requests (pages, 404s, non-ASCII URLs without a slash, traversal) on 127.0.0.1"
# A copy of the default site with an Arabic and a Chinese file name.
mixed=target/bench/mixed-site
rm -rf "$mixed"; mkdir -p "$mixed"
cp -r site.toml content locales themes data "$mixed/"
printf -- '---\ntitle: "صفحة"\n---\nنص.\n' > "$mixed/content/school/صفحة.ar.md"
printf -- '---\ntitle: "Scuola"\n---\nTesto.\n' > "$mixed/content/school/学校.it.md"
port=18766
./target/release/approdo serve --root "$mixed" --port $port >/dev/null 2>target/bench/serve-mixed.log &
spid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/it/" >/dev/null 2>&1 && break; sleep 0.2; done
./target/release/examples/serve_load "127.0.0.1:$port" "$spid" 10000
echo "panics logged by the server: $(grep -c 'panicked' target/bench/serve-mixed.log || true)"
kill $spid 2>/dev/null || true

if command -v wrk >/dev/null; then
  echo "== load: 20 connections for 5 s on 127.0.0.1"
  port=18765
  ./target/release/approdo serve --port $port >/dev/null 2>&1 &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  sleep 2
  rss() { awk '/VmRSS/ {print $2 " kB"}' /proc/$pid/status; }
  echo "server memory before: $(rss)"
  wrk -t2 -c20 -d5s --latency "http://127.0.0.1:$port/ar/legal/visa/" | sed -n '1,20p'
  echo "server memory after: $(rss)"
  wrk -t2 -c20 -d5s "http://127.0.0.1:$port/zh/school/" | grep -E "Requests/sec|requests in|Non-2xx|Socket errors" || true
  echo "server memory after a second run: $(rss)"
fi
