#!/usr/bin/env bash
# `check` streaming a million rows through a dozen column rules
# (bench/dozen-rules.yaml) and through the escr-person rule set (the same plus a
# primary key and not-future; issue 5),
# against `frictionless validate` with the same Table Schema (not part of CI).
# Needs hyperfine and GNU time; for the comparison, pip install frictionless.
#
#   bench/check.sh [--generate-only] [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
generate_only=false
if [ "${1:-}" = "--generate-only" ]; then
    generate_only=true
    shift
fi
rows=${1:-1000000}
data=bench-data/people-$rows.csv
cargo build --release -q
bin=./target/release/caseaudit
mkdir -p bench-data
if [ ! -f "$data" ]; then
    # Synthetic people; one row in a hundred has a problem to report.
    awk -v n="$rows" 'BEGIN {
        print "person_id,name,date_of_birth,address,telephone,role,ethnicity,cin_category,religion,first_language"
        split("White British|Mixed|Any other Asian background|Black African|Any other White background", eth, "|")
        split("N1 Abuse or neglect|N2|N3|N4 Family in acute stress|N5|N6|N7|N8", cin, "|")
        split("None|Christian|Muslim|Hindu|Jewish|Sikh", rel, "|")
        split("English|Polish|Bengali|Somali|Urdu", lang, "|")
        for (i = 1; i <= n; i++) {
            dob = sprintf("%02d/%02d/%04d", 1 + i % 28, 1 + i % 12, 2008 + i % 18)
            tel = sprintf("07700 9%05d", i % 100000)
            addr = sprintf("\"%d Example Road, Flat %d\"", i % 300, i % 7)
            e = eth[1 + i % 5]
            if (i % 100 == 7) e = "Not known"
            if (i % 100 == 31) dob = sprintf("%02d/%02d/%04d", 30, 2, 2015)
            printf "P%07d,Child %d,%s,%s,%s,Child,%s,%s,%s,%s\n", i, i, dob, addr, tel, e, cin[1 + i % 8], rel[1 + i % 6], lang[1 + i % 5]
        }
    }' > "$data"
fi
$generate_only && exit 0
size=$(stat -c %s "$data")
echo "$rows rows, $((size / 1000000)) MB"
# A dozen column rules, no uniqueness: the streaming rate.
hyperfine --warmup 1 --runs 9 -i --export-json /tmp/caseaudit-dozen.json \
    "$bin --today 2026-11-22 check --rules bench/dozen-rules.yaml --format csv -o /tmp/caseaudit-dozen.csv $data"
# escr-person adds a primary key (a fingerprint per row) and not-future.
hyperfine --warmup 1 --runs 9 -i --export-json /tmp/caseaudit-check.json \
    "$bin --today 2026-11-22 check --rules escr-person --format csv -o /tmp/caseaudit-check.csv $data"
/usr/bin/time -f "peak memory: %M KB" "$bin" --today 2026-11-22 check --rules escr-person --format csv -o /tmp/caseaudit-check.csv "$data" || true
if command -v frictionless >/dev/null; then
    # The same Table Schema, without caseaudit's extensions (not-future).
    python3 bench/schema_of.py rules/escr-person.yaml bench-data/escr-person.schema.json
    # frictionless refuses absolute paths and '..' ("not safe"): relative ones only.
    hyperfine --runs 3 -i --export-json /tmp/frictionless-check.json \
        "frictionless validate --schema bench-data/escr-person.schema.json --limit-errors 100000000 --json $data > /tmp/frictionless.json"
    python3 -c "import json; d = json.load(open('/tmp/frictionless.json')); print('frictionless errors:', d['stats']['errors'])"
fi
python3 - "$size" <<'PY'
import json, os, sys
size = int(sys.argv[1])
for name in ["caseaudit-dozen", "caseaudit-check", "frictionless-check"]:
    p = f"/tmp/{name}.json"
    if os.path.exists(p):
        r = json.load(open(p))["results"][0]
        print(f"{name}: median {r['median']:.3f} s over {len(r['times'])} runs = {size / r['median'] / 1e6:.0f} MB/s")
PY
