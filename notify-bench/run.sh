#!/usr/bin/env bash
# Builds notify-bench and runs the whole fan-out comparison (a few minutes on 2 cores); writes
# notify-bench/RESULTS.md. Options go to dev.notify.bench.Compare, e.g. --sizes 1000 --reps 1 --jmh false.
# Everything runs on 127.0.0.1 and stops by itself. Needs Java 17+, Maven and redis-server on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

# N connections need N file descriptors in the client and N in each server: raise the soft limit
# to the hard one (10,000 connections need a bit more than 10,000).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 10240 ]; then
  echo "warning: ulimit -n is $(ulimit -n); N = 10,000 needs more than 10,240 (raise the hard limit)" >&2
fi
command -v redis-server >/dev/null || echo "warning: redis-server not found; the Redis scenarios will fail (apt-get install redis-server)" >&2

if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -pl notify-bench -am package -DskipTests
fi
exec java -Xmx2g -jar notify-bench/target/notify-bench.jar "$@"
