#!/usr/bin/env bash
# Load test on loopback: parley serve --demo on a fresh SQLite file, logged
# in as the Ukrainian delegate, then wrk with 16 connections for 20 s
# against the version page and the positions API. Needs wrk (Debian's wrk).
#
#   bash bench/load.sh            # DURATION=20s CONNECTIONS=16 by default
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
command -v wrk >/dev/null || { echo "bench/load.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
work=$(mktemp -d /tmp/parley-load.XXXXXX)
go build -o "$work/parley" ./cmd/parley
port=$((20000 + RANDOM % 20000))
"$work/parley" serve --demo --db "$work/parley.db" --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
	curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
	sleep 0.1 # waiting for a separate process to listen, not synchronising tests
done
token=$(curl -sf -X POST -d '{"username":"ua","password":"demo"}' "http://127.0.0.1:$port/api/v1/sessions" | sed 's/.*"token":"\([^"]*\)".*/\1/')
version=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/negotiations/1/versions" | grep -o '"id":[0-9]*,"negotiation_id":1,"document_id":[0-9]*,"label":"28-point' | head -n 1 | sed 's/"id":\([0-9]*\).*/\1/')

run() { # name url header
	echo "== $1 ($CONNECTIONS connections, $DURATION)"
	wrk -t 2 -c "$CONNECTIONS" -d "$DURATION" --latency -H "$3" "$2" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
}
run "positions API" "http://127.0.0.1:$port/api/v1/negotiations/1/positions" "Authorization: Bearer $token"
run "version page (28-point plan)" "http://127.0.0.1:$port/versions/$version" "Cookie: __Host-parley=$token"
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3)"
