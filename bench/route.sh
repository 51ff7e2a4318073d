#!/usr/bin/env bash
# `route --coverage` over a year on a generated authority of 30,000 workers
# (examples/generate_routing.rs: 4,286 teams, a rota row per team and weekday,
# 109,000 absences), against the pandas script an analyst would write
# (bench/pandas_coverage.py). Not part of CI. Needs hyperfine, GNU time, and
# python3 with pandas.
#
#   bench/route.sh [WORKERS]
set -euo pipefail
cd "$(dirname "$0")/.."
workers=${1:-30000}
dir=bench-data/routing-$workers
cargo build --release -q --example generate_routing
cargo build --release -q
[ -f "$dir/rota.csv" ] || ./target/release/examples/generate_routing "$workers" "$dir"
bin=$PWD/target/release/caseaudit
args="route --coverage --from 2027-01-01 --to 2027-12-31 --staff $dir/staff.csv --cases $dir/cases.csv --availability $dir/availability.csv --rota $dir/rota.csv --format csv -q"
hyperfine -i --warmup 1 --runs 9 --export-json /tmp/caseaudit-route.json "$bin $args -o /tmp/caseaudit-gaps.csv"
/usr/bin/time -f "caseaudit peak memory: %M KB" "$bin" $args -o /tmp/caseaudit-gaps.csv || true
"$bin" holidays --year 2027 --format csv | tail -n +2 | cut -d, -f1 > /tmp/caseaudit-holidays-2027.txt
if python3 -c "import pandas" 2>/dev/null; then
    peer="python3 bench/pandas_coverage.py $dir 2027-01-01 2027-12-31 /tmp/caseaudit-holidays-2027.txt /tmp/pandas-gaps.csv"
    hyperfine --warmup 1 --runs 3 --export-json /tmp/pandas-route.json "$peer"
    /usr/bin/time -f "pandas peak memory: %M KB" $peer
    # The same gaps (the peer writes no detail column).
    cut -d, -f1-5 /tmp/caseaudit-gaps.csv | cmp - /tmp/pandas-gaps.csv && echo "the same gaps"
fi
