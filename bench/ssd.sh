#!/usr/bin/env bash
# `due` and `select` on a synthetic Standard Safeguarding Dataset extract with
# `--columns ssd` (issue 6; not part of CI). Needs hyperfine and GNU time.
#
#   bench/ssd.sh [CHILDREN]
set -euo pipefail
cd "$(dirname "$0")/.."
children=${1:-100000}
data=bench-data/ssd-$((children / 1000))k
cargo build --release -q --example generate_ssd
cargo build --release -q
[ -f "$data/ssd_person.csv" ] || ./target/release/examples/generate_ssd "$children" "$data"
echo "$(cat "$data"/*.csv | wc -l) lines, $(du -sh "$data" | cut -f1)"
bin=./target/release/caseaudit
due=(--columns ssd due --events "$data" --as-of 2026-11-22 --format csv -q -o /tmp/caseaudit-ssd-due.csv)
sel=(--columns ssd --today 2026-11-22 select --staff "$data/ssd_professionals.csv"
     --cases "$data/ssd_involvements.csv" --month 2026-11 -q -o /tmp/caseaudit-ssd-select.csv)
hyperfine -i --warmup 1 --runs 7 --export-json /tmp/caseaudit-ssd-due.json "$bin ${due[*]}"
hyperfine --warmup 1 --runs 7 --export-json /tmp/caseaudit-ssd-select.json "$bin ${sel[*]}"
/usr/bin/time -f "due peak memory: %M KB" "$bin" "${due[@]}" || true
/usr/bin/time -f "select peak memory: %M KB" "$bin" "${sel[@]}"
python3 - <<'PY'
import json
for name in ["caseaudit-ssd-due", "caseaudit-ssd-select"]:
    r = json.load(open(f"/tmp/{name}.json"))["results"][0]
    print(f"{name}: median {r['median']:.3f} s over {len(r['times'])} runs")
PY
