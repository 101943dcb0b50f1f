#!/usr/bin/env bash
# Compares `parley compare --format json` with `git diff --no-index
# --word-diff=porcelain` on the same inputs: generated pairs of 10,000 and
# 100,000 points of both shapes of bench/genpair (flat: long points; nested:
# points with (a), (b), (c) lists, some with (i), (ii)), and the German
# Commercial Code 2012 -> 2018 when ../shared/data is there. Prints median
# wall and processor (user + system) times over RUNS runs, peak memory,
# and the ratios issue 14 asks for: parley at most 1.5x git on each input,
# 100,000 points at most 12x the time of 10,000, under 1 GB. git and
# parley run in turns, RUNS times each, and the medians are compared.
#
#   bash bench/compare.sh            # RUNS=7 by default
#   SHAPES=nested bash bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
RUNS=${RUNS:-7}
work=$(mktemp -d /tmp/parley-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

# parley is built as it is released: static, without cgo (CGO_ENABLED=0).
# It needs no C (the SQLite driver is Go), and a binary linked against the
# C library starts 0.7-1.7 ms later (the dynamic loader, and threads made
# through pthreads), and took 1-3 ms more on the Commercial Code.
CGO_ENABLED=0 go build -o "$work/parley" ./cmd/parley
go build -o "$work/genpair" ./bench/genpair

# paired RUNS OLD NEW: median wall and processor times in seconds of
# git's word diff and of parley compare on the same files ("git-wall
# parley-wall git-cpu parley-cpu"), the two run in turns so that a change
# in the machine's load falls on both alike. On a shared machine the wall
# time of parley, which works on two cores, suffers more from other work
# than git's on one; the processor time is the work done. Output is
# discarded; a failing parley stops the script rather than look fast (git
# exits 1 when the files differ).
paired() {
	local n=$1 old=$2 new=$3
	git diff --no-index --word-diff=porcelain "$old" "$new" >/dev/null || true
	"$work/parley" compare "$old" "$new" --format json >/dev/null
	for _ in $(seq "$n"); do
		echo "$(timed git diff --no-index --word-diff=porcelain "$old" "$new") $(timed "$work/parley" compare "$old" "$new" --format json)"
	done | awk '{gw[NR]=$1; gc[NR]=$2+$3; pw[NR]=$4; pc[NR]=$5+$6}
		END {n=asort(gw); asort(gc); asort(pw); asort(pc); m=int((n+1)/2);
		printf "%.3f %.3f %.3f %.3f", gw[m], pw[m], gc[m], pc[m]}'
}

# timed CMD...: "wall user system" seconds of CMD, to the millisecond
# (bash's time; its exit status is ignored, as git's is 1 on a difference).
timed() {
	local TIMEFORMAT='%3R %3U %3S'
	{ time "$@" >/dev/null 2>&1 || true; } 2>&1
}

# peak KB CMD...: the peak resident memory of CMD in kilobytes.
peak() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1; }
command -v bc >/dev/null || { echo "bench/compare.sh needs bc" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/compare.sh needs GNU time (/usr/bin/time)" >&2; exit 1; }

row() { printf '%-28s %8s %9s %6s %8s %9s %6s %12s\n' "$@"; }
row "input" "git s" "parley s" "ratio" "git cpu" "parley cpu" "ratio" "parley peak"

ratio() { echo "scale=2; $1 / $2" | bc; }

# measure LABEL OLD NEW: one row of the table; sets took (parley's wall).
measure() {
	local gw pw gc pc m
	read -r gw pw gc pc <<<"$(paired "$RUNS" "$2" "$3")"
	m=$(peak "$work/parley" compare "$2" "$3" --format json)
	row "$1" "$gw" "$pw" "$(ratio "$pw" "$gw")" "$gc" "$pc" "$(ratio "$pc" "$gc")" "$((m / 1024)) MB"
	took=$pw
}

declare -A wall
for shape in ${SHAPES:-flat nested}; do
	for n in 10000 100000; do
		mkdir -p "$work/$shape$n"
		"$work/genpair" -shape "$shape" -n "$n" -dir "$work/$shape$n"
		measure "$shape, $n points" "$work/$shape$n/old.txt" "$work/$shape$n/new.txt"
		wall[$shape$n]=$took
	done
done

statutes=../shared/data/texts/statutes
if [ -f "$statutes/hgb-2012.md" ] && [ -f "$statutes/hgb-2018.md" ]; then
	measure "HGB 2012 -> 2018" "$statutes/hgb-2012.md" "$statutes/hgb-2018.md"
fi
for shape in ${SHAPES:-flat nested}; do
	echo "$shape: 100,000 / 10,000 points (parley wall): $(ratio "${wall[${shape}100000]}" "${wall[${shape}10000]}")x"
done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), $(go version | cut -d' ' -f3), git $(git --version | cut -d' ' -f3)"
