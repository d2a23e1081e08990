#!/usr/bin/env bash
# TeraSort on the fabric, (b)-(d) of issue 4: for each shuffle store, a fresh redis-server and two fresh silo
# processes (so each process's peak RSS belongs to one run), one `orleansflow sort` of the same gensort input,
# valsort of the output against the input's checksum, and one line of figures. Release build first:
#   dotnet build -c Release silo/OrleansFlow.Silo && dotnet build -c Release client/OrleansFlow.Cli
# usage: tests/Benchmarks/OrleansFlow.Benchmarks.Sort/fabric-sort.sh GB [STORES] [SILO_MEMORY] [DATA_DIR]
#   GB: input size (10^9 bytes); STORES: e.g. "memory redis disk"; SILO_MEMORY: each silo's DRAM tier (default 2g).
set -euo pipefail
gb=${1:?usage: fabric-sort.sh GB [STORES] [SILO_MEMORY] [DATA_DIR]}
stores=${2:-memory redis disk}
silo_memory=${3:-2g}
data=${4:-/tmp/orleansflow-terasort}
repo=$(cd "$(dirname "$0")/../../.." && pwd)
cli="dotnet $repo/client/OrleansFlow.Cli/bin/Release/net10.0/OrleansFlow.Cli.dll"
silo_dll=$repo/silo/OrleansFlow.Silo/bin/Release/net10.0/OrleansFlow.Silo.dll
records=$((gb * 10000000))
input=$data/input-${gb}g

if [[ ! -f $input/.checksum ]]; then
  rm -rf "$input" && mkdir -p "$input"
  $cli gensort --records "$records" --output "$input" --quiet | sed -n 's/^Checksum: //p' > "$input/.checksum"
fi
expected=$(cat "$input/.checksum")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
peak_mb() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

for store in $stores; do
  run=$data/run-$store
  rm -rf "$run" && mkdir -p "$run"
  rport=$(free_port)
  redis-server --port "$rport" --bind 127.0.0.1 --save "" --appendonly no > "$run/redis.log" 2>&1 &
  redis_pid=$!; pids=("$redis_pid")
  until redis-cli -p "$rport" ping > /dev/null 2>&1; do sleep 0.2; done
  silo_pids=()
  for i in 0 1; do
    dotnet "$silo_dll" --cluster "redis://127.0.0.1:$rport" --cluster-id bench --silo-port "$(free_port)" \
      --gateway-port "$(free_port)" --slots 2 --memory "$silo_memory" --work-dir "$run/work-$i" > "$run/silo-$i.log" 2>&1 &
    silo_pids+=($!); pids+=($!)
  done
  for i in 0 1; do until grep -q "OrleansFlow silo ready" "$run/silo-$i.log"; do sleep 0.5; done; done
  # The second silo must be active for the planner to count it.
  until [[ $($cli cluster --cluster "redis://127.0.0.1:$rport" --cluster-id bench --json 2>/dev/null | grep -o '"silo"' | wc -l) -ge 2 ]]; do sleep 1; done

  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$run/client.maxrss" $cli sort --cluster "redis://127.0.0.1:$rport" --cluster-id bench \
    --input "$input" --output "$run/out" --shuffle "$store" > "$run/sort.out" 2> "$run/sort.err"
  seconds=$(echo "$(date +%s.%N) - $start" | bc)
  job_line=$(grep -m1 "sorted" "$run/sort.err" || true)
  # Per-task durations and silos, for looking into a stage's time afterwards.
  $cli job "${job_line%%:*}" --json --cluster "redis://127.0.0.1:$rport" --cluster-id bench > "$run/job.json" 2>&1 || true
  stages=$(grep -E "^  (sample|map|reduce) " "$run/sort.err" | awk '{printf "%s=%ss ", $1, $4}')
  rss="silo0=$(peak_mb "${silo_pids[0]}")MB silo1=$(peak_mb "${silo_pids[1]}")MB redis=$(peak_mb "$redis_pid")MB client=$(( $(cat "$run/client.maxrss") / 1024 ))MB"
  check=$($cli valsort "$run/out" | tr '\n' ' ')
  ok=$([[ $check == *"Checksum: $expected "* && $check == *SUCCESS* ]] && echo OK || echo FAILED)
  echo "RESULT store=$store gb=$gb wall=${seconds}s [$job_line] stages: $stages peakRSS: $rss valsort=$ok"
  cleanup; pids=()
  rm -rf "$run/out" "$run"/work-*  # keep the logs and job.json
done
