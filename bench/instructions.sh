#!/usr/bin/env bash
# Counts the machine instructions that `parley compare --format json` and
# `git diff --no-index --word-diff=porcelain` execute on the Commercial
# Code 2012 -> 2018, under valgrind (apt-get install valgrind). Unlike wall
# time on a shared machine, the count is the same from run to run (within
# a fraction of a per cent: the collector runs when it runs), so it shows
# what a change to parley saves even where timings drown it in noise.
# parley runs on one core (GOMAXPROCS=1) so that the work it does is
# counted once, whatever it would overlap on two.
#
#   bash bench/instructions.sh [PARLEY_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/local/go/bin"
command -v valgrind >/dev/null || { echo "bench/instructions.sh needs valgrind (apt-get install valgrind)" >&2; exit 1; }
statutes=../shared/data/texts/statutes
[ -f "$statutes/hgb-2012.md" ] || { echo "bench/instructions.sh needs $statutes/hgb-2012.md" >&2; exit 1; }
bin=${1:-}
if [ -z "$bin" ]; then
	work=$(mktemp -d /tmp/parley-instr.XXXXXX)
	trap 'rm -rf "$work"' EXIT
	CGO_ENABLED=0 go build -o "$work/parley" ./cmd/parley # as bench/compare.sh builds it
	bin=$work/parley
fi

# count CMD...: the instructions CMD executes, from valgrind's lackey tool.
count() {
	valgrind --tool=lackey --basic-counts=yes "$@" 2>&1 >/dev/null |
		sed -n 's/.*guest instrs: *\([0-9,]*\).*/\1/p' | tr -d ,
}

g=$(count git diff --no-index --word-diff=porcelain "$statutes/hgb-2012.md" "$statutes/hgb-2018.md" || true)
p=$(GOMAXPROCS=1 count "$bin" compare "$statutes/hgb-2012.md" "$statutes/hgb-2018.md" --format json)
millions() { awk -v n="$1" 'BEGIN { printf "%.1f million", n / 1e6 }'; }
printf '%-30s %s\n' "Commercial Code 2012 -> 2018" "instructions"
printf '%-30s %s\n' "git --word-diff=porcelain" "$(millions "$g")"
printf '%-30s %s\n' "parley compare --format json" "$(millions "$p")"
echo "ratio: $(echo "scale=2; $p / $g" | bc)x"
