#!/usr/bin/env bash
# `report` on 10,000 generated audits (examples/generate_audits.rs: half of each
# template, three months), every table to HTML, and `validate` of the same files.
# Not part of CI. Needs hyperfine and GNU time.
#
#   bench/report.sh [AUDITS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
dir=bench-data/audits-$n
cargo build --release -q --example generate_audits
cargo build --release -q
[ -d "$dir/audits" ] || ./target/release/examples/generate_audits "$n" "$dir"
bin=$PWD/target/release/caseaudit
cd "$dir"
report="$bin --today 2026-12-02 -q report audits --ledger ledger.csv --staff staff.csv --from 2026-09 --to 2026-11 -o /tmp/caseaudit-report.html"
hyperfine -i --warmup 1 --runs 9 --export-json /tmp/caseaudit-report.json "$report" \
    "$bin --today 2026-12-02 -q validate audits --format csv -o /tmp/caseaudit-validate.csv"
/usr/bin/time -f "report peak memory: %M KB" $report
