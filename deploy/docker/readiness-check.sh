#!/usr/bin/env bash
# HEALTHCHECK of the catalog-node image: healthy while /actuator/health/readiness answers 200.
# Plain bash (/dev/tcp), because the JRE base image does not promise curl or wget.
set -euo pipefail
port="${SERVER_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
read -r -t 5 _ status _ <&3
[[ "$status" == "200" ]]
