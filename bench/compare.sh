#!/usr/bin/env bash
# Compares `parley compare --format json` with `git diff --no-index
# --word-diff=porcelain` on the same inputs: generated pairs of 10,000 and
# 100,000 points, and the German Commercial Code 2012 -> 2018 when
# ../shared/data is there. Prints median wall times over RUNS runs, peak
# memory, and the ratios the compare issue asks for. git and parley run in
# turns, RUNS times each, and the medians are compared.
#
#   bash bench/compare.sh            # RUNS=7 by default
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

# paired RUNS OLD NEW: median wall times in seconds of git's word diff and
# of parley compare on the same files, the two run in turns so that a
# change in the machine's load falls on both alike. Output is discarded; a
# failing parley stops the script rather than look fast (git exits 1 when
# the files differ).
paired() {
	local n=$1 old=$2 new=$3
	git diff --no-index --word-diff=porcelain "$old" "$new" >/dev/null || true
	"$work/parley" compare "$old" "$new" --format json >/dev/null
	for _ in $(seq "$n"); do
		local s m e
		s=$(date +%s%N)
		git diff --no-index --word-diff=porcelain "$old" "$new" >/dev/null || true
		m=$(date +%s%N)
		"$work/parley" compare "$old" "$new" --format json >/dev/null
		e=$(date +%s%N)
		echo "$(( (m - s) / 1000 )) $(( (e - m) / 1000 ))"
	done | awk '{g[NR]=$1; p[NR]=$2} END {n=asort(g); asort(p); printf "%.3f %.3f", g[int((n+1)/2)]/1e6, p[int((n+1)/2)]/1e6}'
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
	read -r g p <<<"$(paired "$RUNS" "$work/p$n/old.txt" "$work/p$n/new.txt")"
	m=$(peak "$work/parley" compare "$work/p$n/old.txt" "$work/p$n/new.txt" --format json)
	took[$n]=$p
	row "generated $n points" "$g" "$p" "$(echo "scale=2; $p / $g" | bc)" "$((m / 1024)) MB"
done
echo "100,000 / 10,000 points (parley): $(echo "scale=2; ${took[100000]} / ${took[10000]}" | bc)x"

statutes=../shared/data/texts/statutes
if [ -f "$statutes/hgb-2012.md" ] && [ -f "$statutes/hgb-2018.md" ]; then
	read -r g p <<<"$(paired "$RUNS" "$statutes/hgb-2012.md" "$statutes/hgb-2018.md")"
	m=$(peak "$work/parley" compare "$statutes/hgb-2012.md" "$statutes/hgb-2018.md" --format json)
	row "HGB 2012 -> 2018" "$g" "$p" "$(echo "scale=2; $p / $g" | bc)" "$((m / 1024)) MB"
fi
echo "machine: $(nproc) cores, $(go version | cut -d' ' -f3), git $(git --version | cut -d' ' -f3)"
