#!/usr/bin/env bash
# `due --indicators` on a synthetic CIN census of 30,000 children, against the DfE's
# own CIN validator (csc-validator-be-cin) loading the same file into its tables,
# in one run (not part of CI). Needs hyperfine, GNU time and Python 3; the validator
# goes into a virtual environment of its own (it needs pandas < 2 and numpy < 2).
#
#   bench/cin.sh [CHILDREN]
set -euo pipefail
cd "$(dirname "$0")/.."
children=${1:-30000}
data=bench-data/cin-$((children / 1000))k.xml
venv=bench-data/cin-validator-venv
cargo build --release -q --example generate_cin
cargo build --release -q
mkdir -p bench-data
[ -f "$data" ] || ./target/release/examples/generate_cin "$children" "$data"
echo "$data: $(du -h "$data" | cut -f1), $(grep -c '<Child>' "$data") children"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "csc-validator-be-cin==0.1.13" "numpy<2"
fi
bin=./target/release/caseaudit
due=(due --events "$data" --indicators --format csv -q -o /tmp/caseaudit-cin-indicators.csv)
hyperfine --warmup 1 --runs 7 --export-json /tmp/caseaudit-cin.json "$bin ${due[*]}"
/usr/bin/time -f "due --indicators peak memory: %M KB" "$bin" "${due[@]}"
# The validator: ET.parse, then its tables (convert_data, process_data). It grows
# its tables a child at a time, so 30,000 children take many minutes: one run,
# timed whole by GNU time.
/usr/bin/time -f "%e %M" -o /tmp/cin-validator.time "$venv/bin/python" bench/cin_validator_load.py "$data"
read -r secs kb < /tmp/cin-validator.time
echo "validator load: $secs s, peak memory $kb KB (one run)"
SECS=$secs python3 - <<'PY'
import json, os
ours = json.load(open("/tmp/caseaudit-cin.json"))["results"][0]
theirs = float(os.environ["SECS"])
print(f"due --indicators: median {ours['median']:.3f} s over {len(ours['times'])} runs")
print(f"ratio: {theirs / ours['median']:.0f}x")
PY
cat /tmp/caseaudit-cin-indicators.csv
