"""Changes to a workbook as plain data, and the two appliers that carry them out (openpyxl, xlwings)."""
