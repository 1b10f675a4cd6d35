#!/bin/bash
# The image has no curl; bash's /dev/tcp speaks just enough HTTP to ask /readyz.
exec 3<>"/dev/tcp/127.0.0.1/${PORT:-3978}" || exit 1
printf 'GET /readyz HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
IFS= read -r -t 3 status <&3 || exit 1
case "$status" in
  "HTTP/1."?" 200 "*) exit 0 ;;
  *) exit 1 ;;
esac
