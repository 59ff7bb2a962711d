"""Building Roadmap.xlsm without Excel: sheets, VBA project, ribbon, buttons."""
