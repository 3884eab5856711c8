#!/usr/bin/env bash
# Builds notify-bench and runs the whole comparison; writes notify-bench/RESULTS.md (about 40 minutes on
# 2 cores with the defaults). Options go to dev.notify.bench.Compare, e.g.
#   notify-bench/run.sh --sizes 1000 --reps 1 --steady-servers "" --jmh false
# Everything runs on 127.0.0.x and stops by itself. Needs Java 17+, Maven and redis-server on the PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

# N connections need N file descriptors in the client and N in each server (N = 30,000 by default):
# raise the limits as far as this shell may (the hard one needs root with CAP_SYS_RESOURCE); the
# servers and redis-server inherit them. Compare skips, and reports, an N that does not fit.
wanted=65536
if [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt "$wanted" ]; then
  ulimit -Hn "$wanted" 2>/dev/null || true
fi
ulimit -Sn "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt 31024 ]; then
  echo "warning: ulimit -n is $(ulimit -n) and cannot be raised here; N = 30,000 needs 31,024 (raise the hard limit as root or in /etc/security/limits.conf)" >&2
fi
command -v redis-server >/dev/null || echo "warning: redis-server not found; the Redis scenarios will fail (apt-get install redis-server)" >&2

if [ "${SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -pl notify-bench -am package -DskipTests
fi
# the report names the commit it measured
commit="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
if ! git diff --quiet HEAD 2>/dev/null; then
  commit="$commit with uncommitted changes"
fi
exec java -Xmx2g -Dnotify.bench.commit="$commit" -jar notify-bench/target/notify-bench.jar "$@"
