#!/usr/bin/env bash
# The clamator benchmark (docs/performance.md): builds the harness, prepares a Python venv with the
# clamator packages from PyPI, then measures every system on one Redis ($REDIS_URL, else a
# redis-server from the PATH on a free port). Options go to the harness; --help lists them.
#   benchmarks/run.sh            the full comparison (about 9.5 minutes on 2 cores)
#   benchmarks/run.sh --soak     heap after GC between 100k and 1M calls
#   benchmarks/run.sh --quick    a smoke run of a minute
# BENCH_SKIP_BUILD=1 reuses the last build; BENCH_JAVA_OPTS adds JVM options (say a JFR recording).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
    echo "building the harness ..." >&2
    ./mvnw -B -q -T1 -pl benchmarks -am package -Dmaven.test.skip=true
fi

# which clamator is measured: the commit, and whether clamator-core or clamator-redis had local changes
# (BENCH_SOURCE names it when this is not a git work tree)
if [[ -z "${BENCH_SOURCE:-}" ]] && commit=$(git rev-parse --short HEAD 2>/dev/null); then
    BENCH_SOURCE=$commit
    git diff --quiet HEAD -- clamator-core clamator-redis 2>/dev/null || BENCH_SOURCE="$commit with local changes to clamator-core or clamator-redis"
    export BENCH_SOURCE
fi

venv=benchmarks/target/venv
if ! "$venv/bin/python" -c 'import clamator_over_redis' 2>/dev/null; then
    echo "creating $venv with the clamator Python packages ..." >&2
    if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q --disable-pip-version-check -r benchmarks/python/requirements.txt; }; then
        echo "warning: no Python venv; the python systems will fail (leave them out with --systems)" >&2
    fi
fi

exec java -Xms1g -Xmx1g -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} \
    -cp "benchmarks/target/classes:benchmarks/target/lib/*" io.clamator.benchmarks.BenchMain "$@"
