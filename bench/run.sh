#!/usr/bin/env bash
# National-scale benchmark for `select` (SPEC §7): 30,000 caseworkers, ~1,000,000
# cases, ~5,000,000 history rows. Not part of CI. Needs hyperfine (Debian package)
# and GNU time (/usr/bin/time).
#
#   bench/run.sh [WORKERS]
set -euo pipefail
cd "$(dirname "$0")/.."
workers=${1:-30000}
data=bench-data/w$workers
cargo build --release -q --example generate
cargo build --release -q
if [ ! -f "$data/audits.csv" ]; then
    ./target/release/examples/generate "$workers" "$data"
fi
ls -l "$data"
bin=./target/release/caseaudit
for policy in quality-practice good-practice; do
    args=(select --staff "$data/staff.csv" --cases "$data/cases.csv" --history "$data/audits.csv"
          --month 2026-11 --today 2026-11-22 --policy "$policy" -q -o /tmp/caseaudit-bench.csv)
    echo "== $policy"
    hyperfine --warmup 1 --runs 7 --export-json /tmp/caseaudit-bench.json "$bin ${args[*]}"
    python3 - <<'PY'
import json
r = json.load(open("/tmp/caseaudit-bench.json"))["results"][0]
print(f"median: {r['median']:.3f} s over {len(r['times'])} runs")
PY
    /usr/bin/time -f "peak memory: %M KB" "$bin" "${args[@]}"
done
