# aadsts-bot container image.
#   docker build -t aadsts-bot .
# Build arguments:
#   BUILD_IMAGE   Maven + JDK 17 (with jmods): builds the jar and links the Java runtime
#                 (default maven:3.9-eclipse-temurin-17)
#   BASE_IMAGE    the runtime's operating system, glibc and bash (default debian:bookworm-slim)
#   JAR           build (default): compile in the build stage; prebuilt: app/target/aadsts-bot.jar from the
#                 build context (`mvn -B -DskipTests -pl app -am package` on the host)
#   JRE           jlink (default): link the runtime in the build stage; prebuilt: app/target/jre from the
#                 build context (deploy/container/jlink-runtime.sh on the host)
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG BASE_IMAGE=debian:bookworm-slim
ARG JAR=build
ARG JRE=jlink

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds; the jar is the only thing that leaves this stage.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl app -am package && mkdir /out && cp app/target/aadsts-bot.jar /out/

FROM scratch AS jar-build
COPY --from=build /out/aadsts-bot.jar /aadsts-bot.jar

FROM scratch AS jar-prebuilt
COPY app/target/aadsts-bot.jar /aadsts-bot.jar

# Only the modules the bot needs (jdeps on the jar, plus jdk.crypto.ec, which TLS loads by name): a full
# JRE would push the image past 250 MB. Keep the list in step with deploy/container/jlink-runtime.sh.
FROM ${BUILD_IMAGE} AS jre-jlink
RUN jlink --add-modules java.base,java.compiler,java.desktop,java.instrument,java.management,java.naming,java.net.http,java.scripting,java.security.jgss,java.sql,jdk.crypto.ec,jdk.httpserver,jdk.management,jdk.net,jdk.unsupported,jdk.zipfs \
      --strip-debug --no-man-pages --no-header-files --compress=2 --output /opt/java

FROM scratch AS jre-prebuilt
COPY app/target/jre /opt/java

FROM jar-${JAR} AS jar
FROM jre-${JRE} AS jre

FROM ${BASE_IMAGE}
COPY --from=jre /opt/java /opt/java
COPY --from=jar /aadsts-bot.jar /opt/aadsts-bot/aadsts-bot.jar
COPY deploy/container/entrypoint.sh deploy/container/healthcheck.sh deploy/container/train-cds.sh /opt/aadsts-bot/
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# A fixed numeric user, so Kubernetes' runAsNonRoot can verify it without reading /etc/passwd.
# -Xshare:dump writes the JDK's own class-data archive, which the application archive below builds on.
RUN echo 'aadsts:x:10001:10001:aadsts-bot:/data:/usr/sbin/nologin' >> /etc/passwd \
 && echo 'aadsts:x:10001:' >> /etc/group \
 && mkdir -p /data && chown 10001:10001 /data \
 && java -Xshare:dump -Xlog:disable >/dev/null

# The JVM sizes its heap from the container's memory limit, and a process out of memory exits (so the
# orchestrator restarts it) instead of limping on. C1 only (TieredStopAtLevel=1) and the class-data
# archive are the start-time choices measured by scripts/start-time.sh. JVM warnings go to standard error.
ENV PORT=3978 \
    BIND_ADDRESS=0.0.0.0 \
    MANAGEMENT_PORT=9464 \
    MANAGEMENT_BIND_ADDRESS=0.0.0.0 \
    DATA_DIR=/data \
    LOG_FORMAT=json \
    JAVA_BASE_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=/opt/aadsts-bot/aadsts-bot.jsa -Xlog:disable -Xlog:all=warning:stderr" \
    JAVA_OPTS=""

# AppCDS: start the server once as the image is built, explain a paste, stop it; the JVM writes the classes
# it loaded to an archive that every later start maps instead of loading them from the jar again.
RUN /opt/aadsts-bot/train-cds.sh && chmod 444 /opt/aadsts-bot/aadsts-bot.jsa

USER 10001:10001
VOLUME ["/data"]
EXPOSE 3978 9464
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 CMD ["/opt/aadsts-bot/healthcheck.sh"]
ENTRYPOINT ["/opt/aadsts-bot/entrypoint.sh"]
CMD ["serve"]
