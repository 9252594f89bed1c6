#!/usr/bin/env bash
# How approdo's build time grows with the site: the generated six-language corpus at about 1,000,
# 3,000, 6,000, 12,000 and 24,000 pages, search index included, median of RUNS cold builds into fresh
# folders. Prints time, time per page and peak memory per size, and draws bench/scaling.svg (time
# and time per page against pages), which the README shows. Not run by CI.
#   bash bench/scaling.sh          RUNS=3 SIZES="167 500 1000 2000 4000" (pages per language)
#   OUT=/dev/shm bash bench/scaling.sh   outputs on tmpfs: the curve of approdo's own work, without
#                                        a disk that slows down after many gigabytes were written
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SIZES=${SIZES:-"167 500 1000 2000 4000"}
work=target/bench
out=${OUT:-$work}/out-scaling
if [ -e "$out" ]; then
  # ext4 sets recently deleted inodes aside for about 30 s; writing a tree meanwhile is several
  # times slower and would measure the file system, not the tools.
  rm -rf "$out"; sync; sleep 35
fi
mkdir -p "$work"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)"; exit 1; }
cargo build --release --quiet --bin approdo --example gen_corpus
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rows=$work/scaling.tsv
: > "$rows"
printf "%7s %8s %12s %9s\n" pages median "us per page" "peak MiB"
for n in $SIZES; do
  corpus="$work/corpus-$n"
  [ -f "$corpus/site.toml" ] || ./target/release/examples/gen_corpus "$corpus" "$n" >/dev/null
  rm -rf "$corpus/themes" "$corpus/locales"; cp -r themes locales "$corpus/"
  # Fresh folders, none deleted until the end: writing right after deleting a tree measures ext4.
  mkdir -p "$out/$n"; sync
  : > "$work/s.txt"
  for i in $(seq 1 "$RUNS"); do
    log=$(mktemp)
    /usr/bin/time -v ./target/release/approdo build --quiet --root "$corpus" --output "$out/$n/$i" 2>"$log" >/dev/null
    awk -F': ' '/Elapsed \(wall clock\)/ {split($2,t,":"); s=0; for(k=1;k<=length(t);k++) s=s*60+t[k]; w=s}
                /Maximum resident set size/ {m=$2} END {print w, m}' "$log" >> "$work/s.txt"
    rm -f "$log"
  done
  pages=$(find "$corpus/content" -name '*.md' | wc -l)
  t=$(cut -d' ' -f1 "$work/s.txt" | median)
  m=$(cut -d' ' -f2 "$work/s.txt" | median)
  awk -v p="$pages" -v t="$t" -v m="$m" 'BEGIN { printf "%7d %7.2fs %12.0f %9.0f\n", p, t, t/p*1e6, m/1024 }'
  printf "%s\t%s\t%s\n" "$pages" "$t" "$m" >> "$rows"
done
# Outputs are left for the next run to delete (see above).

python3 - "$rows" bench/scaling.svg "$(./target/release/approdo --version) on $(nproc) cores${OUT:+, output on $OUT}" <<'PY'
import sys
rows = [tuple(map(float, l.split("\t"))) for l in open(sys.argv[1]) if l.strip()]
out, label = sys.argv[2], sys.argv[3]
W, H, L, R, T, B = 640, 330, 60, 70, 50, 50
xmax = max(p for p, _, _ in rows) * 1.05
ymax = max(t for _, t, _ in rows) * 1.15
umax = max(t / p * 1e6 for p, t, _ in rows) * 1.5
x = lambda p: L + (W - L - R) * p / xmax
y = lambda t: H - B - (H - T - B) * t / ymax
u = lambda v: H - B - (H - T - B) * v / umax
parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-labelledby="t">',
         f'<title id="t">approdo build time against pages (search index included): {"; ".join(f"{int(p)} pages {t:.2f} s" for p, t, _ in rows)}</title>',
         '<rect width="100%" height="100%" fill="#fff"/>',
         f'<text x="{L}" y="18" font-family="sans-serif" font-size="14" fill="#111">Build time (left, seconds, solid) and time per page (right, µs, dashed)</text>',
         f'<text x="{L}" y="34" font-family="sans-serif" font-size="11" fill="#333">{label}</text>',
         f'<line x1="{L}" y1="{H-B}" x2="{W-R}" y2="{H-B}" stroke="#333"/>',
         f'<line x1="{L}" y1="{T}" x2="{L}" y2="{H-B}" stroke="#333"/>',
         f'<line x1="{W-R}" y1="{T}" x2="{W-R}" y2="{H-B}" stroke="#333"/>']
for p, _, _ in rows:
    parts.append(f'<text x="{x(p):.1f}" y="{H-B+16}" font-family="sans-serif" font-size="11" text-anchor="middle" fill="#333">{int(p):,}</text>')
parts.append(f'<text x="{(L+W-R)/2}" y="{H-10}" font-family="sans-serif" font-size="12" text-anchor="middle" fill="#333">pages</text>')
for k in range(5):
    t = ymax * k / 4
    parts.append(f'<text x="{L-6}" y="{y(t)+4:.1f}" font-family="sans-serif" font-size="11" text-anchor="end" fill="#1a5fb4">{t:.1f}</text>')
    v = umax * k / 4
    parts.append(f'<text x="{W-R+6}" y="{u(v)+4:.1f}" font-family="sans-serif" font-size="11" fill="#a51d2d">{v:.0f}</text>')
pts = " ".join(f"{x(p):.1f},{y(t):.1f}" for p, t, _ in rows)
parts.append(f'<polyline points="{pts}" fill="none" stroke="#1a5fb4" stroke-width="2"/>')
pts = " ".join(f"{x(p):.1f},{u(t/p*1e6):.1f}" for p, t, _ in rows)
parts.append(f'<polyline points="{pts}" fill="none" stroke="#a51d2d" stroke-width="2" stroke-dasharray="6 4"/>')
for p, t, _ in rows:
    parts.append(f'<circle cx="{x(p):.1f}" cy="{y(t):.1f}" r="3" fill="#1a5fb4"/>')
    parts.append(f'<circle cx="{x(p):.1f}" cy="{u(t/p*1e6):.1f}" r="3" fill="#a51d2d"/>')
parts.append('</svg>')
open(out, "w").write("\n".join(parts) + "\n")
print(f"wrote {out}")
PY
