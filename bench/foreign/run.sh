#!/usr/bin/env bash
# Builds a whole multilingual Hugo site with approdo and prints what a person moving it would want
# to know: pages and fallbacks per language, warnings by kind, build time.
#
#   bash bench/foreign/run.sh HUGO_SITE [REPAIRS]
#
# HUGO_SITE is a checkout (e.g. of https://github.com/cncf/glossary). REPAIRS, optional, is a
# shell script run in the converted site before building: the few fixes its editors would make
# in the first afternoon, which the build reports as errors (for the CNCF glossary:
# bench/foreign/cncf-repairs.sh). The conversion itself changes nothing but the layout.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
site="$(realpath "$1")"
work="${TMPDIR:-/tmp}/approdo-foreign"
bin="$repo/target/release/approdo"
cargo build --release --quiet --manifest-path "$repo/Cargo.toml"
python3 "$here/hugo_to_approdo.py" "$site" "$work/site"
cd "$work/site"
printf '\n[links]\nbroken = "warn"\n[shortcodes]\nunknown = "warn"\n' >> site.toml
if [ $# -ge 2 ]; then bash "$(realpath "$2" 2>/dev/null || echo "$OLDPWD/$2")"; fi
echo "== build"
for run in 1 2 3; do
  rm -rf "$work/public"
  /usr/bin/time -f "run $run: %e s wall, %U s user, %M KB max RSS" "$bin" build --output "$work/public" --quiet 2>&1 | tail -1
done
"$bin" build --output "$work/public" | tail -1
echo "== output lines of a plain build (summarised diagnostics)"
"$bin" build --output "$work/public" 2>&1 | wc -l
echo "== diagnostics by kind (approdo check --format json)"
"$bin" check --format json | python3 -c '
import json, sys, collections
d = json.load(sys.stdin)
kinds = collections.Counter((x["severity"], x.get("code") or x["message"][:60]) for x in d["diagnostics"])
for (sev, kind), n in kinds.most_common():
    print(f"{n:7d}  {sev:8s} {kind}")
print("errors", d["errors"], "warnings", d["warnings"], "notes", d["notes"])'
