#!/bin/sh
# The whole benchmark in one command:
#
#   sh bench/run.sh [WORK]
#
# builds the programs, generates the four folders (100, 1,000, 10,000 and
# 33,600 files) under WORK (default /tmp/jianbao-bench) unless they are
# there, times the sample year with the time of each stage, runs
# bench/compare.sh on every folder, checks that one worker and two give the
# same summary.json, and draws WORK/scaling.png. For each folder it also
# gives the live heap after ingest (what the read sheets keep; heap profile
# in WORK/heap-N.prof). Everything it prints is
# also written to WORK/report.txt; the TSV rows of all runs are in
# WORK/results.tsv (files, what, wall s, CPU s, peak KiB).
#
# Environment: SIZES (default "100 1000 10000 33600"), RUNS (runs of each
# jianbao command and of the in-process floor, default 5), SLOW_RUNS (runs
# of the pandas script and of unzip -p per size, default "5 5 3 1": both
# take minutes per run at the larger sizes).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-/tmp/jianbao-bench}
SIZES=${SIZES:-"100 1000 10000 33600"}
RUNS=${RUNS:-5}
SLOW_RUNS=${SLOW_RUNS:-"5 5 3 1"}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd) # bench runs from the repository's root
BIN="$WORK/bin"
mkdir -p "$BIN"
: >"$WORK/results.tsv"

bench() {
cd "$ROOT"
for p in . ./bench/rollupjson ./bench/unzipfloor ./bench/gen ./bench/plot; do
	name=$(basename "$p")
	[ "$p" = . ] && name=jianbao
	go build -o "$BIN/$name" "$p"
done

echo "== machine"
echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (modified)')"
echo "$(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "$(uname -sr), $(go version | cut -d' ' -f3), $(/usr/bin/python3 -c 'import sys, pandas, openpyxl; print("Python", sys.version.split()[0], "pandas", pandas.__version__, "openpyxl", openpyxl.__version__)' 2>/dev/null || echo 'no pandas')"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== the sample year: jianbao rollup --timings samples ($RUNS runs; medians)"
i=0
: >"$WORK/sample.times"
: >"$WORK/sample.stages"
while [ $i -lt "$RUNS" ]; do
	/usr/bin/time -f '%e %U %S %M' -o "$WORK/one" "$BIN/jianbao" rollup --quiet --timings \
		--generated-at 2018-11-05T09:00:00+08:00 --out "$WORK/sample-out" samples >/dev/null 2>>"$WORK/sample.stages"
	tail -n 1 "$WORK/one" >>"$WORK/sample.times"
	i=$((i + 1))
done
awk '
	function med(a, n,   i, j, t) {
		for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
		return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	FNR == NR { n++; w[n] = $1; c[n] = $2 + $3; m[n] = $4; next }
	$1 == "用时" { k = $2; if (!(k in cnt)) order[++ns] = k; cnt[k]++; v[k, cnt[k]] = $4 }
	END {
		printf "wall %.2f s, CPU %.2f s, peak RSS %.0f MiB\n", med(w, n), med(c, n), med(m, n) / 1024
		for (s = 1; s <= ns; s++) { k = order[s]; for (i = 1; i <= cnt[k]; i++) x[i] = v[k, i]; t[k] = med(x, cnt[k]) }
		for (s = 1; s <= ns; s++) { k = order[s]; if (k != "total") printf "  %-14s %6.3f s  %5.1f%%\n", k, t[k], 100 * t[k] / t["total"] }
		printf "  %-14s %6.3f s  (from start; the rest is start-up, loading the configuration, printing and putting the outputs in place)\n", "total", t["total"]
	}' FS='[ \t]+' "$WORK/sample.times" FS='\t' "$WORK/sample.stages"

n=0
for size in $SIZES; do
	n=$((n + 1))
	slow=$(echo "$SLOW_RUNS" | cut -d' ' -f"$n")
	case $size in
	100) units=10 months=10 ;;
	1000) units=100 months=10 ;;
	10000) units=1000 months=10 ;;
	33600) units=2800 months=12 ;;
	*) echo "unknown size $size (100, 1000, 10000 or 33600)" >&2; exit 2 ;;
	esac
	dir="$WORK/jb-$size"
	if [ ! -f "$dir/config.yaml" ]; then
		"$BIN/gen" -units $units -months $months -out "$dir" >/dev/null
	fi
	echo
	echo "== $size files ($units units x $months months): sh bench/compare.sh $dir $RUNS (pandas and unzip -p: ${slow:-$RUNS} runs)"
	PANDAS_RUNS=${slow:-$RUNS} UNZIP_RUNS=${slow:-$RUNS} RESULTS="$WORK/results.tsv" BIN="$BIN" sh bench/compare.sh "$dir" "$RUNS"
	"$BIN/rollupjson" -config "$dir/config.yaml" -out "$WORK/live" -memprofile "$WORK/heap-$size.prof" "$dir" 2>"$WORK/live.log"
	awk -v n="$size" '/^live heap/ { printf "what the read sheets keep (live heap after ingest, after a collection): %s MiB\n", $5 }' "$WORK/live.log"
	awk -v n="$size" '/^live heap/ { printf "%s\tlive\t0\t0\t%d\n", n, $5 * 1024 }' "$WORK/live.log" >>"$WORK/results.tsv"
done

echo
echo "== one worker and two give the same summary.json (1,000 files or the smallest folder)"
first=$(echo "$SIZES" | tr ' ' '\n' | grep -x 1000 || echo "$SIZES" | cut -d' ' -f1)
"$BIN/rollupjson" -workers 1 -config "$WORK/jb-$first/config.yaml" -out "$WORK/w1" "$WORK/jb-$first" 2>/dev/null
"$BIN/rollupjson" -workers 2 -config "$WORK/jb-$first/config.yaml" -out "$WORK/w2" "$WORK/jb-$first" 2>/dev/null
if ! cmp "$WORK/w1/summary.json" "$WORK/w2/summary.json"; then
	echo "summary.json differs between one worker and two" >&2
	exit 1
fi
echo "identical ($(wc -c <"$WORK/w1/summary.json") bytes)"

"$BIN/plot" -o "$WORK/scaling.png" "$WORK/results.tsv"
echo
echo "plot: $WORK/scaling.png; rows: $WORK/results.tsv; this report: $WORK/report.txt"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Print and keep the report; the exit status is the benchmark's, not tee's.
# The subshell keeps set -e in force inside bench: any failure stops it.
rm -f "$WORK/done"
(
	bench
	touch "$WORK/done"
) 2>&1 | tee "$WORK/report.txt"
if [ ! -e "$WORK/done" ]; then
	echo "bench/run.sh: stopped early; see $WORK/report.txt" >&2
	exit 1
fi
