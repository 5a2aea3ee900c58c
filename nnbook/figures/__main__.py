"""``python -m nnbook.figures [DIR]``: redraw every course figure (see nnbook.figures.cli)."""

from nnbook.figures.cli import main

raise SystemExit(main())
