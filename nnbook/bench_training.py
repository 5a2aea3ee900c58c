"""``python -m nnbook.bench_training``, the command the README documents for the training benchmark.

The benchmark itself (nnbook vs scikit-learn, wall time to a test accuracy on the 8x8
digits) lives with the other benchmarks, in :mod:`nnbook.bench.training`.
"""

from nnbook.bench.training import main

__all__ = ["main"]

if __name__ == "__main__":
    main()
