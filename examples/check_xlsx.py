# Reads a selection workbook back with openpyxl (pip install openpyxl), as Excel would:
# the sheets, the header (bold, frozen, filtered), date cells and booleans.
#   python3 examples/check_xlsx.py selection.xlsx
import datetime, sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
print(wb.sheetnames)
ws = wb["Selection"]
header = [c.value for c in ws[1]]
print(header[:4], "...", header[-2:])
print("frozen:", ws.freeze_panes, "filter:", ws.auto_filter.ref, "bold:", ws["A1"].font.b)
row = [c.value for c in ws[2]]
dates = [v for v in row if isinstance(v, datetime.datetime)]
print("date cells in row 2:", len(dates), dates[0].date(), ws.cell(2, header.index("tools_to_pmu") + 1).number_format)
print("restricted:", type(row[header.index("restricted")]).__name__)
print("excluded rows:", wb["Excluded"].max_row - 1)
