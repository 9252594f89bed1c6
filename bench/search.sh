#!/usr/bin/env bash
# Search index sizes and first-query downloads, for the default site and the 12,000-page corpus
# (generated as in bench/compare.sh). Prints, per language: files, shards, bytes (raw and gzip), and
# for a few queries typed in Chromium: the first result and the bytes that query downloaded.
#   bash bench/search.sh              N=2000 (pages per language in the corpus) to change
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-2000}
work=target/bench
mkdir -p "$work"
cargo build --release --quiet --bin approdo --example gen_corpus
gzsize() { find "$1" -type f -name '*.json' -exec gzip -6 -c {} \; | wc -c; }
sizes() { # site-output
  printf "%-5s %7s %7s %10s %10s %12s\n" lang files shards "raw kB" "gzip kB" "gz kB/page"
  for d in "$1"/*/search; do
    l=$(basename "$(dirname "$d")")
    files=$(find "$d" -name '*.json' | wc -l)
    shards=$(find "$d/s" -name '*.json' | wc -l)
    pages=$(find "$d/p" -name '*.json' | wc -l)
    raw=$(find "$d" -name '*.json' -printf '%s\n' | awk '{s+=$1} END {print s}')
    gz=$(gzsize "$d")
    awk -v l="$l" -v f="$files" -v s="$shards" -v r="$raw" -v g="$gz" -v p="$pages" 'BEGIN { printf "%-5s %7d %7d %10.1f %10.1f %12.2f\n", l, f, s, r/1024, g/1024, g/1024/p }'
  done
  printf "script: search.js %s bytes, %s gzipped\n" "$(wc -c < "$1/search.js")" "$(gzip -9 -c "$1/search.js" | wc -c)"
}

if [ -z "${SKIP_DEFAULT:-}" ]; then
echo "== default site"
./target/release/approdo build --quiet --output "$work/search-default"
sizes "$work/search-default"
node bench/search-probe.mjs "$work/search-default" approdo '[
  ["zh-Hans","/zh/search/","每个月都","/zh/money/family-budget/"],
  ["ar","/ar/search/","تَصْرِيحُ الإِقَامَةِ","/ar/legal/arrival/"],
  ["it","/it/","idoneita alloggiativa","/it/legal/requirements/"],
  ["ar","/ar/","nulla osta","/ar/legal/nulla-osta/"]]'
fi

echo "== corpus: $((N * 6)) pages"
corpus="$work/corpus-$N"
[ -f "$corpus/site.toml" ] || ./target/release/examples/gen_corpus "$corpus" "$N" >/dev/null
# A corpus made earlier gets the current theme and locales.
rm -rf "$corpus/themes" "$corpus/locales"; cp -r themes locales "$corpus/"
/usr/bin/time -f "build with search: %e s, peak %M KiB" ./target/release/approdo build --quiet --root "$corpus" --output "$work/search-corpus"
sizes "$work/search-corpus"
node bench/search-probe.mjs "$work/search-corpus" approdo '[
  ["it","/it/","permesso di soggiorno",""],
  ["zh-Hans","/zh/","居留许可",""],
  ["ar","/ar/","تصريح الإقامة",""],
  ["en","/en/","resid",""]]'
rm -rf "$work/search-default" "$work/search-corpus"
