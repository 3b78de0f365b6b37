#!/usr/bin/env bash
# The gateway against nginx and HAProxy in ONE anchor-bench run: fast and slow backends, 1 KiB and
# 256 KiB bodies, one gateway process serving both (gw-proxies.yaml), its CPU accounted per request.
#   load-tests/anchor/proxies.sh [--rounds 3] [--duration 10] [--conns 64] [--threads 2] [-- GATEWAY FLAGS]
# Tables go to load-tests/results/anchor-proxies-c<conns>-<day>.md. Needs nginx, haproxy, wrk, the gateway jar.
set -euo pipefail
. "$(dirname "$0")/common.sh"
ROUNDS=3; DURATION=10; CONNS=64; THREADS=2; GATEWAY_FLAGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) ROUNDS="$2"; shift 2;;
        --duration) DURATION="$2"; shift 2;;
        --conns) CONNS="$2"; shift 2;;
        --threads) THREADS="$2"; shift 2;;
        --) shift; GATEWAY_FLAGS=("$@"); break;;
        *) echo "unknown option $1 (expected: --rounds, --duration, --conns, --threads, -- gateway flags)" >&2; exit 2;;
    esac
done
anchor_ready
start_gateway proxies "$HERE/gw-proxies.yaml" -- "${GATEWAY_FLAGS[@]}"
GW=$LAST
sleep 5
"$BENCH" --profiles fast,slow --sizes 1024,262144 --duration "$DURATION" --rounds "$ROUNDS" --warmup 10 \
    --conns "$CONNS" --threads "$THREADS" --only nginx,haproxy --pid shunt="$GW" \
    --results-md "$OUT/anchor-proxies-c$CONNS-$DAY.md" \
    "shunt@fast=http://127.0.0.1:19005/v2/models/fast/infer" \
    "shunt@slow=http://127.0.0.1:19005/v2/models/slow/infer"
