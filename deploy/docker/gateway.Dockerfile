# The gateway image. Build from the repository root:
#   docker build -f deploy/docker/gateway.Dockerfile -t shunt/gateway:0.1.0 .
# (Not built in this project's CI: it has no Docker engine.)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl gateway -am package

FROM eclipse-temurin:17-jre
RUN groupadd --gid 10001 shunt && useradd --uid 10001 --gid 10001 --create-home shunt
WORKDIR /app
COPY --from=build /src/gateway/target/shunt-gateway.jar /app/
COPY --from=build /src/gateway/target/lib/ /app/lib/
# the gateway never loads DJL, but the whole stack runs with DJL offline
ENV OPT_OUT_TRACKING=true \
    JAVA_TOOL_OPTIONS="-Dai.djl.offline=true" \
    SHUNT_LOG_FORMAT=json
USER 10001:10001
EXPOSE 8000
# heap and CPU count from the container's limits (container support is on by default since JDK 10)
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-XX:MaxRAMPercentage=75.0", "-XX:+ExitOnOutOfMemoryError", \
            "-jar", "/app/shunt-gateway.jar"]
CMD ["--config", "/etc/shunt/shunt.yaml"]
