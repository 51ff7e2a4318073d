"""The Table Schema of a caseaudit rule set, without caseaudit's extensions
(not-future and the like), for frictionless to check the same file against.

    python3 bench/schema_of.py rules/escr-person.yaml OUT.schema.json
"""
import json
import sys

import yaml

rules, out = sys.argv[1:3]
s = yaml.safe_load(open(rules))
json.dump({k: s[k] for k in ("fields", "missingValues", "primaryKey")}, open(out, "w"))
