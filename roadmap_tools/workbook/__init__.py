"""The roadmap workbook: its sheets and columns, «Настройки», reading and writing it."""
