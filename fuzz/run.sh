#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each (default 600), one after another.
#   bash fuzz/run.sh            # all targets, 10 minutes each
#   SECONDS_EACH=60 bash fuzz/run.sh markdown
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Crashes land in
# fuzz/artifacts/<target>/; turn each into a regression test in tests/properties.rs.
set -euo pipefail
cd "$(dirname "$0")/.."
each=${SECONDS_EACH:-600}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
for t in "${targets[@]}"; do
  echo "== $t: ${each}s"
  mkdir -p "fuzz/corpus/$t"
  # Seed the Markdown and front-matter corpora with the real site's pages.
  if [ "$t" = markdown ] || [ "$t" = front_matter ]; then
    find content -name '*.md' -exec cp -n {} "fuzz/corpus/$t/" \; 2>/dev/null || true
  fi
  mkdir -p fuzz/logs
  if cargo +nightly fuzz run "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$each" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    > "fuzz/logs/$t.log" 2>&1; then
    grep -E "^stat::(number_of_executed_units|peak_rss_mb)|^Done" "fuzz/logs/$t.log" || true
  else
    echo "!! $t failed; see fuzz/logs/$t.log and fuzz/artifacts/$t/"
    grep -m3 -A2 "panicked at\|ERROR: libFuzzer" "fuzz/logs/$t.log" || true
    status=1
  fi
done
exit ${status:-0}
