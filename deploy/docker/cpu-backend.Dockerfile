# The CPU model server (also the staging server). Build from the repository root:
#   docker build -f deploy/docker/cpu-backend.Dockerfile -t shunt/cpu-backend:0.1.0 .
# (Not built in this project's CI: it has no Docker engine.)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl cpu-backend -am package

FROM eclipse-temurin:17-jre
RUN groupadd --gid 10001 shunt && useradd --uid 10001 --gid 10001 --create-home shunt
WORKDIR /app
COPY --from=build /src/cpu-backend/target/shunt-cpu-backend.jar /app/
# PyTorch's CPU natives come from the pytorch-native-cpu jar in lib/: DJL downloads nothing
COPY --from=build /src/cpu-backend/target/lib/ /app/lib/
ENV OPT_OUT_TRACKING=true \
    JAVA_TOOL_OPTIONS="-Dai.djl.offline=true" \
    OMP_PLACES=cores \
    OMP_PROC_BIND=close \
    SHUNT_LOG_FORMAT=json
USER 10001:10001
EXPOSE 8001
# workers x threads come from the container's CPU quota (cgroup cpu.max); the heap from its memory
# limit, leaving room for PyTorch's native memory
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50.0", "-XX:+ExitOnOutOfMemoryError", \
            "-jar", "/app/shunt-cpu-backend.jar"]
CMD ["--host", "0.0.0.0", "--port", "8001"]
