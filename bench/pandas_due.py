"""The obvious alternative to `caseaudit due --events`, for the README's comparison:
pandas reads the same events file and numpy.busday_offset computes each event's
working-day and calendar deadlines (no met/late tracking, no chains).

    python3 bench/pandas_due.py bench-data/events-1m.csv HOLIDAYS.txt OUT.csv
"""
import sys

import numpy as np
import pandas as pd

events_path, holidays_path, out_path = sys.argv[1:4]
holidays = np.array(open(holidays_path).read().split(), dtype="datetime64[D]")
ev = pd.read_csv(events_path, dtype=str)
ev["date"] = pd.to_datetime(ev["date"], format="%d/%m/%Y").values.astype("datetime64[D]")
# One rule per event, as a local authority's spreadsheet would: N working days,
# or calendar days, after the event.
working = {"referral": 7, "became-looked-after": 10, "concerns-raised": 3, "strategy-discussion": 15}
calendar = {"cin-visit": 21, "cla-visit": 42, "cla-review": 182, "health-assessment": 182,
            "dental-check": 365, "assessment-completed": 14}
parts = []
for name, n in working.items():
    sel = ev[ev["event"] == name]
    d = sel["date"].values.astype("datetime64[D]")
    # "N working days after X": roll X forward to a working day only if X is not
    # one, then count N; np.busday_offset counts from X itself.
    due = np.busday_offset(d, n, roll="backward", holidays=holidays)
    parts.append(pd.DataFrame({"case_id": sel["case_id"], "event": name, "event_date": d, "due": due}))
for name, n in calendar.items():
    sel = ev[ev["event"] == name]
    d = sel["date"].values.astype("datetime64[D]")
    parts.append(pd.DataFrame({"case_id": sel["case_id"], "event": name, "event_date": d, "due": d + np.timedelta64(n, "D")}))
pd.concat(parts).sort_index(kind="stable").to_csv(out_path, index=False)
