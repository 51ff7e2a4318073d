#!/usr/bin/env bash
# `due --events` on a million events, in case order (streamed a case at a time)
# and shuffled (gathered in memory), against pandas + numpy.busday_offset
# (SPEC §7; not part of CI). Needs hyperfine, GNU time, and for the comparison
# python3 with pandas and numpy (pip install pandas numpy).
#
#   bench/due.sh [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
data=bench-data/events-$events.csv
shuffled=bench-data/events-$events-shuffled.csv
cargo build --release -q --example generate_events
cargo build --release -q
[ -f "$data" ] || ./target/release/examples/generate_events "$events" "$data"
# The same rows in a fixed random order (a repeatable shuffle).
[ -f "$shuffled" ] || { head -1 "$data"; tail -n +2 "$data" | shuf --random-source=<(yes); } > "$shuffled"
bin=./target/release/caseaudit
for f in "$data" "$shuffled"; do
    name=$(basename "$f" .csv)
    hyperfine -i --warmup 1 --runs 9 --export-json "/tmp/caseaudit-$name.json" \
        "$bin due --events $f --as-of 2026-11-22 --format csv -q -o /tmp/caseaudit-$name.csv"
    /usr/bin/time -f "$name peak memory: %M KB" "$bin" due --events "$f" --as-of 2026-11-22 --format csv -q -o "/tmp/caseaudit-$name.csv" || true
done
cmp "/tmp/caseaudit-$(basename "$data" .csv).csv" "/tmp/caseaudit-$(basename "$shuffled" .csv).csv" && echo "outputs identical"
"$bin" holidays --from 2020 --to 2030 --format csv | tail -n +2 | cut -d, -f1 > /tmp/caseaudit-holidays.txt
if python3 -c "import pandas, numpy" 2>/dev/null; then
    for f in "$data" "$shuffled"; do
        name=$(basename "$f" .csv)
        hyperfine --warmup 1 --runs 5 --export-json "/tmp/pandas-$name.json" \
            "python3 bench/pandas_due.py $f /tmp/caseaudit-holidays.txt /tmp/pandas-$name.csv"
        /usr/bin/time -f "pandas $name peak memory: %M KB" python3 bench/pandas_due.py "$f" /tmp/caseaudit-holidays.txt "/tmp/pandas-$name.csv"
    done
fi
python3 - "$events" <<'PY'
import json, os, sys
n = sys.argv[1]
for tool in ["caseaudit", "pandas"]:
    for order in [f"events-{n}", f"events-{n}-shuffled"]:
        p = f"/tmp/{tool}-{order}.json"
        if os.path.exists(p):
            r = json.load(open(p))["results"][0]
            print(f"{tool} {order}: median {r['median']:.3f} s over {len(r['times'])} runs")
PY
