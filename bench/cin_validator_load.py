"""Loads a CIN census into the DfE CIN validator's tables, as the validator
does before it runs any rule: the comparison for `bench/cin.sh`.

    python3 bench/cin_validator_load.py census.xml
"""

import sys
import time
import xml.etree.ElementTree as ET

from cin_validator import cin_validator

start = time.perf_counter()
root = ET.parse(sys.argv[1]).getroot()
tables = cin_validator.process_data(cin_validator.convert_data(root))
rows = {name: len(t) for name, t in tables.items()}
print(f"loaded in {time.perf_counter() - start:.2f} s: {rows}", file=sys.stderr)
