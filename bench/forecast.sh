#!/usr/bin/env bash
# Forecast benchmarks: every model on KTAB's 80-actor sample (with the
# default conformal interval, and with 1,000 Monte Carlo runs), 1,000 runs of a
# 30-actor, 10-issue case, and the models' errors on the DEU development
# file. KTAB's own tool is not packaged for Debian and is not built here;
# its documented time on the 80-actor sample (about 3 minutes) is quoted in
# docs/benchmarks.md.
#
#   bash bench/forecast.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
work=$(mktemp -d /tmp/parley-forecast.XXXXXX)
trap 'rm -rf "$work"' EXIT
go build -o "$work/parley" ./cmd/parley
data=../shared/data

# A 30-actor, 10-issue case in parley's CSV format, from a fixed seed.
awk 'BEGIN {
	srand(7); print "issue,actor,position,salience,capability"
	for (i = 1; i <= 10; i++) for (a = 1; a <= 30; a++)
		printf "issue%d,actor%d,%.1f,%.0f,%.0f\n", i, a, 100*rand(), 10+90*rand(), 1+99*rand()
}' >"$work/case30x10.csv"

secs() { # command... : wall seconds of the best of three runs
	best=""
	for _ in 1 2 3; do
		start=$(date +%s.%N)
		"$@" >/dev/null
		end=$(date +%s.%N)
		best=$(awk -v s="$start" -v e="$end" -v b="$best" 'BEGIN { t = e - s; if (b == "" || t < b) b = t; print b }')
	done
	printf '%.3f' "$best"
}

echo "== KTAB 80 actors, every model, conformal interval:          $(secs "$work/parley" forecast "$data/ktab/dummyData-a080.csv" --format json) s (target < 0.5 s)"
echo "== KTAB 80 actors, every model, 1,000 Monte Carlo runs:       $(secs "$work/parley" forecast "$data/ktab/dummyData-a080.csv" --interval montecarlo --runs 1000 --format json) s"
echo "== 30 actors x 10 issues, conformal interval:                 $(secs "$work/parley" forecast "$work/case30x10.csv" --format json) s"
echo "== 30 actors x 10 issues, 1,000 Monte Carlo runs (default):   $(secs "$work/parley" forecast "$work/case30x10.csv" --interval montecarlo --runs 1000 --format json) s (target < 2 s)"
if [ -f "$data/deu/deu-dev.tsv" ]; then
	echo "== DEU development file"
	"$work/parley" forecast "$data/deu/deu-dev.tsv" --eval
fi
go test ./forecast -run XXX -bench . -benchtime 5x | grep Benchmark
