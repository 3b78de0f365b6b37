# The GPU model server: built with -Pcuda (no CPU natives in lib/), run on a CUDA runtime image with
# libtorch 2.7.1 for CUDA 12.6 (DJL publishes no CUDA natives for it). Build from the repository root:
#   docker build -f deploy/docker/gpu-backend.Dockerfile -t shunt/gpu-backend:0.1.0 .
# (Not built in this project's CI: it has no Docker engine, and no GPU.)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -Pcuda -pl gpu-backend -am package

FROM debian:bookworm-slim AS libtorch
ARG LIBTORCH_URL=https://download.pytorch.org/libtorch/cu126/libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu126.zip
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl unzip \
    && curl -fsSL -o /tmp/libtorch.zip "$LIBTORCH_URL" && unzip -q /tmp/libtorch.zip -d /opt \
    && rm /tmp/libtorch.zip

FROM nvidia/cuda:12.6.3-cudnn-runtime-ubuntu22.04
RUN apt-get update && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --gid 10001 shunt && useradd --uid 10001 --gid 10001 --create-home shunt
COPY --from=libtorch /opt/libtorch /opt/libtorch
WORKDIR /app
COPY --from=build /src/gpu-backend/target/shunt-gpu-backend.jar /app/
COPY --from=build /src/gpu-backend/target/lib/ /app/lib/
ENV OPT_OUT_TRACKING=true \
    JAVA_TOOL_OPTIONS="-Dai.djl.offline=true" \
    PYTORCH_LIBRARY_PATH=/opt/libtorch/lib \
    PYTORCH_VERSION=2.7.1 \
    PYTORCH_FLAVOR=cu126 \
    SHUNT_LOG_FORMAT=json
USER 10001:10001
EXPOSE 8001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50.0", "-XX:+ExitOnOutOfMemoryError", \
            "-jar", "/app/shunt-gpu-backend.jar"]
CMD ["--host", "0.0.0.0", "--port", "8001"]
