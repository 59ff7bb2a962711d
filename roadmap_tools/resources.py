"""Where the files the library reads live: all of them inside the package.

``roadmap_tools.data`` carries the sample roadmap and settings, the VBA modules and the
ribbon XML; ``roadmap_tools.templates`` (the repository's ``templates/`` folder, mapped
in setup.cfg) carries the letter and e-mail templates. Both are found through
``importlib.resources``, so an installed wheel, an editable checkout and xlwings Lite
read the same files and nothing depends on the current folder or the repository.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_folder(package: str) -> Path:
    """The folder of a package's data on disk (pip installs packages unzipped)."""
    folder = files(package)
    if isinstance(folder, Path):
        return folder
    return Path(str(folder))


TEMPLATES = package_folder("roadmap_tools.templates")
DATA = package_folder("roadmap_tools.data")
EXAMPLES = DATA / "examples"
VBA_SOURCES = DATA / "vba"
RIBBON_SOURCES = DATA / "ribbon"
SAMPLE_ROADMAP = EXAMPLES / "sample_roadmap_penza_2022.docx"
SAMPLE_SETTINGS = EXAMPLES / "sample_settings.json"
