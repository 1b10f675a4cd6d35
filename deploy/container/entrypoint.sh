#!/bin/sh
# exec: java becomes PID 1's replacement, so SIGTERM from the runtime reaches it and the bot stops gracefully.
# JAVA_BASE_OPTS and JAVA_OPTS are split on spaces on purpose (flags never contain spaces).
# shellcheck disable=SC2086
exec java $JAVA_BASE_OPTS $JAVA_OPTS -jar /opt/aadsts-bot/aadsts-bot.jar "$@"
