"""``python -m nnbook.bench``: relaunch with quiet BLAS threads, then run the benchmark."""

import sys

from nnbook.bench.cli import _relaunch_with_quiet_blas_threads, main

if __name__ == "__main__":
    code = _relaunch_with_quiet_blas_threads()
    sys.exit(main() if code is None else code)
