#!/usr/bin/env bash
# Compares `parley compare --format json` with `git diff --no-index
# --word-diff=porcelain` on the same inputs: generated pairs of 10,000 and
# 100,000 points, and the German Commercial Code 2012 -> 2018 when
# ../shared/data is there. Prints median wall times over RUNS runs, peak
# memory, and the ratios the compare issue asks for.
#
#   bash bench/compare.sh            # RUNS=7 by default
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
RUNS=${RUNS:-7}
work=$(mktemp -d /tmp/parley-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

go build -o "$work/parley" ./cmd/parley
go build -o "$work/genpair" ./bench/genpair

# median RUNS CMD...: the median wall time in seconds of CMD, output
# discarded. A failing command stops the script rather than look fast.
median() {
	local n=$1; shift
	"$@" >/dev/null
	for _ in $(seq "$n"); do
		local s e
		s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
		echo $(( (e - s) / 1000 ))
	done | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]/1e6}'
}

# peak KB CMD...: the peak resident memory of CMD in kilobytes.
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
command -v bc >/dev/null || { echo "bench/compare.sh needs bc" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/compare.sh needs GNU time (/usr/bin/time)" >&2; exit 1; }

row() { printf '%-26s %9s %9s %8s %12s\n' "$@"; }
row "input" "git s" "parley s" "ratio" "parley peak"

declare -A took
for n in 10000 100000; do
	mkdir -p "$work/p$n"
	"$work/genpair" -n "$n" -dir "$work/p$n"
	g=$(median "$RUNS" git diff --no-index --word-diff=porcelain "$work/p$n/old.txt" "$work/p$n/new.txt")
	p=$(median "$RUNS" "$work/parley" compare "$work/p$n/old.txt" "$work/p$n/new.txt" --format json)
	m=$(peak "$work/parley" compare "$work/p$n/old.txt" "$work/p$n/new.txt" --format json)
	took[$n]=$p
	row "generated $n points" "$g" "$p" "$(echo "scale=2; $p / $g" | bc)" "$((m / 1024)) MB"
done
echo "100,000 / 10,000 points (parley): $(echo "scale=2; ${took[100000]} / ${took[10000]}" | bc)x"

statutes=../shared/data/texts/statutes
if [ -f "$statutes/hgb-2012.md" ] && [ -f "$statutes/hgb-2018.md" ]; then
	g=$(median "$RUNS" git diff --no-index --word-diff=porcelain "$statutes/hgb-2012.md" "$statutes/hgb-2018.md")
	p=$(median "$RUNS" "$work/parley" compare "$statutes/hgb-2012.md" "$statutes/hgb-2018.md" --format json)
	m=$(peak "$work/parley" compare "$statutes/hgb-2012.md" "$statutes/hgb-2018.md" --format json)
	row "HGB 2012 -> 2018" "$g" "$p" "$(echo "scale=2; $p / $g" | bc)" "$((m / 1024)) MB"
fi
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3), git $(git --version | cut -d' ' -f3)"
