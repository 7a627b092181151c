#!/usr/bin/env bash
# End-to-end performance of `rapport analyze` against the cost of reading the archive.
#
# Generates deterministic archives with the `gen_archive` example, then times, side by
# side in one run, `unzip -p` of each archive and `rapport analyze` writing every output,
# and prints each figure of the performance targets with its ratio:
#
#   time        analyze / unzip -p              (Twitter; three platforms vs the sum)
#   memory      peak RSS / largest inflated entry; three platforms under 1 GB
#   cores       time with RAYON_NUM_THREADS=1 / time with every core
#   linear      4x the posts and messages: time and memory ratios
#   small       the fixtures' full report
#
# Usage: benches/end_to_end.sh [--quick]
#   --quick     a quarter of the sizes (for a first look; the targets are for full sizes)
# Environment: RUNS (default 3; the median time and the largest peak are kept),
#              BENCH_DIR (default target/end-to-end; archives are kept there between runs).
# Needs: cargo, unzip, GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."

scale=1
if [[ "${1:-}" == "--quick" ]]; then scale=4; fi
runs="${RUNS:-3}"
dir="${BENCH_DIR:-target/end-to-end}"
for tool in unzip /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "end_to_end: needs $tool (apt install unzip time)" >&2; exit 2; }
done
mkdir -p "$dir"

echo "== building (release)" >&2
cargo build --release --quiet --bin rapport --example gen_archive
rapport=target/release/rapport
gen=target/release/examples/gen_archive

# gen NAME PLATFORM SIZES...: generates once per size set (deterministic output).
gen() {
  local name=$1; shift
  local zip="$dir/$name.zip" stamp="$dir/$name.args"
  if [[ ! -f "$zip" || "$(cat "$stamp" 2>/dev/null)" != "$*" ]]; then
    echo "== generating $zip ($*)" >&2
    "$gen" "$1" "$zip" "${@:2}" 2>/dev/null
    echo "$*" >"$stamp"
  fi
  echo "$zip"
}

s() { echo $(($1 / scale)); }
twitter=$(gen twitter twitter "$(s 200000)" "$(s 200000)" "$(s 100000)" "$(s 5000)")
twitter4=$(gen twitter-4x twitter "$(s 800000)" "$(s 800000)" "$(s 400000)" "$(s 20000)")
linkedin=$(gen linkedin linkedin "$(s 30000)" "$(s 100000)")
facebook=$(gen facebook facebook "$(s 500000)" 2000)

# measure LABEL CMD...: median wall seconds and largest peak RSS (MB) over $runs runs,
# printed as "SECONDS MB".
measure() {
  local label=$1; shift
  local times=() peak=0 out
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$dir/time.txt" -f '%e %M' "$@" >/dev/null 2>"$dir/stderr.txt" || {
      echo "end_to_end: $label failed:" >&2; tail -3 "$dir/stderr.txt" >&2; exit 1; }
    out=$(tail -1 "$dir/time.txt")
    times+=("${out% *}")
    local kb=${out#* }
    if ((kb > peak)); then peak=$kb; fi
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "   $label: ${median} s, peak $((peak / 1024)) MB" >&2
  echo "$median $((peak / 1024))"
}

# The largest inflated entry of a zip, in MB.
largest_entry() {
  unzip -l "$1" | awk 'NR > 3 && $4 != "" { if ($1 > m) m = $1 } END { printf "%.0f", m / 1048576 }'
}

# GNU time runs programs, not shell functions: these are argument lists.
analyze=("$rapport" analyze --out "$dir/out" -q)
unzip_all=(sh -c 'for z in "$@"; do unzip -p "$z"; done' unzip_all)

echo "== timing ($runs runs each)" >&2
read -r unzip_tw _ < <(measure "unzip -p twitter" "${unzip_all[@]}" "$twitter")
read -r tw tw_mb < <(measure "analyze twitter" "${analyze[@]}" "$twitter")
read -r tw_one _ < <(RAYON_NUM_THREADS=1 POLARS_MAX_THREADS=1 measure "analyze twitter, one thread" "${analyze[@]}" "$twitter")
read -r unzip_tw4 _ < <(measure "unzip -p twitter 4x" "${unzip_all[@]}" "$twitter4")
read -r tw4 tw4_mb < <(measure "analyze twitter 4x" "${analyze[@]}" "$twitter4")
read -r unzip_three _ < <(measure "unzip -p three platforms" "${unzip_all[@]}" "$twitter" "$linkedin" "$facebook")
read -r three three_mb < <(measure "analyze three platforms" "${analyze[@]}" "$twitter" "$linkedin" "$facebook")
read -r fixtures _ < <(measure "analyze fixtures (samples)" "${analyze[@]}")
largest=$(largest_entry "$twitter")

# row FIGURE VALUE TARGET-TEXT PASS(0/1)
row() { printf '| %-44s | %-24s | %-10s | %-4s |\n' "$1" "$2" "$3" "$([[ $4 == 1 ]] && echo ok || echo MISS)"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b) ? 1 : 0 }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { print (a >= b) ? 1 : 0 }'; }

r_time=$(ratio "$tw" "$unzip_tw")
r_three=$(ratio "$three" "$unzip_three")
r_mem=$(ratio "$tw_mb" "$largest")
r_cores=$(ratio "$tw_one" "$tw")
r_lin_t=$(ratio "$tw4" "$tw")
r_lin_m=$(ratio "$tw4_mb" "$tw_mb")

echo
echo "rapport $("$rapport" --version | awk '{print $2}'), $(nproc) cores, $runs runs (median time, largest peak)"
echo
printf '| %-44s | %-24s | %-10s | %-4s |\n' figure measured target ""
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "$(printf -- '-%.0s' {1..26})" "$(printf -- '-%.0s' {1..12})" "------"
row "twitter: analyze / unzip -p" "$tw s / $unzip_tw s = $r_time" "<= 1.6" "$(le "$r_time" 1.6)"
row "three platforms: analyze / sum of unzip -p" "$three s / $unzip_three s = $r_three" "<= 1.6" "$(le "$r_three" 1.6)"
row "twitter: peak memory / largest entry" "$tw_mb MB / $largest MB = $r_mem" "<= 1.5" "$(le "$r_mem" 1.5)"
row "three platforms: peak memory" "$three_mb MB" "< 1024 MB" "$(le "$three_mb" 1023)"
row "cores: one thread / all ($(nproc))" "$tw_one s / $tw s = $r_cores" ">= 1.6" "$(ge "$r_cores" 1.6)"
row "linear: 4x data, time" "$tw4 s / $tw s = $r_lin_t" "<= 4.4" "$(le "$r_lin_t" 4.4)"
row "linear: 4x data, memory" "$tw4_mb MB / $tw_mb MB = $r_lin_m" "<= 4.4" "$(le "$r_lin_m" 4.4)"
row "fixtures: full report" "$fixtures s" "< 0.5 s" "$(le "$fixtures" 0.49)"
