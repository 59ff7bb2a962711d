"""What the package carries besides code: the sample roadmap and settings, the VBA modules and the ribbon XML.

Read through ``roadmap_tools.resources`` (``importlib.resources``), so a wheel installed
anywhere finds them; nothing reads the repository's folders.
"""
