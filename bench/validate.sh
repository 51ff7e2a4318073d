#!/usr/bin/env bash
# `validate` on 10,000 completed audits (issue 4), against check-jsonschema on
# the same files with the generated audit schemas (not part of CI). Needs
# hyperfine and GNU time; for the comparison, check-jsonschema
# (pip install check-jsonschema).
#
#   bench/validate.sh [AUDITS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
dir=bench-data/audits-$n
cargo build --release -q
bin=./target/release/caseaudit
if [ ! -d "$dir" ]; then
    # Copies of the three valid examples and the invalid ones, each with its own
    # case reference: 9 valid to every 1 with problems, as a month's returns.
    mkdir -p "$dir"
    awk -v n="$n" -v dir="$dir" '
        FNR == 1 { k++; file[k] = FILENAME }
        { text[k] = text[k] $0 "\n" }
        END {
            for (i = 0; i < n; i++) {
                j = (i % 10 == 9) ? 4 + (int(i / 10) % (k - 3)) : 1 + (i % 3)
                t = text[j]
                gsub(/C012|C017|C031/, sprintf("C%06d", i), t)
                out = sprintf("%s/%s-%06d.yaml", dir, (j <= 3 ? "valid" : "invalid"), i)
                printf "%s", t > out
                close(out)
            }
        }' examples/audits/quality-practice-valid.yaml examples/audits/good-practice-valid.yaml \
           examples/audits/escr-valid.yaml examples/audits/invalid/[a-s]*.yaml
fi
echo "$(ls "$dir" | wc -l) files, $(du -sh "$dir" | cut -f1)"
hyperfine -i --warmup 1 --runs 9 --export-json /tmp/caseaudit-validate.json \
    "$bin validate --today 2026-11-22 --staff examples/staff.csv --format csv -o /tmp/caseaudit-findings.csv $dir"
/usr/bin/time -f "peak memory: %M KB" "$bin" validate --today 2026-11-22 --format csv -o /tmp/caseaudit-findings.csv "$dir" || true
if command -v check-jsonschema >/dev/null; then
    for t in quality-practice good-practice escr; do "$bin" schema audit --template $t > /tmp/audit-$t.schema.json; done
    # check-jsonschema takes one schema per run: the valid files, by template.
    grep -l "^template: quality-practice" "$dir"/valid-* > /tmp/qp.txt
    echo "$(wc -l < /tmp/qp.txt) quality-practice files, both tools:"
    hyperfine -i --warmup 1 --runs 5 --export-json /tmp/caseaudit-qp.json \
        "xargs -a /tmp/qp.txt $bin validate --today 2026-11-22 --format csv -o /tmp/caseaudit-qp.csv"
    hyperfine -i --warmup 1 --runs 5 --export-json /tmp/check-jsonschema.json \
        "xargs -a /tmp/qp.txt check-jsonschema --schemafile /tmp/audit-quality-practice.schema.json"
fi
python3 - <<'PY'
import json, os
for name in ["caseaudit-validate", "caseaudit-qp", "check-jsonschema"]:
    p = f"/tmp/{name}.json"
    if os.path.exists(p):
        r = json.load(open(p))["results"][0]
        print(f"{name}: median {r['median']:.3f} s over {len(r['times'])} runs")
PY
