"""The region's side: reading the municipalities' reports and the summary workbook."""
