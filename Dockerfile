# syntax=docker/dockerfile:1
# Build: Maven with a JDK 17; the tests run in CI (.ci/run), not in the image build.
FROM maven:3.9-eclipse-temurin-17 AS build
# Node.js and npm: the build runs `npm ci` in web/ for the web app's SDK (docs/WEB.md).
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY conf conf
COPY web/package.json web/package-lock.json web/
COPY web/src web/src
COPY docs/PROTOCOL.md docs/PROTOCOL.md
COPY src src
RUN mvn -B -q package -DskipTests

# Runtime: a slim JRE, non-root, PostgreSQL and Redis external (see docker-compose.yml).
FROM eclipse-temurin:17-jre-jammy
RUN apt-get update && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system liveroom && useradd --system --gid liveroom --home-dir /app liveroom
WORKDIR /app
COPY --from=build /src/target/liveroom.jar /app/liveroom.jar
RUN mkdir -p /app/data && chown -R liveroom:liveroom /app && chmod 700 /app/data
USER liveroom
# Production mode: the node refuses stand-ins, generated keys, embedded servers and public metrics
# (README.md lists what to set). /metrics is on the management port, which only the container
# network reaches: publish 8080 alone.
ENV LIVEROOM_MODE=production \
    LIVEROOM_HTTP_PORT=8080 \
    LIVEROOM_MANAGEMENT_ENABLED=true \
    LIVEROOM_MANAGEMENT_HOST=0.0.0.0 \
    LIVEROOM_MANAGEMENT_PORT=9090 \
    LIVEROOM_DATA_DIR=/app/data \
    JAVA_OPTS="-XX:+UseG1GC -XX:MaxRAMPercentage=75"
EXPOSE 8080 9090
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
# exec replaces the shell, so the JVM receives SIGTERM directly and drains gracefully.
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/liveroom.jar \"$@\"", "--"]
