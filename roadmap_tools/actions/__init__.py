"""The buttons' jobs (check, deadline control, form) as SheetPlans, and their runs on a file."""
