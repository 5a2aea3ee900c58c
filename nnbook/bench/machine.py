"""The machine a benchmark runs on: CPU, load, NumPy's BLAS, and one thread count for all.

Every library compared gets the same number of threads: one by default (``--blas-threads``,
set with threadpoolctl for NumPy's BLAS and with ``torch.set_num_threads`` for PyTorch). The
question the benchmarks ask is what nnbook adds on top of the array library, and one thread
answers it cleanly: on a busy machine, thread pools wait for cores and each other. On our
shared two-core machine, two threads made the same row swing from 1.0x to 5x between runs,
and a single 1024-row product took 1.8 ms or 3.4 ms depending on whether the second core had
idled a moment before; with one thread every row repeats within a few percent.
``--blas-threads 0`` leaves every library its own choice (all cores), for the fastest
absolute numbers.

Both benchmark commands (``python -m nnbook.bench`` and ``python -m nnbook.bench_training``)
take that option from :func:`add_blas_threads_option` and apply it with
:func:`limit_blas_threads`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
from typing import Any

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from nnbook.bench.options import number

__all__ = [
    "add_blas_threads_option",
    "cpu_description",
    "limit_blas_threads",
    "load_average",
    "numpy_blas",
    "torch_status",
]


def cpu_description() -> str:
    """The CPU's model name (from /proc/cpuinfo on Linux) and the cores this process may use."""
    name = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    name = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 0
    return f"{name}, {cores} core{'s' if cores != 1 else ''}"


def load_average() -> float | None:
    """The 1-minute load average (None where the OS does not say): above the core count,
    other programs compete for the CPU and timings get noisy."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def numpy_blas() -> dict[str, Any]:
    """NumPy's BLAS library and its thread count (read through threadpoolctl)."""
    info: dict[str, Any] = {"library": None, "version": None, "threads": None}
    try:
        config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        info["library"], info["version"] = config.get("name"), config.get("version")
    except Exception:  # older NumPy: no dict mode
        pass
    numpy_dir = os.path.dirname(os.path.dirname(np.__file__))
    for pool in threadpool_info():
        if pool.get("user_api") == "blas" and "numpy" in os.path.relpath(
            pool.get("filepath", ""), numpy_dir
        ):
            info.update(threads=pool.get("num_threads"), internal=pool.get("internal_api"))
            info["architecture"] = pool.get("architecture")
            break
    return info


def limit_blas_threads(threads: int) -> contextlib.AbstractContextManager[Any]:
    """A ``with`` block in which NumPy's BLAS uses ``threads`` threads (0: its own choice).

    Examples
    --------
    >>> with limit_blas_threads(1):
    ...     numpy_blas()["threads"]
    1
    """
    if threads < 0:
        raise ValueError(f"blas threads must be 0 (the library's choice) or more; got {threads}")
    if threads == 0:
        return contextlib.nullcontext()
    return threadpool_limits(limits=threads, user_api="blas")


def add_blas_threads_option(parser: argparse.ArgumentParser) -> None:
    """``--blas-threads N`` (default 1, 0: each library's choice), shared by both benchmarks."""
    parser.add_argument(
        "--blas-threads",
        type=number(int, low=0),
        default=1,
        metavar="N",
        help="threads for every library compared (NumPy's BLAS, PyTorch) alike (default 1; "
        "0 leaves each library its own choice)",
    )


def torch_status(blas_threads: int | None, use_torch: bool = True) -> dict[str, Any]:
    """Whether PyTorch can be compared, its version and threads (matched to NumPy's BLAS)."""
    if not use_torch:
        return {"available": False, "reason": "skipped: --no-torch was given"}
    try:
        import torch
    except Exception as exc:  # ImportError, or a broken install
        return {
            "available": False,
            "reason": f"PyTorch is not installed ({type(exc).__name__}); "
            "pip install torch to compare with it",
        }
    status: dict[str, Any] = {"available": True, "version": torch.__version__}
    threads = torch.get_num_threads()
    if blas_threads and threads != blas_threads:
        torch.set_num_threads(blas_threads)
        status["threads_note"] = f"set from {threads} to NumPy's BLAS thread count"
    status["threads"] = torch.get_num_threads()
    return status
