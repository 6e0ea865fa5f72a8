#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real: chromium (dashboard tests), mosquitto (MQTT broker),
# socat (pseudo-terminal for live TIC replay), openssl (throwaway CA and certificates for the TLS proxy of
# test/tls-proxy.ts), clickhouse-server and clickhouse-client (the 2-shard cluster of test/clickhouse-cluster.ts,
# started by the tests themselves on free ports, never as a service), postgresql (the throwaway server of
# test/postgres-server.ts, also started by the tests, never as a service). Run by `npm test` (pretest); does nothing
# when they are present.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -x /usr/sbin/mosquitto ] || command -v mosquitto >/dev/null 2>&1 || need+=(mosquitto)
command -v socat >/dev/null 2>&1 || need+=(socat)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
[ -x /usr/sbin/clickhouse-server ] || command -v clickhouse-server >/dev/null 2>&1 || need+=(clickhouse-server)
command -v clickhouse-client >/dev/null 2>&1 || need+=(clickhouse-client)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing Debian packages for the tests: ${need[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
