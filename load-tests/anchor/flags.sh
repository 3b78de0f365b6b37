#!/usr/bin/env bash
# Side by side in one anchor-bench run: the same gateway jar twice, once as shipped and once with
# extra JVM options (e.g. Vert.x or Netty system properties), with nginx and HAProxy as anchors.
#   load-tests/anchor/flags.sh --opts "-Dvertx.disableContextTimings=true" [--sizes 1024] [--rounds 3] [--duration 10]
# Tables go to load-tests/results/anchor-flags-<day>.md. Needs nginx, haproxy, wrk, the gateway jar.
set -euo pipefail
. "$(dirname "$0")/common.sh"
SIZES=1024; ROUNDS=3; DURATION=10; OPTS=""
while [ $# -gt 0 ]; do
    case "$1" in
        --opts) OPTS="$2"; shift 2;;
        --sizes) SIZES="$2"; shift 2;;
        --rounds) ROUNDS="$2"; shift 2;;
        --duration) DURATION="$2"; shift 2;;
        *) echo "unknown option $1 (expected: --opts \"-D...\", --sizes, --rounds, --duration)" >&2; exit 2;;
    esac
done
[ -n "$OPTS" ] || { echo "--opts: missing (expected: the JVM options of the second gateway)" >&2; exit 2; }
anchor_ready
gateway() { # name port jvm-options...; sets LAST
    local name="$1" port="$2"; shift 2
    start_gateway "$name" "$(config_on_port "$HERE/gw-fast.yaml" "$port" "$name")" "$@"
}
gateway shipped 19030; a=$LAST
# shellcheck disable=SC2086
gateway flagged 19031 $OPTS; b=$LAST
sleep 5
{ echo "Second gateway's JVM options: \`$OPTS\`"; echo; } > "$TMP/head.md"
"$BENCH" --profiles fast --sizes "$SIZES" --duration "$DURATION" --rounds "$ROUNDS" --warmup 10 \
    --only nginx,haproxy --results-md "$TMP/results.md" --pid shunt-shipped="$a" --pid shunt-flagged="$b" \
    "shunt-shipped=http://127.0.0.1:19030/v2/models/anchor/infer" \
    "shunt-flagged=http://127.0.0.1:19031/v2/models/anchor/infer"
cat "$TMP/head.md" "$TMP/results.md" > "$OUT/anchor-flags-$DAY.md"
