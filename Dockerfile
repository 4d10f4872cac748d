# Paddock image: build the WAR with Maven, then run it on Payara Micro with a JDK 17 runtime.
#   docker build -t paddock .
#   docker compose up            (with PostgreSQL; see docker-compose.yml)

# --- build ---------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY .mvn .mvn
COPY pom.xml .
COPY src src
COPY migrations migrations
RUN mvn -B -q -DskipTests package

# --- run -----------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /opt/paddock --shell /usr/sbin/nologin paddock \
 && mkdir -p /opt/paddock/micro-root /opt/paddock/cds /var/lib/paddock \
 && chown -R paddock /opt/paddock /var/lib/paddock
WORKDIR /opt/paddock
# Payara Micro comes from Maven Central through the build stage, never from a download URL.
COPY --from=build /src/target/payara-micro.jar payara-micro.jar
COPY --from=build /src/target/paddock.war paddock.war
COPY server-config server-config
USER paddock
# No database password here: give PADDOCK_DB_PASSWORD when running (docker-compose.yml does).
# The JVM flags are micro.conf's, as with scripts/run (serial collector, heap up to 1 GiB; PADDOCK_JAVA_OPTS
# replaces them). The class-data-sharing archive is written when a container's first run stops and used by
# its later starts (PADDOCK_CDS_ARCHIVE, a volume keeps it across containers).
ENV PADDOCK_PORT=8080 \
    PADDOCK_DB_URL=jdbc:postgresql://postgres:5432/paddock \
    PADDOCK_DB_USER=paddock \
    PADDOCK_CDS_ARCHIVE=/opt/paddock/cds/paddock-cds.jsa
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s \
  CMD curl -fsS "http://127.0.0.1:${PADDOCK_PORT}/health/ready" >/dev/null || exit 1
# The same launcher and server-config/micro.conf as scripts/run; it execs java, which gets the signals.
ENTRYPOINT ["sh", "server-config/micro", "payara-micro.jar", "paddock.war", "micro-root"]
