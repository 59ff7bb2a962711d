"""One module per command of ``roadmap-tools``: ``add_arguments(parser)`` and ``run(args)``."""
