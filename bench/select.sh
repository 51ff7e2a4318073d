#!/usr/bin/env bash
# `select` at national scale (examples/generate.rs: 30,000 caseworkers, 990,000
# cases, 4.95 million history rows) beside the pandas script an analyst would
# write (bench/pandas_select.py), in one run. Not part of CI. Needs hyperfine,
# GNU time and python3 with pandas.
#
#   bench/select.sh [WORKERS]
set -euo pipefail
cd "$(dirname "$0")/.."
workers=${1:-30000}
data=bench-data/w$workers
cargo build --release -q --example generate
cargo build --release -q
[ -f "$data/audits.csv" ] || ./target/release/examples/generate "$workers" "$data"
bin=./target/release/caseaudit
ours="$bin select --staff $data/staff.csv --cases $data/cases.csv --history $data/audits.csv --month 2026-11 --today 2026-11-22 -q -o /tmp/caseaudit-select.csv"
peer="python3 bench/pandas_select.py $data/staff.csv $data/cases.csv $data/audits.csv 2026-11 /tmp/pandas-select.csv"
hyperfine -i --warmup 1 --runs 5 --export-json /tmp/select-side-by-side.json "$ours" "$peer"
/usr/bin/time -f "caseaudit peak memory: %M KB" $ours
/usr/bin/time -f "pandas peak memory: %M KB" $peer
sha256sum /tmp/caseaudit-select.csv
