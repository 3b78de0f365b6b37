#!/usr/bin/env bash
# Runs the shared anchor-bench harness with the Shunt gateway as extra targets:
#   proxies: direct, nginx, HAProxy, Shunt; fast and slow backends; 1 KiB and 256 KiB bodies
#   mirror:  nginx and Shunt with no mirror, 100% to a fast shadow, 100% to a 200 ms shadow
# Tables go to load-tests/results/anchor-*.md. Needs nginx, haproxy, wrk and the gateway jar.
set -euo pipefail
. "$(dirname "$0")/common.sh"
anchor_ready
gateway() { # config; sets LAST to its pid
    start_gateway "${1%.yaml}" "$HERE/$1"
}
gateway gw-fast.yaml; fast=$LAST
gateway gw-slow.yaml; slow=$LAST
gateway gw-mirror.yaml; mirror=$LAST
gateway gw-mirror-slowshadow.yaml; mirrorslow=$LAST
sleep 5
# one harness run per profile: --pid takes one process per name
"$BENCH" --profiles fast --duration 10 --rounds 3 --warmup 10 --only nginx,haproxy \
    --results-md "$OUT/anchor-proxies-fast-$DAY.md" --pid shunt="$fast" \
    "shunt@fast=http://127.0.0.1:19000/v2/models/anchor/infer"
"$BENCH" --profiles slow --duration 10 --rounds 3 --warmup 10 --only nginx,haproxy \
    --results-md "$OUT/anchor-proxies-slow-$DAY.md" --pid shunt="$slow" \
    "shunt@slow=http://127.0.0.1:19001/v2/models/anchor/infer"
"$BENCH" --profiles fast --sizes 1024 --duration 10 --rounds 3 --warmup 10 \
    --only nginx,nginx-mirror,nginx-mirror-slowshadow --results-md "$OUT/anchor-mirror-$DAY.md" \
    --pid shunt="$fast" --pid shunt-mirror="$mirror" --pid shunt-mirror-slowshadow="$mirrorslow" \
    "shunt=http://127.0.0.1:19000/v2/models/anchor/infer" \
    "shunt-mirror=http://127.0.0.1:19002/v2/models/anchor/infer" \
    "shunt-mirror-slowshadow=http://127.0.0.1:19003/v2/models/anchor/infer"
for port in 19002 19003; do
    curl -s "http://127.0.0.1:$port/metrics" | grep '^shunt_mirror_requests_total' | sed "s/^/:$port /"
done | tee -a "$OUT/anchor-mirror-$DAY.md"
