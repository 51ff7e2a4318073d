#!/usr/bin/env bash
# Every large job beside its peer and its floor, in one run (issue 30). Not part
# of CI: it takes 10-20 minutes, most of it the peers'.
#
#   bench/run.sh [--runs N] [JOB...]        JOB: select, due, check (default: all)
#
# For each job, three commands timed as whole processes by hyperfine, medians of
# N runs (default 7), and the peak memory of one more run of each (GNU time):
#
#   caseaudit  the job, release build
#   peer       what a data engineer would write instead: pandas for select and
#              due (bench/pandas_*.py), frictionless for check
#   floor      nothing but reading the job's input files as CSV records with the
#              csv crate (examples/floor.rs), on one core and in two halves on
#              two, the faster of the two: no job can be faster, whatever it
#              does with the records
#
# and then one table: the medians, caseaudit/floor and peer/caseaudit. Wall time
# on a shared machine swings between runs; the ratios, measured in the same run,
# are the figures to quote. Needs hyperfine and GNU time (Debian packages);
# PYTHON (default python3) with pandas and numpy, and FRICTIONLESS (default
# frictionless) for the peers, which are left out, and said to be, when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=7
if [ "${1:-}" = "--runs" ]; then
    runs=$2
    shift 2
fi
jobs=("$@")
[ ${#jobs[@]} -gt 0 ] || jobs=(select due check)
python=${PYTHON:-python3}
frictionless=${FRICTIONLESS:-frictionless}
out=/tmp/caseaudit-bench
mkdir -p "$out" bench-data
rm -f "$out"/*.json "$out"/*.mem

cargo build --release -q --example generate --example generate_events --example floor
cargo build --release -q
bin=./target/release/caseaudit
floor=./target/release/examples/floor

# The inputs: the national caseload, a million events (and the same shuffled),
# a million people.
national=bench-data/w30000
[ -f "$national/audits.csv" ] || ./target/release/examples/generate 30000 "$national"
events=bench-data/events-1000000.csv
shuffled=bench-data/events-1000000-shuffled.csv
[ -f "$events" ] || ./target/release/examples/generate_events 1000000 "$events"
[ -f "$shuffled" ] || { head -1 "$events"; tail -n +2 "$events" | shuf --random-source=<(yes); } >"$shuffled"
people=bench-data/people-1000000.csv
[ -f "$people" ] || bench/check.sh --generate-only 1000000

# time NAME COMMAND: hyperfine's median into $out/NAME.json, peak memory into
# $out/NAME.mem. A command that cannot run is left out of the table.
time_it() {
    local name=$1 cmd=$2
    # -i: check exits 1 when it finds something, as it should here.
    hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$out/$name.json" "$cmd" >/dev/null
    # shellcheck disable=SC2086 # the command is words, as hyperfine -N takes it
    /usr/bin/time -f "%M" -o "$out/$name.mem" $cmd >/dev/null || true
}
peer_ok() { "$python" -c "import pandas, numpy" 2>/dev/null; }

for job in "${jobs[@]}"; do
    echo "== $job" >&2
    case $job in
    select)
        time_it select "$bin select --staff $national/staff.csv --cases $national/cases.csv --history $national/audits.csv --month 2026-11 --today 2026-11-22 -q -o $out/select.csv"
        time_it select-floor "$floor --cores 2 $national/staff.csv $national/cases.csv $national/audits.csv"
        time_it select-floor1 "$floor --cores 1 $national/staff.csv $national/cases.csv $national/audits.csv"
        if peer_ok; then
            time_it select-peer "$python bench/pandas_select.py $national/staff.csv $national/cases.csv $national/audits.csv 2026-11 $out/select-peer.csv"
        fi
        ;;
    due)
        time_it due "$bin due --events $shuffled --as-of 2026-11-22 --format csv -q -o $out/due.csv"
        time_it due-in-case-order "$bin due --events $events --as-of 2026-11-22 --format csv -q -o $out/due-in-order.csv"
        cmp -s "$out/due.csv" "$out/due-in-order.csv" || echo "due: shuffled and case-order outputs differ" >&2
        time_it due-floor "$floor --cores 2 $shuffled"
        time_it due-floor1 "$floor --cores 1 $shuffled"
        if peer_ok; then
            "$bin" holidays --from 2020 --to 2030 --format csv | tail -n +2 | cut -d, -f1 >"$out/holidays.txt"
            time_it due-peer "$python bench/pandas_due.py $shuffled $out/holidays.txt $out/due-peer.csv"
        fi
        ;;
    check)
        time_it check "$bin --today 2026-11-22 check --rules escr-person --format csv -o $out/check.csv $people"
        time_it check-floor "$floor --cores 2 $people"
        time_it check-floor1 "$floor --cores 1 $people"
        if command -v "$frictionless" >/dev/null; then
            "$python" bench/schema_of.py rules/escr-person.yaml bench-data/escr-person.schema.json
            # frictionless refuses absolute paths and '..' ("not safe"): relative ones only.
            time_it check-peer "$frictionless validate --schema bench-data/escr-person.schema.json --limit-errors 100000000 --json $people"
        fi
        ;;
    *)
        echo "unknown job '$job': select, due or check" >&2
        exit 2
        ;;
    esac
done

python3 - "$out" "$runs" "${jobs[@]}" <<'PY'
import json, os, platform, sys, datetime
out, runs, jobs = sys.argv[1], sys.argv[2], sys.argv[3:]
def get(name):
    p = f"{out}/{name}.json"
    if not os.path.exists(p):
        return None, None
    median = json.load(open(p))["results"][0]["median"]
    mem = int(open(f"{out}/{name}.mem").read().split()[-1]) / 1024
    return median, mem
peers = {"select": "pandas", "due": "pandas + numpy", "check": "frictionless"}
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"{datetime.date.today()} · {os.cpu_count()} cores · {cpu} · load {os.getloadavg()[0]:.1f} · medians of {runs} runs")
print()
print("| job | caseaudit | peer | floor | caseaudit/floor | peer/caseaudit |")
print("|---|---|---|---|---|---|")
fmt = lambda m: "-" if m[0] is None else f"{m[0]:.2f} s, {m[1]:.0f} MB"
for job in jobs:
    ours, peer = get(job), get(f"{job}-peer")
    floor = min((get(f"{job}-floor"), get(f"{job}-floor1")), key=lambda m: m[0] or float("inf"))
    ratio = "-" if None in (ours[0], floor[0]) else f"{ours[0] / floor[0]:.1f}x"
    speedup = "-" if None in (ours[0], peer[0]) else f"{peer[0] / ours[0]:.1f}x"
    print(f"| {job} | {fmt(ours)} | {peers[job]}: {fmt(peer)} | {fmt(floor)} | {ratio} | {speedup} |")
    if job == "due":
        inorder = get("due-in-case-order")
        if inorder[0] is not None:
            print(f"| due, case order | {fmt(inorder)} | | | {inorder[0] / floor[0]:.1f}x | |")
            print()
            print(f"due: shuffled peak memory is {ours[1] / inorder[1]:.1f}x that of case order")
PY
