#!/usr/bin/env bash
# `due --worklist` (issue 18) on 100,000 open cases with a year of events: a
# referral, 3-monthly record audits (one in ten missed), and transfers and
# closures in the last weeks, in case order and shuffled. Not part of CI. Needs
# hyperfine and GNU time.
#
#   bench/worklist.sh [CASES]
set -euo pipefail
cd "$(dirname "$0")/.."
cases=${1:-100000}
data=bench-data/worklist-$cases.csv
shuffled=bench-data/worklist-$cases-shuffled.csv
cargo build --release -q
mkdir -p bench-data
if [ ! -f "$data" ]; then
    # Dates as days after 2025-11-23; synthetic ids and teams only.
    awk -v n="$cases" 'function day(k,  t) { t = 1764028800 + k * 86400; return strftime("%Y-%m-%d", t, 1) }
    BEGIN {
        print "case_id,event,date,team,worker"
        srand(18)
        for (i = 1; i <= n; i++) {
            id = sprintf("%07d", i); team = "Team " (i % 40); worker = "W" (i % 3000)
            start = int(rand() * 90)
            printf "%s,referral,%s,%s,%s\n", id, day(start), team, worker
            for (d = start + 85; d < 365; d += 85 + int(rand() * 10))
                if (rand() >= 0.1) printf "%s,record-audit,%s,%s,%s\n", id, day(d), team, worker
            if (i % 50 == 0) printf "%s,case-transferred,%s,%s,%s\n", id, day(340 + i % 25), team, worker
            if (i % 70 == 0) printf "%s,case-closed,%s,%s,%s\n", id, day(345 + i % 20), team, worker
        }
    }' > "$data"
    { head -1 "$data"; tail -n +2 "$data" | shuf --random-source=<(yes); } > "$shuffled"
fi
wc -l "$data"
bin=./target/release/caseaudit
for f in "$data" "$shuffled"; do
    hyperfine -i --warmup 1 --runs 9 "$bin due --events $f --as-of 2026-11-23 --worklist --format csv -q -o /tmp/worklist.csv"
    /usr/bin/time -f "$(basename "$f") peak memory: %M KB" "$bin" due --events "$f" --as-of 2026-11-23 --worklist --format csv -o /tmp/worklist.csv || true
done
wc -l /tmp/worklist.csv
# With --check-with: escr-person over a person export of the same 100,000 cases
# (one in twenty without an ethnicity).
people=bench-data/worklist-people-$cases.csv
[ -f "$people" ] || awk -v n="$cases" 'BEGIN {
    print "person_id,name,date_of_birth,address,telephone,role,ethnicity,cin_category,religion,first_language"
    for (i = 1; i <= n; i++) {
        e = (i % 20 == 0) ? "" : "White British"
        printf "%07d,Child %d,03/04/2015,%d Example Road,07700 9%05d,Child,%s,N1,None,English\n", i, i, i % 300, i % 100000, e
    }
}' > "$people"
hyperfine -i --warmup 1 --runs 9 "$bin due --events $data --as-of 2026-11-23 --worklist --check-with escr-person=$people --format csv -q -o /tmp/worklist.csv"
/usr/bin/time -f "with --check-with, peak memory: %M KB" "$bin" due --events "$data" --as-of 2026-11-23 --worklist --check-with "escr-person=$people" --format csv -q -o /tmp/worklist.csv || true
