#!/usr/bin/env bash
# Side by side in one anchor-bench run: the gateway on Netty's epoll transport and on io_uring,
# with nginx and HAProxy as anchors, fast backend, 1 KiB and 256 KiB bodies (or --sizes).
#   load-tests/anchor/transports.sh [--sizes 1024,262144] [--rounds 3] [--duration 10] [--conns 64] [--threads 2]
#                                   [--profile fast|slow]
# Tables go to load-tests/results/anchor-transports-<profile>-c<conns>-<day>.md. Needs nginx, haproxy, wrk, the gateway jar.
set -euo pipefail
. "$(dirname "$0")/common.sh"
SIZES=1024,262144; ROUNDS=3; DURATION=10; CONNS=64; THREADS=2; PROFILE=fast
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) SIZES="$2"; shift 2;;
        --rounds) ROUNDS="$2"; shift 2;;
        --duration) DURATION="$2"; shift 2;;
        --conns) CONNS="$2"; shift 2;;
        --threads) THREADS="$2"; shift 2;;
        --profile) PROFILE="$2"; shift 2;;
        *) echo "unknown option $1 (expected: --sizes, --rounds, --duration, --conns, --threads, --profile fast|slow)" >&2; exit 2;;
    esac
done
anchor_ready
BASE="$HERE/gw-$PROFILE.yaml"
gateway() { # name port transport; sets LAST
    start_gateway "$1" "$(config_on_port "$BASE" "$2" "$1")" -- --transport "$3"
}
gateway epoll 19020 epoll; epoll=$LAST
gateway uring 19021 io_uring; uring=$LAST
sleep 5
"$BENCH" --profiles "$PROFILE" --sizes "$SIZES" --duration "$DURATION" --rounds "$ROUNDS" --warmup 10 --conns "$CONNS" --threads "$THREADS" \
    --only nginx,haproxy --results-md "$OUT/anchor-transports-$PROFILE-c$CONNS-$DAY.md" \
    --pid shunt-epoll="$epoll" --pid shunt-io_uring="$uring" \
    "shunt-epoll@$PROFILE=http://127.0.0.1:19020/v2/models/anchor/infer" \
    "shunt-io_uring@$PROFILE=http://127.0.0.1:19021/v2/models/anchor/infer"
