#!/usr/bin/env bash
# Proves the tests depend neither on today's date nor on how busy the machine is, by running the
# whole vitest suite twice more:
#   1. with the clock a year ahead: libfaketime (Debian's `faketime`) moves the time every process
#      of the run reads through libc: vitest, the engine, the spawned CLI, Chromium.
#      Go programs (VictoriaMetrics, InfluxDB, Prometheus) read the kernel's clock directly, so it
#      cannot move theirs: the tests that exchange timestamps with them read the server's own
#      clock, and the one that cannot (live samples pushed into VictoriaMetrics, which refuses
#      samples from its future) says "not run" with the skew it found.
#   2. with every core saturated by stress-ng, at the same priority as the tests.
# Both must pass. `npm test` (lint, typecheck, build) runs first; this needs the build it made.
#
# Usage: scripts/test-under-stress.sh [clock|load]   (both when no argument)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x node_modules/node/bin/node ]; then export PATH="$PWD/node_modules/node/bin:$PWD/node_modules/.bin:$PATH"; fi

for tool in faketime stress-ng; do
  command -v "$tool" >/dev/null || { echo "test-under-stress: $tool is missing; apt-get install $tool" >&2; exit 1; }
done

phase() { printf '\n== %s\n' "$*"; }

clock_ahead() {
  phase "vitest with the clock a year ahead ($(faketime -f '+365d' date -u +%Y-%m-%dT%H:%MZ))"
  # A relative offset: every process, whenever it starts, sees real time plus a year.
  faketime -f '+365d' npx vitest run
}

STRESS_PID=''
stop_load() {
  if [ -n "$STRESS_PID" ]; then
    kill "$STRESS_PID" 2>/dev/null || true
    wait "$STRESS_PID" 2>/dev/null || true
    STRESS_PID=''
  fi
}
trap stop_load EXIT

saturated() {
  local cores
  cores="$(nproc)"
  phase "vitest with all ${cores} cores saturated by stress-ng"
  # --timeout: the load generator ends by itself even if this script is killed outright.
  stress-ng --cpu "$cores" --cpu-load 100 --timeout 60m --quiet &
  STRESS_PID=$!
  sleep 2
  kill -0 "$STRESS_PID" || { echo "test-under-stress: stress-ng did not start" >&2; exit 1; }
  local status=0
  npx vitest run || status=$?
  stop_load
  return "$status"
}

case "${1:-both}" in
  clock) clock_ahead ;;
  load) saturated ;;
  both) clock_ahead && saturated ;;
  *) echo "usage: $0 [clock|load]" >&2; exit 2 ;;
esac
