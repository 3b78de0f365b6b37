#!/usr/bin/env bash
# Profiles the gateway under wrk load in front of the anchor-bench fast backend (nginx, 44-byte
# answer), with async-profiler (Maven Central: tools.profiler:async-profiler:4.1, its jar carries
# linux-x64/libasyncProfiler.so). Prints the top frames (self and total) and writes a collapsed
# stack file for flame graphs.
#   load-tests/anchor/profile.sh [--body BYTES] [--conns N] [--seconds S] [--warmup S] [--event cpu|itimer|alloc]
#                                [--transport auto|io_uring|epoll|nio]
# Loopback only; every process it starts is stopped at exit.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="${ANCHOR_BENCH_DIR:-$ROOT/../shared/tools/anchor-bench}"
JAR="$ROOT/gateway/target/shunt-gateway.jar"
BODY=1024; CONNS=64; SECONDS_=15; WARMUP=15; EVENT=itimer; TRANSPORT=auto
while [ $# -gt 0 ]; do
    case "$1" in
        --body) BODY="$2"; shift 2;;
        --conns) CONNS="$2"; shift 2;;
        --seconds) SECONDS_="$2"; shift 2;;
        --warmup) WARMUP="$2"; shift 2;;
        --event) EVENT="$2"; shift 2;;
        --transport) TRANSPORT="$2"; shift 2;;
        *) echo "unknown option $1 (expected: --body BYTES, --conns N, --seconds S, --warmup S, --event E, --transport T)" >&2; exit 2;;
    esac
done
AP_JAR="$(ls ~/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar 2>/dev/null || true)"
if [ -z "$AP_JAR" ]; then
    mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:4.1 >/dev/null
    AP_JAR=~/.m2/repository/tools/profiler/async-profiler/4.1/async-profiler-4.1.jar
fi
[ -f "$JAR" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 2; }
OUT="${PROFILE_OUT:-/tmp/shunt-profile}"
rm -rf "$OUT"; mkdir -p "$OUT/nginx/logs" "$OUT/nginx/tmp" "$OUT/ap"
(cd "$OUT/ap" && unzip -q -o "$AP_JAR" 'linux-x64/*')
PIDS=()
trap 'for p in "${PIDS[@]:-}"; do kill "$p" 2>/dev/null || true; done' EXIT
nginx -p "$OUT/nginx/" -c "$SHARED/conf/nginx-backend.conf" -g 'daemon off;' &
PIDS+=($!)
java -Xmx1g -XX:+UseParallelGC \
    -agentpath:"$OUT/ap/linux-x64/libasyncProfiler.so=start,event=$EVENT,interval=1ms,threads,file=$OUT/collapsed.txt,collapsed" \
    -jar "$JAR" --config "$HERE/gw-fast.yaml" --transport "$TRANSPORT" > "$OUT/gateway.log" 2>&1 &
GW=$!
PIDS+=($GW)
for _ in $(seq 1 100); do
    curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:19000/v2/health/ready 2>/dev/null | grep -q 200 && break
    sleep 0.2
done
URL=http://127.0.0.1:19000/v2/models/anchor/infer
BODY_BYTES=$BODY wrk -t2 -c"$CONNS" -d"${WARMUP}s" -s "$SHARED/post.lua" "$URL" > "$OUT/warmup.txt"
BODY_BYTES=$BODY wrk -t2 -c"$CONNS" -d"${SECONDS_}s" -s "$SHARED/post.lua" "$URL" | tee "$OUT/wrk.txt"
# the profile runs from the JVM's start and is written when it exits; only the event loops'
# stacks are counted below (the JIT compiler and GC threads of the warm-up are left out)
kill "$GW"; wait "$GW" 2>/dev/null || true
python3 - "$OUT/collapsed.txt" <<'PY'
import collections, sys
self_, total, n = collections.Counter(), collections.Counter(), 0
def bucket(frame):
    for prefix, name in (("io/netty/handler/codec/http", "netty http codec"), ("io/netty", "netty other"),
                         ("io/vertx", "vert.x"), ("dev/shunt", "shunt"), ("io/micrometer", "micrometer"),
                         ("io/github/resilience4j", "resilience4j"), ("java/", "jdk"), ("jdk/", "jdk"),
                         ("sun/", "jdk")):
        if frame.startswith(prefix):
            return name
    if "[k]" in frame or frame.startswith(("__", "sys_", "do_", "tcp_", "ip_")):
        return "kernel"
    return "native/jvm"
buckets = collections.Counter()
for line in open(sys.argv[1]):
    stack, _, count = line.rstrip().rpartition(" ")
    frames = stack.split(";")
    if not frames[0].startswith("[vert.x-eventloop"):
        continue
    frames = frames[1:]
    c = int(count); n += c
    self_[frames[-1]] += c
    buckets[bucket(frames[-1])] += c
    for f in set(frames):
        total[f] += c
print("\nevent-loop samples: %d" % n)
print("\nself time by area:")
for k, v in buckets.most_common():
    print("  %5.1f%%  %s" % (100.0 * v / n, k))
print("\ntop 25 frames, self:")
for k, v in self_.most_common(25):
    print("  %5.1f%%  %s" % (100.0 * v / n, k[:150]))
print("\ntop 25 Shunt frames, total:")
for k, v in [kv for kv in total.most_common() if kv[0].startswith("dev/shunt")][:25]:
    print("  %5.1f%%  %s" % (100.0 * v / n, k[:150]))
PY
