#!/usr/bin/env bash
# approdo's search against Pagefind (pip 'pagefind[extended]', which segments Chinese at index time)
# on the same built default site: for each test query of the search issue, the first result, the
# number of results and the bytes the first query downloads (index and script, raw and gzip).
# Pagefind indexes a copy of the site with its defaults (whole <body>, every page); queries run
# through its JS API from a blank page per language (its WebAssembly needs a CSP the site forbids).
#   bash bench/pagefind.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/bench
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then python3 -m venv "$work/venv"; fi
"$work/venv/bin/python" -c 'import pagefind' 2>/dev/null || "$work/venv/bin/pip" install --quiet 'pagefind[extended]'
cargo build --release --quiet --bin approdo
site="$work/pf-site"
rm -rf "$site"
./target/release/approdo build --quiet --output "$site"
for tag in it en fr es ar zh-Hans; do
  printf '<!doctype html><html lang="%s"><head><meta charset="utf-8"><title>harness</title></head><body></body></html>\n' "$tag" > "$site/pf-harness-$tag.html"
done
"$work/venv/bin/python" -m pagefind --site "$site" --quiet 2>&1 | tail -3 || true
echo "pagefind: $("$work/venv/bin/python" -m pagefind --version 2>/dev/null || echo '?')"
printf "index on disk: approdo %s kB in %s files; pagefind %s kB in %s files\n" \
  "$(find "$site" -path '*/search/*.json' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s/1024}')" \
  "$(find "$site" -path '*/search/*.json' | wc -l)" \
  "$(find "$site/pagefind" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s/1024}')" \
  "$(find "$site/pagefind" -type f | wc -l)"
QUERIES='[
  ["zh-Hans","/zh/search/","每个月都","/zh/money/family-budget/"],
  ["zh-Hans","/zh/search/","居留许可","/zh/legal/arrival/"],
  ["ar","/ar/search/","تَصْرِيحُ الإِقَامَةِ","/ar/legal/arrival/"],
  ["it","/it/","idoneita alloggiativa","/it/legal/requirements/"],
  ["ar","/ar/","nulla osta","/ar/legal/nulla-osta/"]]'
node bench/search-probe.mjs "$site" approdo "$QUERIES"
node bench/search-probe.mjs "$site" pagefind "$QUERIES"
