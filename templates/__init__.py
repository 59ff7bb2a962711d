"""Templates of the cover letter (docxtpl) and the e-mail body (jinja2).

Installed with the package as ``roadmap_tools.templates`` (setup.cfg maps this folder),
found through ``roadmap_tools.resources.TEMPLATES``.
"""
