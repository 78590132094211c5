#!/usr/bin/env bash
# Runs one fuzz target on the stable toolchain (cargo-fuzz needs nightly flags; RUSTC_BOOTSTRAP
# allows them on stable). The working corpus fuzz/corpus/TARGET is seeded from the seed pages,
# the fixtures and the kept regressions; what the run finds is in fuzz/artifacts/TARGET.
#   scripts/fuzz.sh parse_page 1800     # 30 minutes
# Needs: cargo install cargo-fuzz
set -euo pipefail
target=${1:?usage: scripts/fuzz.sh parse_page|config|query [seconds]}
seconds=${2:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus="$root/fuzz/corpus/$target"
mkdir -p "$corpus"
case "$target" in
parse_page) cp "$root"/seeds/*.txt "$root"/tests/fixtures/pages/*.txt "$corpus"/ ;;
config) cp "$root"/assets/config.toml "$corpus"/ ;;
query) for q in 送清凉 '"强基 工程" -高温 city:湛江' 'union:台山市总工会 劳模' 'page:x 工会' '2024年 职工'; do
    printf '%s' "$q" >"$corpus/$(printf '%s' "$q" | md5sum | cut -c1-16)"
  done ;;
*) echo "unknown target $target" >&2; exit 2 ;;
esac
if [ -d "$root/fuzz/regressions/$target" ]; then
    cp "$root/fuzz/regressions/$target"/* "$corpus"/ 2>/dev/null || true
fi
cd "$root/fuzz"
RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none --debug-assertions "$target" "$corpus" -- -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=4096
