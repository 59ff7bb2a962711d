"""Down to the executors and back: one request workbook each, their answers collected."""
