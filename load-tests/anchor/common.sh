# Sourced by the anchor scripts (run.sh, flags.sh, transports.sh, proxies.sh): where things are, the
# checks before any load, and gateways started in the background that are all stopped at exit.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BENCH="${ANCHOR_BENCH:-$ROOT/../shared/tools/anchor-bench/run.sh}"
JAR="$ROOT/gateway/target/shunt-gateway.jar"
OUT="$ROOT/load-tests/results"
DAY="$(date -u +%F)"
TMP="$(mktemp -d)"
PIDS=()
trap 'for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$TMP"' EXIT

# The harness and the gateway jar are there; the results folder exists.
anchor_ready() {
    [ -x "$BENCH" ] || { echo "anchor-bench not found at $BENCH (set ANCHOR_BENCH)" >&2; exit 2; }
    [ -f "$JAR" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 2; }
    mkdir -p "$OUT"
}

# config_on_port BASE PORT NAME: a copy of the gateway config BASE listening on PORT; prints its path.
config_on_port() {
    sed "s/port: 1900[0-9]/port: $2/" "$1" > "$TMP/$3.yaml"
    echo "$TMP/$3.yaml"
}

# start_gateway NAME CONFIG [JVM OPTIONS...] [-- GATEWAY FLAGS...]: starts the gateway jar in the
# background, logging to /tmp/shunt-anchor-NAME.log, and sets LAST to its pid (no subshell: the EXIT
# trap must see every pid).
start_gateway() {
    local name="$1" config="$2"
    shift 2
    local jvm=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        jvm+=("$1")
        shift
    done
    [ $# -gt 0 ] && shift
    java -Xmx1g -XX:+UseParallelGC "${jvm[@]}" -jar "$JAR" --config "$config" "$@" > "/tmp/shunt-anchor-$name.log" 2>&1 &
    LAST=$!
    PIDS+=("$LAST")
}
