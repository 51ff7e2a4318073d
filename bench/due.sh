#!/usr/bin/env bash
# `due --events` on a million events, against pandas + numpy.busday_offset
# (SPEC §7; not part of CI). Needs hyperfine, GNU time, and for the comparison
# python3 with pandas and numpy (pip install pandas numpy).
#
#   bench/due.sh [EVENTS]
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
data=bench-data/events-$events.csv
cargo build --release -q --example generate_events
cargo build --release -q
[ -f "$data" ] || ./target/release/examples/generate_events "$events" "$data"
bin=./target/release/caseaudit
hyperfine -i --warmup 1 --runs 9 --export-json /tmp/caseaudit-due.json \
    "$bin due --events $data --as-of 2026-11-22 --format csv -o /tmp/caseaudit-due.csv"
/usr/bin/time -f "peak memory: %M KB" "$bin" due --events "$data" --as-of 2026-11-22 --format csv -o /tmp/caseaudit-due.csv || true
"$bin" holidays --from 2020 --to 2030 --format csv | tail -n +2 | cut -d, -f1 > /tmp/caseaudit-holidays.txt
if python3 -c "import pandas, numpy" 2>/dev/null; then
    hyperfine --warmup 1 --runs 5 --export-json /tmp/pandas-due.json \
        "python3 bench/pandas_due.py $data /tmp/caseaudit-holidays.txt /tmp/pandas-due.csv"
    /usr/bin/time -f "pandas peak memory: %M KB" python3 bench/pandas_due.py "$data" /tmp/caseaudit-holidays.txt /tmp/pandas-due.csv
fi
python3 - <<'PY'
import json, os
for name in ["caseaudit-due", "pandas-due"]:
    p = f"/tmp/{name}.json"
    if os.path.exists(p):
        r = json.load(open(p))["results"][0]
        print(f"{name}: median {r['median']:.3f} s over {len(r['times'])} runs")
PY
