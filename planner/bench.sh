#!/usr/bin/env bash
# Runs the planner's JMH benchmarks (src/jmh/java), outside the normal test phase.
# Usage: planner/bench.sh [JMH arguments, e.g. PlanBenchmark.upConverged -f 1]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
source scripts/env.sh
mvn -q -Pbench -pl planner test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd planner
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" org.openjdk.jmh.Main "${@:-PlanBenchmark}"
