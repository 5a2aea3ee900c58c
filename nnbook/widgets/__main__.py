"""``python -m nnbook.widgets --bench``: how quickly the widgets respond.

The timing code lives with the other benchmarks, in :mod:`nnbook.bench.widget_latency`.
"""

from nnbook.bench.widget_latency import main

if __name__ == "__main__":
    raise SystemExit(main())
