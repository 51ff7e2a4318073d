"""The script an analyst would write for the monthly selection (`select`):
one case per caseworker, one they hold, not selected or audited in the last
12 months, chosen at random; an auditor from another team of the same area.
pandas. Not part of CI; bench/select.sh runs it beside `caseaudit select`.

    python3 bench/pandas_select.py STAFF CASES HISTORY MONTH OUT.csv
"""
import sys

import numpy as np
import pandas as pd

staff_f, cases_f, history_f, month, out = sys.argv[1:6]
staff = pd.read_csv(staff_f, dtype=str).fillna("")
cases = pd.read_csv(cases_f, dtype=str).fillna("")
history = pd.read_csv(history_f, dtype=str).fillna("")

caseworker_roles = {"social worker", "senior practitioner", "advanced practitioner", "personal advisor",
                    "student social worker", "family support worker"}
active = staff[staff.active.str.lower() != "false"]
workers = active[active.role.str.lower().isin(caseworker_roles)]
auditors = active[active.role.str.lower().isin({"team manager", "group manager", "service manager"})]

# Not again within 12 months of a selection or an audit.
start = (pd.Period(month, "M") - 12).strftime("%Y-%m")
recent = set(history.loc[history.month >= start, "case_id"])
open_cases = cases[(cases.status == "open") & ~cases.case_id.isin(recent)]
eligible = open_cases.merge(workers[["staff_id", "team", "area"]], left_on="worker_id", right_on="staff_id",
                            suffixes=("_case", ""))
rng = np.random.default_rng(2026)
eligible = eligible.assign(r=rng.random(len(eligible))).sort_values("r")
picks = eligible.groupby("worker_id", sort=True).head(1)

# An auditor of the same area, another team, in turn.
by_area = {a: g.staff_id.tolist() for a, g in auditors.groupby("area")}
turn = {a: 0 for a in by_area}
team_of = dict(zip(auditors.staff_id, auditors.team))
chosen = []
for row in picks.itertuples():
    pool = [s for s in by_area.get(row.area, []) if team_of[s] != row.team]
    if pool:
        chosen.append(pool[turn[row.area] % len(pool)])
        turn[row.area] += 1
    else:
        chosen.append("")
picks = picks.assign(auditor_id=chosen)
picks[["case_id", "worker_id", "team", "area", "auditor_id"]].sort_values("worker_id").to_csv(out, index=False)
