#!/bin/sh
# Side-by-side timing on one generated folder (see bench/gen):
#   jianbao rollup (PDF, Excel, summary.json), ingest+aggregate+summary.json,
#   ingest only (validate), the pandas script (standard layout only), and the
#   floors: unzip -p of every file to /dev/null, and an in-process inflate.
#
#   sh bench/compare.sh DIR [RUNS]
#
# Each command runs RUNS times (default 5); the table shows the median wall
# time, the median CPU time (user+sys) and the median peak RSS, then the
# ratios. Environment: PANDAS_RUNS and UNZIP_RUNS override RUNS for the two
# slow comparisons (0 skips them); RESULTS=FILE appends TSV rows
# (files, name, wall, cpu, rss_kib) for bench/plot; BIN=DIR holds the
# binaries (built from this repository when missing).
set -eu
DIR=${1:?usage: compare.sh DIR [RUNS]}
RUNS=${2:-5}
PANDAS_RUNS=${PANDAS_RUNS:-$RUNS}
UNZIP_RUNS=${UNZIP_RUNS:-$RUNS}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$(mktemp -d)}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
CFG="$DIR/config.yaml"
CORES=$(nproc)
FILES=$(find "$DIR/" -name '*.xlsx' | wc -l)

[ -x "$BIN/jianbao" ] || (cd "$ROOT" && go build -o "$BIN/jianbao" .)
[ -x "$BIN/rollupjson" ] || (cd "$ROOT" && go build -o "$BIN/rollupjson" ./bench/rollupjson)
[ -x "$BIN/unzipfloor" ] || (cd "$ROOT" && go build -o "$BIN/unzipfloor" ./bench/unzipfloor)

# measure NAME RUNS CMD...: runs CMD RUNS times under /usr/bin/time and
# prints "NAME wall cpu rss" with medians.
measure() {
	name=$1 n=$2
	shift 2
	[ "$n" -gt 0 ] || return 0
	: >"$TMP/t.$name"
	i=0
	while [ $i -lt "$n" ]; do
		rc=0
		/usr/bin/time -f '%e %U %S %M' -o "$TMP/one" "$@" >/dev/null 2>"$TMP/err" || rc=$?
		if [ $rc -ne 0 ] && ! { [ "$name" = ingest ] && [ $rc -eq 1 ]; }; then
			echo "$name: exit $rc: $(grep -v '^Command exited' "$TMP/err" | head -n 3)" >&2
			exit 1
		fi
		tail -n 1 "$TMP/one" >>"$TMP/t.$name"
		i=$((i + 1))
	done
	awk -v name="$name" '
		{ w[NR] = $1; c[NR] = $2 + $3; m[NR] = $4 }
		function med(a, n,   i, j, t) {
			for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j-1] > a[j]; j--) { t = a[j]; a[j] = a[j-1]; a[j-1] = t }
			return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
		}
		END { printf "%s %.2f %.2f %d\n", name, med(w, NR), med(c, NR), med(m, NR) }' "$TMP/t.$name" >>"$TMP/table"
}

: >"$TMP/table"
measure rollup "$RUNS" "$BIN/jianbao" rollup --config "$CFG" --out "$TMP/out" --generated-at 2018-11-05T09:00:00+08:00 "$DIR"
measure json "$RUNS" "$BIN/rollupjson" -config "$CFG" -out "$TMP/json" "$DIR"
measure ingest "$RUNS" "$BIN/jianbao" validate --format json --config "$CFG" "$DIR"
measure pandas "$PANDAS_RUNS" /usr/bin/python3 "$ROOT/bench/pandas_rollup.py" "$DIR" "$TMP/pandas"
measure unzip "$UNZIP_RUNS" sh -c "find '$DIR/' -name '*.xlsx' -print0 | xargs -0 -n 1 -P $CORES unzip -p > /dev/null"
measure inflate "$RUNS" "$BIN/unzipfloor" "$DIR"

echo "folder: $DIR ($FILES files), $CORES cores, runs: $RUNS (pandas $PANDAS_RUNS, unzip $UNZIP_RUNS), load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %10s %10s %12s\n' what wall_s cpu_s peak_MiB
awk '{ printf "%-8s %10.2f %10.2f %12.1f\n", $1, $2, $3, $4 / 1024 }' "$TMP/table"
awk '
	{ w[$1] = $2; c[$1] = $3 }
	function ratio(a, b, what) { if ((a in w) && (b in w) && w[b] > 0 && c[b] > 0) printf "%-28s wall %7.2fx  cpu %7.2fx\n", what, w[a] / w[b], c[a] / c[b] }
	END {
		ratio("pandas", "rollup", "pandas / jianbao rollup")
		ratio("pandas", "json", "pandas / jianbao json-only")
		ratio("rollup", "unzip", "jianbao rollup / unzip -p")
		ratio("json", "unzip", "jianbao json-only / unzip -p")
		ratio("json", "inflate", "jianbao json-only / inflate")
	}' "$TMP/table"
if [ -n "${RESULTS:-}" ]; then
	awk -v n="$FILES" '{ printf "%s\t%s\t%s\t%s\t%s\n", n, $1, $2, $3, $4 }' "$TMP/table" >>"$RESULTS"
fi
