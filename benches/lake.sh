#!/usr/bin/env bash
# The lake with many accounts: import time per archive and peak memory against importing
# one and ten, `analyze LAKE --each`, and a second import of the same archives.
#
#   per archive   (import of N with --jobs 2) / N  against  the import of one alone: <= 1.2x
#   memory        peak of N with --jobs 2  against  peak of 10 with --jobs 2: <= 1.2x
#   again         second import of the N / first import: < 5%
#   each          analyze LAKE --each over the N: time and peak memory
#
# Usage: benches/lake.sh [N]   (default 1000 accounts)
# Environment: BENCH_DIR (default target/lake-bench; the archives are kept between runs).
# Needs: cargo, GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-1000}"
dir="${BENCH_DIR:-target/lake-bench}"
command -v /usr/bin/time >/dev/null || { echo "lake.sh: needs GNU time (apt install time)" >&2; exit 2; }
mkdir -p "$dir"

echo "== building (release)" >&2
cargo build --release --quiet --bin rapport --example gen_archive
rapport=target/release/rapport
gen=target/release/examples/gen_archive

if [[ "$(cat "$dir/accounts.args" 2>/dev/null)" != "$n" ]]; then
  rm -rf "$dir/accounts"
  echo "== generating $n accounts" >&2
  "$gen" accounts "$dir/accounts" "$n" >/dev/null 2>&1
  echo "$n" > "$dir/accounts.args"
fi
ls "$dir"/accounts/*.zip > "$dir/all.txt"
head -n 1 "$dir/all.txt" > "$dir/one.txt"
head -n 10 "$dir/all.txt" > "$dir/ten.txt"

# timed LABEL CMD...: runs CMD, prints "seconds peak-KiB".
timed() {
  /usr/bin/time -o "$dir/time.txt" -f "%e %M" "${@:2}" >/dev/null 2>&1 || true
  tail -n 1 "$dir/time.txt"
}

import_into() { # LIST LAKE
  rm -rf "$2"
  timed import "$rapport" import --quiet --jobs 2 --manifest "$1" --into "$2"
}

read -r t1 m1 <<<"$(import_into "$dir/one.txt" "$dir/lake-one")"
read -r t10 m10 <<<"$(import_into "$dir/ten.txt" "$dir/lake-ten")"
read -r tn mn <<<"$(import_into "$dir/all.txt" "$dir/lake-all")"
read -r ta ma <<<"$(timed again "$rapport" import --quiet --jobs 2 --manifest "$dir/all.txt" --into "$dir/lake-all")"
rm -rf "$dir/cohort"
read -r te me <<<"$(timed each "$rapport" analyze "$dir/lake-all" --each --quiet --format json,csv --out "$dir/cohort")"

verdict() { # VALUE LIMIT -> ok | MISS
  awk -v v="$1" -v l="$2" 'BEGIN { print (v <= l) ? "ok" : "MISS" }'
}
per=$(awk -v t="$tn" -v n="$n" 'BEGIN { printf "%.3f", t / n }')
ratio=$(awk -v p="$per" -v o="$t1" 'BEGIN { printf "%.2f", p / o }')
mem=$(awk -v a="$mn" -v b="$m10" 'BEGIN { printf "%.2f", a / b }')
again=$(awk -v a="$ta" -v b="$tn" 'BEGIN { printf "%.3f", a / b }')
echo "accounts            $n"
echo "import one          ${t1} s, ${m1} KiB"
echo "import ten          ${t10} s, ${m10} KiB"
echo "import all          ${tn} s (${per} s per archive), ${mn} KiB"
echo "per archive         ${ratio}x one alone (<= 1.2): $(verdict "$ratio" 1.2)"
echo "memory              ${mem}x ten (<= 1.2): $(verdict "$mem" 1.2)"
echo "second import       ${ta} s, ${again}x the first (< 0.05): $(verdict "$again" 0.05)"
echo "analyze --each      ${te} s, ${me} KiB"
