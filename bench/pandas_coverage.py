"""The script an analyst would write for `route --coverage`: for every team with
an open case and every working day of a range, when are the team's duty
worker, or its team managers and their cover, all away? pandas to read the
files, plain Python for the intervals. Not part of CI; bench/route.sh runs it.

    python3 bench/pandas_coverage.py DIR FROM TO HOLIDAYS.txt OUT.csv
"""
import sys
from collections import defaultdict
from datetime import date, datetime, time, timedelta

import pandas as pd

d, start, end, holidays_file, out = sys.argv[1:6]
holidays = {date.fromisoformat(l.strip()) for l in open(holidays_file) if l.strip()}
staff = pd.read_csv(f"{d}/staff.csv", dtype=str).fillna("")
cases = pd.read_csv(f"{d}/cases.csv", dtype=str).fillna("")
away = pd.read_csv(f"{d}/availability.csv", dtype=str).fillna("")
rota = pd.read_csv(f"{d}/rota.csv", dtype=str).fillna("")

def moment(s, end_of_day):
    s = s.strip()
    if not s:
        return datetime.max
    if len(s) == 10:
        day = date.fromisoformat(s)
        return datetime.combine(day + timedelta(days=1) if end_of_day else day, time())
    return datetime.fromisoformat(s)

absences = defaultdict(list)
for r in away.itertuples():
    back = moment(r.back, False) if r.back else None
    absences[r.staff_id].append((moment(r._2, False), back or moment(r.to, True)))
for v in absences.values():
    v.sort()

team_of = dict(zip(staff.staff_id, staff.team))
role = dict(zip(staff.staff_id, staff.role.str.lower()))
manager = dict(zip(staff.staff_id, staff.manager_id))
covering = dict(zip(staff.staff_id, staff.covering_manager_id)) if "covering_manager_id" in staff else {}
tms = sorted(s for s in staff.staff_id if role[s] == "team manager")
managers = defaultdict(set)
for s in staff.staff_id:
    if role[s] == "team manager":
        managers[team_of[s]].add(s)
    elif role.get(manager[s]) == "team manager":
        managers[team_of[s]].add(manager[s])
teams = sorted({team_of[w] for w in cases[cases.status == "open"].worker_id if w in team_of})
duty = {(r.date, r.team): r.duty_worker_id for r in rota.itertuples()}
cover_rota = {(r.date, r.team): r.covering_manager_id for r in rota.itertuples() if r.covering_manager_id}

def out_times(who, a, b):
    times = []
    for f, t in absences.get(who, []):
        if f < b and t > a:
            s, e = max(f, a), min(t, b)
            if times and s <= times[-1][1]:
                times[-1] = (times[-1][0], max(times[-1][1], e))
            else:
                times.append((s, e))
    return times

def both(x, y):
    res, i, j = [], 0, 0
    while i < len(x) and j < len(y):
        s, e = max(x[i][0], y[j][0]), min(x[i][1], y[j][1])
        if s < e:
            res.append((s, e))
        if x[i][1] < y[j][1]:
            i += 1
        else:
            j += 1
    return res

days = []
day = date.fromisoformat(start)
while day <= date.fromisoformat(end):
    if day.weekday() < 5 and day not in holidays:
        days.append(day)
    day += timedelta(days=1)

rows = []
for team in teams:
    own = sorted(managers[team])
    for day in days:
        a, b = datetime.combine(day, time(9)), datetime.combine(day, time(17))
        key = (day.isoformat(), team)
        w = duty.get(key)
        no_duty = out_times(w, a, b) if w else [(a, b)]
        for s, e in no_duty:
            rows.append((team, day, s, e, "no-duty-worker"))
        cover = [cover_rota[key]] if key in cover_rota else [covering[m] for m in own if covering.get(m)]
        cover = sorted(set(c for c in cover if c not in own))
        gone = [(a, b)]
        for m in own + cover:
            gone = both(gone, out_times(m, a, b))
        for s, e in gone:
            rows.append((team, day, s, e, "no-manager-cover"))
        nobody = both(gone, no_duty)
        for m in tms:
            if not nobody:
                break
            if m not in own and m not in cover:
                nobody = both(nobody, out_times(m, a, b))
        for s, e in nobody:
            rows.append((team, day, s, e, "service-manager-only"))

with open(out, "w") as f:
    f.write("team,date,from,to,gap\n")
    for team, day, s, e, gap in rows:
        f.write(f"{team},{day},{s:%H:%M},{e:%H:%M},{gap}\n")
