#!/usr/bin/env bash
# Load test on loopback, with Debian's wrk (apt-get install wrk): parley
# serve --demo on SQLite and on PostgreSQL, logged in as the Ukrainian
# delegate (a bearer token), and PocketBase as the peer: an authenticated
# list of 24 records, the size of parley's positions list.
#
#   bash bench/load.sh                 # all three
#   bash bench/load.sh sqlite postgres # some of them
#
# DURATION (15s), CONNECTIONS (16) and THREADS (2) set wrk's runs, after
# a WARMUP (3s) run on each server that is not reported;
# PARLEY_BENCH_POSTGRES is the server to make a scratch database on
# (postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable). PocketBase
# is built in /tmp/parley-pocketbase, outside the repository; it needs a
# newer Go than parley (GOTOOLCHAIN=go1.27.3 from the module proxy) and is
# skipped with a message when it cannot be built. Every target is on
# 127.0.0.1 and every run stops after DURATION. The output is one Markdown
# row per run: backend, endpoint, requests/s, p50, p99, timeouts (no
# answer within wrk's 2 s), answers other than 2xx/3xx, and the machine's
# 1-minute load average at the end of the run (other work on the machine
# shows there).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PG=${PARLEY_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(sqlite postgres pocketbase)
command -v wrk >/dev/null || { echo "bench/load.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench/load.sh needs python3 (to read the demo's ids)" >&2; exit 1; }

work=$(mktemp -d /tmp/parley-load.XXXXXX)
pids=()
statuses=()
pgdb=""
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	[ -z "$pgdb" ] || psql -q "$PG" -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
go build -o "$work/parley" ./cmd/parley

# wait_up URL: waits for a server started in the background to answer.
wait_up() {
	for _ in $(seq 300); do
		curl -sf "$1" >/dev/null 2>&1 && return 0
		sleep 0.1 # a separate process starting to listen, not synchronising tests
	done
	echo "no answer from $1" >&2
	return 1
}

# bench BACKEND NAME URL HEADER [LUA [CONNECTIONS]]: one wrk run, one
# table row.
bench() {
	local out c=${6:-$CONNECTIONS}
	out=$(wrk -t "$((c < THREADS ? c : THREADS))" -c "$c" -d "$DURATION" --latency -H "$4" ${5:+-s "$5"} "$3")
	awk -v backend="$1" -v name="$2" -v loadavg="$(cut -d' ' -f1 /proc/loadavg)" '
		/Requests\/sec/ { rps = $2 }
		/^ +50%/ { p50 = $2 }
		/^ +99%/ { p99 = $2 }
		/timeout/ { for (i = 1; i <= NF; i++) if ($i == "timeout") timeouts = $(i+1) }
		/Non-2xx/ { non2xx = $NF }
		END { printf "| %s | %s | %.0f | %s | %s | %d | %d | %s |\n", backend, name, rps, p50, p99, timeouts, non2xx, loadavg }
	' <<<"$out"
	echo "$out" >>"$work/wrk.log"
}

# warm URL HEADER: a first run, not reported, so that the measured ones
# find the connection pools filled and the caches made.
warm() {
	wrk -t "$THREADS" -c "$CONNECTIONS" -d "${WARMUP:-3s}" -H "$2" "$1" >/dev/null
}

# parley BACKEND DB: serves the demo on DB and measures the reads and a write.
parley() {
	local backend=$1 db=$2 port=$((20000 + RANDOM % 20000))
	"$work/parley" serve --demo --db "$db" --addr "127.0.0.1:$port" >"$work/serve-$backend.log" 2>&1 &
	pids+=($!)
	local url="http://127.0.0.1:$port"
	wait_up "$url/healthz"
	local token auth
	token=$(curl -sf -X POST -d '{"username":"ua","password":"demo"}' "$url/api/v1/sessions" | sed 's/.*"token":"\([^"]*\)".*/\1/')
	auth="Authorization: Bearer $token"
	local versions plan counter
	versions=$(curl -sf -H "$auth" "$url/api/v1/negotiations/1/versions")
	plan=$(grep -o '"id":[0-9]*,"negotiation_id":1,"document_id":[0-9]*,"label":"28-point' <<<"$versions" | head -n 1 | sed 's/"id":\([0-9]*\).*/\1/')
	counter=$(grep -o '"id":[0-9]*,"negotiation_id":1,"document_id":[0-9]*,"label":"European' <<<"$versions" | head -n 1 | sed 's/"id":\([0-9]*\).*/\1/')
	warm "$url/api/v1/negotiations/1/positions" "$auth"
	bench "$backend" "GET /api/v1/negotiations/1/positions" "$url/api/v1/negotiations/1/positions" "$auth"
	bench "$backend" "GET /negotiations/1 (page)" "$url/negotiations/1" "$auth"
	bench "$backend" "GET /versions/{28-point plan} (page)" "$url/versions/$plan" "$auth"
	bench "$backend" "GET /compare/{plan}/{counter} (page)" "$url/compare/$plan/$counter" "$auth"
	bench "$backend" "GET /api/v1/alignments/{plan}/{counter}" "$url/api/v1/alignments/$plan/$counter" "$auth"
	# PUT: Ukraine's position on the first issue, with the revision of the
	# last answer; two connections that sent the same revision get 409
	# (the optimistic check) for the later one, counted as non-2xx.
	cat >"$work/put.lua" <<-'EOF'
		revision = 1
		wrk.headers["Content-Type"] = "application/json"
		request = function()
			local body = string.format('{"date":"2025-11","ideal":%d,"reservation":600000,"salience":75,"capability":50,"note":"load","revision":%d}', 800000 + math.random(1000), revision)
			return wrk.format("PUT", "/api/v1/negotiations/1/positions/3", nil, body)
		end
		response = function(status, headers, body)
			-- the new revision, or the current one a conflict names
			local r = body:match('"revision":(%d+)') or body:match('%(revision (%d+),')
			if r then revision = tonumber(r) end
		end
	EOF
	bench "$backend" "PUT /api/v1/negotiations/1/positions/3" "$url" "$auth" "$work/put.lua"
	bench "$backend" "PUT /api/v1/negotiations/1/positions/3, one connection (no conflicts)" "$url" "$auth" "$work/put.lua" 1
	writes "$backend" "$url" "$auth"
}

# writes BACKEND URL AUTH: the write-heavy mix from CONNECTIONS
# connections as Ukraine's delegate: half the requests record a new
# dated position on an issue (POST, always a new row), half change one of
# Ukraine's stances (PUT with the revision last seen for it). Two
# connections that change one stance with the same revision get 409 for
# the later one: optimistic concurrency working, counted apart from
# errors (5xx, timeouts), which a write-heavy run must not have. The
# statuses are printed under the table.
writes() {
	local backend=$1 url=$2 auth=$3 stances issues
	stances=$(curl -sf -H "$auth" "$url/api/v1/negotiations/1/stances" | python3 -c 'import json, sys; print(",".join("[%d]=%d" % (s["id"], s["revision"]) for s in json.load(sys.stdin) if s["party"] == "UA"))')
	issues=$(curl -sf -H "$auth" "$url/api/v1/negotiations/1/issues" | python3 -c 'import json, sys; print(",".join("{%d,%d}" % (i["id"], i["max"]) for i in json.load(sys.stdin)))')
	cat >"$work/writes.lua" <<-EOF
		local revision = {$stances}
		local issues = {$issues}
		local values = {"accept", "accept-with-changes", "undecided", "reject"}
		local ids = {}
		for id in pairs(revision) do ids[#ids + 1] = id end
		local n = 0
		statuses = {}
		wrk.headers["Content-Type"] = "application/json"
		request = function()
			n = n + 1
			if n % 2 == 0 then
				local id = ids[math.random(#ids)]
				local body = string.format('{"value":"%s","date":"2025-11-24","note":"load","revision":%d}', values[math.random(#values)], revision[id])
				return wrk.format("PUT", "/api/v1/negotiations/1/stances/" .. id, nil, body)
			end
			local issue = issues[math.random(#issues)]
			local body = string.format('{"issue_id":%d,"date":"2025-11-24","ideal":%d,"salience":60,"capability":50,"note":"load"}', issue[1], math.random(0, issue[2]))
			return wrk.format("POST", "/api/v1/negotiations/1/positions", nil, body)
		end
		response = function(status, headers, body)
			statuses[status] = (statuses[status] or 0) + 1
			local id, r = body:match('^{"id":(%d+),"negotiation_id":%d+,"point_id".-"revision":(%d+)')
			if not id then id, r = body:match('stance (%d+) was changed by someone else %(revision (%d+),') end
			if id and revision[tonumber(id)] then revision[tonumber(id)] = tonumber(r) end
		end
		local threads = {}
		setup = function(thread) threads[#threads + 1] = thread end
		done = function(summary, latency, requests)
			local total = {}
			for _, t in ipairs(threads) do
				for status, count in pairs(t:get("statuses")) do total[status] = (total[status] or 0) + count end
			end
			local keys = {}
			for status in pairs(total) do keys[#keys + 1] = status end
			table.sort(keys)
			local parts = {}
			for _, status in ipairs(keys) do parts[#parts + 1] = status .. ": " .. total[status] end
			io.write("statuses " .. table.concat(parts, ", ") .. "\n")
		end
	EOF
	bench "$backend" "write mix: POST positions + PUT stances ($CONNECTIONS connections)" "$url" "$auth" "$work/writes.lua"
	statuses+=("$backend write mix: $(grep '^statuses' "$work/wrk.log" | tail -n 1)")
}

# pocketbase: builds the example app, makes a collection of 24 records that
# only a logged-in user may list, and measures that list.
pocketbase() {
	local dir=/tmp/parley-pocketbase
	mkdir -p "$dir"
	if [ ! -x "$dir/pocketbase" ]; then
		(
			cd "$dir"
			export GOTOOLCHAIN=go1.27.3
			[ -f go.mod ] || go mod init pocketbase-bench >/dev/null 2>&1
			printf 'package main\n\nimport (\n\t"log"\n\n\t"github.com/pocketbase/pocketbase"\n)\n\nfunc main() {\n\tif err := pocketbase.New().Start(); err != nil {\n\t\tlog.Fatal(err)\n\t}\n}\n' >main.go
			go get github.com/pocketbase/pocketbase@v0.40.4 && go mod tidy && go build -o pocketbase .
		) >"$work/pocketbase-build.log" 2>&1 || { echo "| PocketBase | skipped: could not be built (see $dir) | | | | | | |"; return 0; }
	fi
	local data="$work/pb_data" port=$((20000 + RANDOM % 20000))
	local url="http://127.0.0.1:$port"
	"$dir/pocketbase" superuser upsert bench@example.com benchpassword --dir "$data" >/dev/null
	"$dir/pocketbase" serve --http "127.0.0.1:$port" --dir "$data" >"$work/pocketbase.log" 2>&1 &
	pids+=($!)
	wait_up "$url/api/health"
	local admin token
	admin=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"identity":"bench@example.com","password":"benchpassword"}' "$url/api/collections/_superusers/auth-with-password" | sed 's/.*"token":"\([^"]*\)".*/\1/')
	curl -sf -X POST -H "Authorization: $admin" -H 'Content-Type: application/json' -d '{"name":"positions","type":"base","listRule":"@request.auth.id != \"\"","viewRule":"@request.auth.id != \"\"","fields":[{"name":"issue","type":"text"},{"name":"party","type":"text"},{"name":"date","type":"text"},{"name":"ideal","type":"number"},{"name":"salience","type":"number"},{"name":"capability","type":"number"}]}' "$url/api/collections" >/dev/null
	for i in $(seq 24); do
		curl -sf -X POST -H "Authorization: $admin" -H 'Content-Type: application/json' -d "{\"issue\":\"Issue $i\",\"party\":\"P$((i % 4))\",\"date\":\"2025-11\",\"ideal\":$((i * 1000)),\"salience\":50,\"capability\":60}" "$url/api/collections/positions/records" >/dev/null
	done
	curl -sf -X POST -H "Authorization: $admin" -H 'Content-Type: application/json' -d '{"email":"ua@example.com","password":"benchpassword","passwordConfirm":"benchpassword"}' "$url/api/collections/users/records" >/dev/null
	token=$(curl -sf -X POST -H 'Content-Type: application/json' -d '{"identity":"ua@example.com","password":"benchpassword"}' "$url/api/collections/users/auth-with-password" | sed 's/.*"token":"\([^"]*\)".*/\1/')
	if ! curl -sf -H "Authorization: $token" "$url/api/collections/positions/records?perPage=50" | grep -q '"totalItems":24'; then
		echo "| PocketBase | skipped: the authenticated list does not answer 24 records | | | | | | |"
		return 0
	fi
	warm "$url/api/collections/positions/records?perPage=50" "Authorization: $token"
	bench PocketBase "GET /api/collections/positions/records (24 records, authenticated)" "$url/api/collections/positions/records?perPage=50" "Authorization: $token"
}

echo "load: $(uptime | sed 's/.*load average/load average/'); $(nproc) cores; $(go version | cut -d' ' -f3); wrk -t $THREADS -c $CONNECTIONS -d $DURATION"
echo
echo "| backend | endpoint | requests/s | p50 | p99 | timeouts | non-2xx | load after |"
echo "|---|---|---|---|---|---|---|---|"
for target in "${targets[@]}"; do
	case $target in
	sqlite) parley SQLite "$work/parley.db" ;;
	postgres)
		pgdb="parley_bench_$$"
		if psql -q "$PG" -c "CREATE DATABASE $pgdb" >/dev/null 2>&1; then
			parley PostgreSQL "${PG%%/postgres\?*}/$pgdb?sslmode=disable"
		else
			pgdb=""
			echo "| PostgreSQL | skipped: cannot create a database on $PG | | | | | | |"
		fi
		;;
	pocketbase) pocketbase ;;
	*) echo "unknown target $target: want sqlite, postgres or pocketbase" >&2; exit 2 ;;
	esac
done
echo
for line in "${statuses[@]}"; do echo "$line"; done
