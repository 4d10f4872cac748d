# Paddock image: build the WAR with Maven, then run it on Payara Micro with a JDK 17 runtime.
#   docker build -t paddock .
#   docker compose up            (with PostgreSQL; see docker-compose.yml)

# --- build ---------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY .mvn .mvn
COPY pom.xml .
RUN mvn -B -q dependency:go-offline -DexcludeGroupIds=com.microsoft.playwright || true
COPY src src
COPY migrations migrations
RUN mvn -B -q -DskipTests package

# --- run -----------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /opt/paddock --shell /usr/sbin/nologin paddock \
 && mkdir -p /opt/paddock/micro-root /var/lib/paddock \
 && chown -R paddock /opt/paddock /var/lib/paddock
WORKDIR /opt/paddock
# Payara Micro comes from Maven Central through the build stage, never from a download URL.
COPY --from=build /src/target/payara-micro.jar payara-micro.jar
COPY --from=build /src/target/paddock.war paddock.war
COPY server-config server-config
USER paddock
ENV PADDOCK_PORT=8080 \
    PADDOCK_DB_URL=jdbc:postgresql://postgres:5432/paddock \
    PADDOCK_DB_USER=paddock \
    PADDOCK_DB_PASSWORD=paddock \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s \
  CMD curl -fsS http://127.0.0.1:8080/health/ready >/dev/null || exit 1
ENTRYPOINT ["sh", "-c", "exec java -jar payara-micro.jar --deploy paddock.war --contextroot / --port \"$PADDOCK_PORT\" --nocluster --rootDir micro-root --prebootcommandfile server-config/pre-boot-commands.asadmin --logProperties server-config/logging.properties"]
