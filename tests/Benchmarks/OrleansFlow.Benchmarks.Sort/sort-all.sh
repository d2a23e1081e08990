#!/usr/bin/env bash
# Issue 4's benchmark in one run: at 1 GB and at 10 GB, (a) the single-process in-memory sort, (b) the fabric with the
# memory shuffle, (c) with the Redis shuffle, (d) with the disk shuffle — plus two references that say what this
# machine allows a job that reads and writes files: (a2) one process that reads the input files, sorts and writes one
# output file, and the disk's own speed for writing 1 GB into a new file past the page cache (the way the reducers
# write their output). Ends with one table and the ratios the issue asks for.
# usage: tests/Benchmarks/OrleansFlow.Benchmarks.Sort/sort-all.sh [DATA_DIR] [JOBS] [SIZES]
#   DATA_DIR: gensort inputs (made on first use) and run folders (default /tmp/orleansflow-terasort); needs ≈ 25 GB free
#   JOBS: 1 GB jobs per store on one pair of silos (default 5; job 1 is cold, the later ones warm)
#   SIZES: "1 10" (default), or "1" for the 1 GB rows only
# Needs redis-server and redis-cli (as .ci/run installs them). The whole run takes ≈ 10 minutes on 2 cores.
set -euo pipefail
data=${1:-/tmp/orleansflow-terasort}
jobs=${2:-5}
sizes=${3:-1 10}
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
bench="dotnet $repo/tests/Benchmarks/OrleansFlow.Benchmarks.Sort/bin/Release/net10.0/OrleansFlow.Benchmarks.Sort.dll"
log=$data/sort-all-$(date +%Y%m%d-%H%M%S).log
mkdir -p "$data"

(cd "$repo" && dotnet build -c Release -v q -nologo silo/OrleansFlow.Silo && dotnet build -c Release -v q -nologo client/OrleansFlow.Cli \
  && dotnet build -c Release -v q -nologo tests/Benchmarks/OrleansFlow.Benchmarks.Sort && dotnet build-server shutdown) > /dev/null

say() { echo "$*" | tee -a "$log"; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }          # key=value out of a RESULT line
job_gbps() { sed -n 's/.*(\([0-9.]*\) GB\/s)\].*/\1/p'; } # the job's own throughput out of fabric-sort.sh's line
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
best() { sort -g | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b == 0) print "—"; else printf "%.2f", a / b }'; }

# Every row starts from the same page cache: 1 GB of input is read into it first (each row reads it from memory);
# 10 GB does not fit beside the silos, so the cache is dropped (each row reads it from the disk) — otherwise a row
# would inherit whatever the previous one left cached. Dropping needs root; without it the order of rows shows.
same_start() {
  if [[ $gb == 1 ]]; then
    if [[ -d $1 ]]; then cat "$1"/part-* > /dev/null; fi
  elif [[ -w /proc/sys/vm/drop_caches ]]; then
    sync && echo 3 > /proc/sys/vm/drop_caches
  fi
}

say "sort-all: $(date -u +%FT%TZ), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, commit $(git -C "$repo" rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"

# The disk's floor for the output: 1 GB written with O_DIRECT into a new file, three times.
floor=()
for k in 1 2 3; do
  start=$(date +%s.%N)
  dd if=/dev/zero of="$data/dd-floor" bs=4M count=250 oflag=direct status=none
  floor+=("$(echo "1.048576 / ($(date +%s.%N) - $start)" | bc -l)")
  rm -f "$data/dd-floor"
done
floor_best=$(printf '%s\n' "${floor[@]}" | best)
say "disk floor: 1 GB O_DIRECT into a new file: $(printf '%.2f ' "${floor[@]}")GB/s"

declare -A row
for gb in $sizes; do
  # (a): one process, records already in memory; best of 5 at 1 GB, one run at 10 GB (it holds the input once more).
  runs=$([[ $gb == 1 ]] && echo 5 || echo 1)
  line=$($bench --gb "$gb" --runs "$runs" | tee -a "$log" | grep '^RESULT')
  row[a,$gb]="$(echo "$line" | field best_gbps) $(echo "$line" | field median_gbps) $(echo "$line" | field peak_rss_mb)"

  input=$data/input-${gb}g
  # The fabric runs first: fabric-sort.sh makes the input files if they are missing.
  for store in memory redis disk; do
    n=$([[ $gb == 1 ]] && echo "$jobs" || echo 1)
    same_start "$input"
    "$here/fabric-sort.sh" "$gb" "$store" 2g "$data" "$n" | tee -a "$log" | grep '^RESULT' > "$data/results-$store-$gb" || true
    if ! grep -q valsort=OK "$data/results-$store-$gb" || grep -q valsort=FAILED "$data/results-$store-$gb"; then
      say "($store, $gb GB) did not produce a valid output: see $log"
    fi
    cold=$(head -1 "$data/results-$store-$gb" | job_gbps)
    warm=$(tail -n +2 "$data/results-$store-$gb" | job_gbps)
    # Peak RSS of each process over the jobs: silo0/silo1/redis-server/client, MB.
    rss=$(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^(silo0|silo1|redis|client)=/) { split($i, kv, "="); v = kv[2] + 0; if (v > m[kv[1]]) m[kv[1]] = v } }
      END { printf "%d/%d/%d/%d", m["silo0"], m["silo1"], m["redis"], m["client"] }' "$data/results-$store-$gb")
    cpu=$(tail -1 "$data/results-$store-$gb" | field siloCPU)
    wbest=$(echo "$warm" | best); wmedian=$(echo "$warm" | median)
    row[$store,$gb]="${cold:-—} ${wbest:-—} ${wmedian:-—} ${rss:-—} ${cpu:-—}"
  done

  if [[ $gb == 1 ]]; then
    same_start "$input"
    line=$($bench --files "$input" --runs 3 --output "$data/a2-out" | tee -a "$log" | grep '^RESULT')
    row[a2,$gb]="$(echo "$line" | field best_gbps) $(echo "$line" | field median_gbps) $(echo "$line" | field peak_rss_mb)"
  fi
done

say ""
say "| size | row | cold (job 1) GB/s | warm best GB/s | warm median GB/s | peak RSS MB (fabric: silo0/silo1/redis/client) | silo CPU-s, last job |"
say "|---|---|---|---|---|---|---|"
for gb in $sizes; do
  read -r a_best a_median a_rss <<< "${row[a,$gb]}"
  say "| $gb GB | (a) one process, in memory | — | $a_best | $a_median | $a_rss | — |"
  if [[ -n ${row[a2,$gb]:-} ]]; then
    read -r b2 m2 r2 <<< "${row[a2,$gb]}"
    say "| $gb GB | (a2) one process, files → sort → file | — | $b2 | $m2 | $r2 | — |"
  fi
  for store in memory redis disk; do
    read -r cold wbest wmedian rss cpu <<< "${row[$store,$gb]}"
    letter=$(case $store in memory) echo b;; redis) echo c;; disk) echo d;; esac)
    say "| $gb GB | ($letter) fabric, $store shuffle, 2 silos | $cold | $wbest | $wmedian | $rss | $cpu |"
  done
done
say ""
read -r a_best a_median _ <<< "${row[a,1]}"
read -r _ b_best b_median _ _ <<< "${row[memory,1]}"
read -r _ c_best c_median _ _ <<< "${row[redis,1]}"
say "1 GB, warm best (median): (b)/(a) = $(ratio "$b_best" "$a_best") ($(ratio "$b_median" "$a_median")), target ≥ 0.50;" \
  "(b)/(c) = $(ratio "$b_best" "$c_best") ($(ratio "$b_median" "$c_median")), target ≥ 5"
if [[ -n ${row[a2,1]:-} ]]; then
  read -r a2_best a2_median _ <<< "${row[a2,1]}"
  say "1 GB: (a2)/(a) = $(ratio "$a2_best" "$a_best") ($(ratio "$a2_median" "$a_median")): the share of (a) one process keeps once it reads and writes files;" \
    "(b)/(a2) = $(ratio "$b_best" "$a2_best") ($(ratio "$b_median" "$a2_median")); disk floor for the output $(printf '%.2f' "$floor_best") GB/s best"
fi
say "log: $log"
