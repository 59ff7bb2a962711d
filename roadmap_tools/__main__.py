from roadmap_tools.cli import main

raise SystemExit(main())
