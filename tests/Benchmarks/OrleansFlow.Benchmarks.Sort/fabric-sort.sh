#!/usr/bin/env bash
# TeraSort on the fabric, (b)-(d) of issue 4: for each shuffle store, a fresh redis-server and two fresh silo
# processes (so each process's peak RSS belongs to one run), their start-up (launch to ready: wall and CPU seconds),
# one `orleansflow sort` of the same gensort input, valsort of the output against the input's checksum, and one line
# of figures. Release build of the client first (the script publishes the silo; SORT_SILO=build needs its build too):
#   dotnet build -c Release client/OrleansFlow.Cli && dotnet build -c Release silo/OrleansFlow.Silo
# usage: tests/Benchmarks/OrleansFlow.Benchmarks.Sort/fabric-sort.sh GB [STORES] [SILO_MEMORY] [DATA_DIR] [RUNS]
#   GB: input size (10^9 bytes); STORES: e.g. "memory redis disk"; SILO_MEMORY: each silo's DRAM tier (default 2g);
#   RUNS: sorts per store on the same two silos (default 1; run 1 is cold, later runs warm).
# SORT_SILO in the environment: which silo to launch. r2r (default): the script publishes the silo ReadyToRun-compiled
#   (dotnet publish -r linux-x64) and launches the published one; build: the Release build output (IL only, all JIT).
# SORT_SILO_ARGS in the environment: more silo options, e.g. "--pretouch" (tier and sort buffers resident at start).
# SORT_PERF=1 in the environment: the silos write perf maps (DOTNET_PerfMapEnabled=1, and W^X off so that perf sees
#   JIT code where the map says: otherwise it shows up as memfd:doublemapper) and
#   every run is recorded with `perf record -g` on both silos into $DATA_DIR/run-STORE/perf-RUN-SILO.data
#   (read with `perf report -i FILE --no-children --sort dso,sym`, or per phase of the job with
#   `perf-phases.py "job 3=$DATA_DIR/run-memory/perf-3-0.data,$DATA_DIR/run-memory/perf-3-1.data"`).
set -euo pipefail
gb=${1:?usage: fabric-sort.sh GB [STORES] [SILO_MEMORY] [DATA_DIR]}
stores=${2:-memory redis disk}
silo_memory=${3:-2g}
data=${4:-/tmp/orleansflow-terasort}
runs=${5:-1}
repo=$(cd "$(dirname "$0")/../../.." && pwd)
cli="dotnet $repo/client/OrleansFlow.Cli/bin/Release/net10.0/OrleansFlow.Cli.dll"
silo_project=$repo/silo/OrleansFlow.Silo
records=$((gb * 10000000))
input=$data/input-${gb}g
mkdir -p "$data"

case ${SORT_SILO:-r2r} in
  r2r)
    # The silo as production deploys it: published with ReadyToRun code (the project sets PublishReadyToRun), so fresh
    # silos do not JIT-compile their start-up and first job. Incremental: quick when nothing changed.
    rid=linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')
    dotnet publish "$silo_project" -c Release -r "$rid" --self-contained false > "$data/silo-publish.log" 2>&1 \
      || { cat "$data/silo-publish.log" >&2; exit 1; }
    silo_dll=$silo_project/bin/Release/net10.0/$rid/publish/OrleansFlow.Silo.dll ;;
  build) silo_dll=$silo_project/bin/Release/net10.0/OrleansFlow.Silo.dll ;;
  *) echo "SORT_SILO must be r2r or build, not '$SORT_SILO'" >&2; exit 2 ;;
esac

if [[ ! -f $input/.checksum ]]; then
  rm -rf "$input" && mkdir -p "$input"
  $cli gensort --records "$records" --output "$input" --quiet | sed -n 's/^Checksum: //p' > "$input/.checksum"
fi
expected=$(cat "$input/.checksum")

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
peak_mb() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
# CPU seconds (user + system) a process has used so far: on a machine shared with other work, the job's CPU cost is
# the figure that does not move with the load.
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"; }

pids=()
# Silos first (their graceful stop still talks to redis-server for membership; with redis gone first it stalls for
# minutes), then redis-server.
cleanup() {
  for (( k = ${#pids[@]} - 1; k >= 0; k-- )); do kill "${pids[$k]}" 2>/dev/null || true; wait "${pids[$k]}" 2>/dev/null || true; done
}
trap cleanup EXIT

for store in $stores; do
  run=$data/run-$store
  rm -rf "$run" && mkdir -p "$run"
  rport=$(free_port)
  redis-server --port "$rport" --bind 127.0.0.1 --save "" --appendonly no > "$run/redis.log" 2>&1 &
  redis_pid=$!; pids=("$redis_pid")
  until redis-cli -p "$rport" ping > /dev/null 2>&1; do sleep 0.2; done
  silo_pids=(); silo_starts=()
  for i in 0 1; do
    silo_starts+=("$(date +%s.%N)")
    env ${SORT_PERF:+DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0} dotnet "$silo_dll" --cluster "redis://127.0.0.1:$rport" --cluster-id bench --silo-port "$(free_port)" \
      --gateway-port "$(free_port)" --slots 2 --memory "$silo_memory" --work-dir "$run/work-$i" ${SORT_SILO_ARGS:-} > "$run/silo-$i.log" 2>&1 &
    silo_pids+=($!); pids+=($!)
  done
  # Start-up: launch to "silo ready" in its log (polled every 50 ms), wall and the silo's CPU seconds by then.
  startup=("" "")
  until [[ -n ${startup[0]} && -n ${startup[1]} ]]; do
    for i in 0 1; do
      kill -0 "${silo_pids[$i]}" 2>/dev/null || { echo "silo $i exited while starting: see $run/silo-$i.log" >&2; exit 1; }
      if [[ -z ${startup[$i]} ]] && grep -qs "OrleansFlow silo ready" "$run/silo-$i.log"; then
        startup[$i]="silo$i=$(echo "$(date +%s.%N) - ${silo_starts[$i]}" | bc | xargs printf '%.2f')s/$(cpu_s "${silo_pids[$i]}")cpu-s"
      fi
    done
    sleep 0.05
  done
  echo "STARTUP store=$store ${startup[*]} load=$(cut -d' ' -f1 /proc/loadavg)"
  # The second silo must be active for the planner to count it.
  until [[ $($cli cluster --cluster "redis://127.0.0.1:$rport" --cluster-id bench --json 2>/dev/null | grep -o '"silo"' | wc -l) -ge 2 ]]; do sleep 1; done

  # Run 1 is the first job on fresh silos (cold buffers, JIT); later runs reuse the same silos (warm).
  for r in $(seq 1 "$runs"); do
    perf_pids=()
    if [[ -n ${SORT_PERF:-} ]]; then
      for i in 0 1; do
        perf record -q -g -F 999 -p "${silo_pids[$i]}" -o "$run/perf-$r-$i.data" > /dev/null 2>&1 &
        perf_pids+=($!)
      done
      sleep 1
    fi
    cpu0=$(cpu_s "${silo_pids[0]}"); cpu1=$(cpu_s "${silo_pids[1]}")
    start=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$run/client-$r.maxrss" $cli sort --cluster "redis://127.0.0.1:$rport" --cluster-id bench \
      --input "$input" --output "$run/out-$r" --shuffle "$store" > "$run/sort-$r.out" 2> "$run/sort-$r.err"
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    silo_cpu=$(echo "$(cpu_s "${silo_pids[0]}") - $cpu0 + $(cpu_s "${silo_pids[1]}") - $cpu1" | bc)
    for p in "${perf_pids[@]}"; do kill -INT "$p"; wait "$p" || true; done
    job_line=$(grep -m1 "sorted" "$run/sort-$r.err" || true)
    # Per-task durations and silos, for looking into a stage's time afterwards.
    $cli job "${job_line%%:*}" --json --cluster "redis://127.0.0.1:$rport" --cluster-id bench > "$run/job-$r.json" 2>&1 || true
    stages=$(grep -E "^  (sample|map|reduce) " "$run/sort-$r.err" | awk '{printf "%s=%ss ", $1, $4}')
    rss="silo0=$(peak_mb "${silo_pids[0]}")MB silo1=$(peak_mb "${silo_pids[1]}")MB redis=$(peak_mb "$redis_pid")MB client=$(( $(cat "$run/client-$r.maxrss") / 1024 ))MB"
    check=$($cli valsort "$run/out-$r" | tr '\n' ' ')
    ok=$([[ $check == *"Checksum: $expected "* && $check == *SUCCESS* ]] && echo OK || echo FAILED)
    echo "RESULT store=$store gb=$gb run=$r wall=${seconds}s [$job_line] stages: $stages siloCPU=${silo_cpu}s load=$(cut -d' ' -f1 /proc/loadavg) peakRSS: $rss valsort=$ok"
    rm -rf "$run/out-$r"
  done
  cleanup; pids=()
  rm -rf "$run"/work-*  # keep the logs and job.json
done
