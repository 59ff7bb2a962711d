"""roadmap_tools: дорожные карты муниципальных программ в Excel.

The library: the roadmap model, the Russian deadline parser, import from Word and
Excel, checks, deadline status, the monitoring form and reports. The command line
(``cli.py``) and the Excel buttons (``excel.py``) are thin doors over it.
"""
from roadmap_tools.errors import RoadmapError
from roadmap_tools.model import Activity, Deadline, Roadmap, Section, Source

__all__ = ["Activity", "Deadline", "Roadmap", "RoadmapError", "Section", "Source"]
__version__ = "0.1.0"
