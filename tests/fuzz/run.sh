#!/usr/bin/env bash
# Runs the libFuzzer harnesses of the fuzz build (cmake --preset fuzz) for a fixed time each,
# starting from the seed corpus in tests/fuzz/corpus (read only: new inputs go to
# build/fuzz/corpus/HARNESS). Prints runs, execs/s and coverage per harness. Exits non-zero on
# the first crash, sanitizer report, leak or hang; the reproducer is in build/fuzz/artifacts/.
#
# Usage: tests/fuzz/run.sh SECONDS [HARNESS...]   (harnesses: client_transport
#        server_transport credentials aes_gcm ecc; default all). `make test` runs 20 s each.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:?usage: run.sh SECONDS [HARNESS...]}
shift
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(client_transport server_transport credentials aes_gcm ecc)
bin="$top/build/fuzz/tests/fuzz"
artifacts="$top/build/fuzz/artifacts"
mkdir -p "$artifacts"

for h in "${harnesses[@]}"; do
  work="$top/build/fuzz/corpus/$h"
  log="$top/build/fuzz/$h.log"
  mkdir -p "$work"
  # -timeout: one input running for 10 s counts as a hang; -seed: the same mutations each run.
  status=0
  "$bin/${h}_fuzzer" -max_total_time="$seconds" -timeout=10 -max_len=8192 -seed=1 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$h-" "$work" "$top/tests/fuzz/corpus/$h" \
    >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  # (|| true: a harness that dies on its first input prints no coverage line, and must still be
  # reported below rather than end the script through pipefail.)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2 || true)
  printf 'fuzz %-17s %8s runs in %ss  %6s exec/s  coverage %s edges\n' \
    "$h" "${runs:-?}" "$seconds" "${rate:-?}" "${cov:-?}"
  if [ "$status" -ne 0 ]; then
    echo "fuzz $h FAILED (exit $status): last lines of $log" >&2
    tail -40 "$log" >&2
    exit 1
  fi
done
