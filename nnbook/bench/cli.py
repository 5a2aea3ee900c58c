"""``python -m nnbook.bench``: run every section, then print a table or JSON.

``python -m nnbook.bench`` (under a minute) prints the report; ``--json`` prints the same
results for machines, ``--quick`` uses tiny models and batches and one repetition (a smoke
test). ``--dtype`` picks float32 (the default) or float64 for every contender alike,
``--repeats`` the repetitions per row, ``--no-torch`` and ``--no-gpu`` skip those
comparisons, and ``--blas-threads`` sets every library's thread count (see
:mod:`nnbook.bench.machine`).

The command first starts itself again with ``OPENBLAS_THREAD_TIMEOUT`` set (see
:func:`_relaunch_with_quiet_blas_threads`); :func:`run` does the work and returns the
results as a JSON-ready dict, which :func:`~nnbook.bench.report.format_report` turns
into text.

Examples
--------
>>> results = run(quick=True, use_torch=False, use_gpu=False)
>>> results["command"], [row["batch"] for row in results["neurons"]]
('python -m nnbook.bench --quick', [1, 8])
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

import nnbook
from nnbook.arrays import check_scalar
from nnbook.bench.machine import (
    add_blas_threads_option,
    cpu_description,
    limit_blas_threads,
    load_average,
    numpy_blas,
    torch_status,
)
from nnbook.bench.options import device_setting_error, number
from nnbook.bench.report import format_report
from nnbook.bench.sections import (
    BATCHES,
    GPU_BATCHES,
    LAYER_SIZES,
    NETWORK_SIZES,
    NEURON_BATCHES,
    QUICK_BATCHES,
    QUICK_LAYER_SIZES,
    QUICK_NETWORK_SIZES,
    QUICK_NEURON_BATCHES,
    Progress,
    check_targets,
    forward_rows,
    gpu_section,
    neuron_rows,
)
from nnbook.bench.timer import DEFAULT_REPEATS

__all__ = ["BLAS_TIMEOUT", "BLAS_TIMEOUT_VAR", "main", "run"]

BLAS_TIMEOUT_VAR, BLAS_TIMEOUT = "OPENBLAS_THREAD_TIMEOUT", "4"  # see _relaunch_with_quiet_...


def run(
    quick: bool = False,
    dtype: str = "float32",
    repeats: int | None = None,
    use_torch: bool = True,
    use_gpu: bool = True,
    blas_threads: int = 1,
) -> dict[str, Any]:
    """Run every section and return the results as a JSON-ready dict (see the module doc).

    ``blas_threads`` threads for NumPy's BLAS and PyTorch alike (0: each library's choice).
    Every argument, and the ``NNBOOK_DEVICE`` setting, is checked before anything is measured.
    """
    nnbook.device()  # an unknown NNBOOK_DEVICE raises now, not at the GPU section
    np_dtype = _check_dtype(dtype)
    if repeats is not None:
        repeats = check_scalar(repeats, "repeats", int, low=1)
    blas_threads = check_scalar(blas_threads, "blas_threads", int, low=0)
    with limit_blas_threads(blas_threads):
        results = _run(quick, np_dtype, repeats, use_torch, use_gpu)
    results["blas_threads"] = blas_threads
    if blas_threads != 1:
        results["command"] += f" --blas-threads {blas_threads}"
    return results


def _check_dtype(dtype: Any) -> np.dtype:
    try:
        np_dtype = None if dtype is None else np.dtype(dtype)
    except TypeError:  # not a dtype at all ("float"s misspelt, an object)
        np_dtype = None
    if np_dtype not in (np.float32, np.float64):
        raise ValueError(f"dtype must be float32 or float64; got {dtype!r}")
    return np_dtype


def _run(
    quick: bool, np_dtype: np.dtype, repeats: int | None, use_torch: bool, use_gpu: bool
) -> dict[str, Any]:
    if repeats is None:
        repeats = 1 if quick else DEFAULT_REPEATS
    start = time.perf_counter()
    layer = QUICK_LAYER_SIZES if quick else LAYER_SIZES
    network = QUICK_NETWORK_SIZES if quick else NETWORK_SIZES
    batches = QUICK_BATCHES if quick else BATCHES
    neuron_batches = QUICK_NEURON_BATCHES if quick else NEURON_BATCHES
    gpu_batches = QUICK_BATCHES if quick else GPU_BATCHES
    blas = numpy_blas()
    torch_info = torch_status(blas.get("threads"), use_torch)
    results: dict[str, Any] = {
        "command": "python -m nnbook.bench" + (" --quick" if quick else ""),
        "quick": quick,
        "dtype": np_dtype.name,
        "repeats": repeats,
        "machine": {
            "cpu": cpu_description(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "numpy": np.__version__,
            "numpy_blas": blas,
            "load_average_before": load_average(),
            "env": {
                name: os.environ.get(name)
                for name in (BLAS_TIMEOUT_VAR, "OMP_NUM_THREADS", "OMP_WAIT_POLICY")
                if os.environ.get(name) is not None
            },
            "nnbook": nnbook.__version__,
        },
        "torch": torch_info,
    }
    rows = 2 * len(batches) + len(neuron_batches) + (len(gpu_batches) if use_gpu else 0)
    with _progress_bar(rows, quick) as progress:
        results["forward"] = forward_rows(
            batches, np_dtype, repeats, quick, torch_info["available"], (layer, network), progress
        )
        results["neurons"] = neuron_rows(neuron_batches, np_dtype, repeats, quick, layer, progress)
        if use_gpu:
            results["gpu"] = gpu_section(
                gpu_batches, np_dtype, repeats, quick, sizes=network, progress=progress
            )
        else:
            results["gpu"] = {"skipped": True, "reason": "skipped: --no-gpu was given"}
    results["machine"]["load_average_after"] = load_average()
    results["targets"] = check_targets(results)
    results["seconds"] = time.perf_counter() - start
    return results


@contextlib.contextmanager
def _progress_bar(rows: int, quick: bool) -> Iterator[Progress]:
    """One step per table row on stderr; only on a terminal (so never in --json pipes or CI)."""
    from tqdm.auto import tqdm

    disable = True if quick else None  # None: tqdm's "only when stderr is a terminal"
    with tqdm(total=rows, desc="timing", unit="row", disable=disable, leave=False) as bar:

        def step(label: str) -> None:
            bar.set_postfix_str(label, refresh=False)
            bar.update()

        yield step


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``python -m nnbook.bench [--quick] [--json] [--dtype D] [--repeats N]``."""
    parser = argparse.ArgumentParser(
        prog="python -m nnbook.bench",
        description="Time nnbook's forward pass against raw NumPy, PyTorch (CPU) and CuPy.",
    )
    parser.add_argument("--quick", action="store_true", help="tiny batches, one repetition")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    parser.add_argument(
        "--repeats", type=number(int, low=1), default=None, help="repetitions per row"
    )
    parser.add_argument("--no-torch", action="store_true", help="do not compare with PyTorch")
    parser.add_argument("--no-gpu", action="store_true", help="skip the GPU section")
    add_blas_threads_option(parser)
    args = parser.parse_args(argv)
    if (problem := device_setting_error()) is not None:
        parser.error(problem)
    results = run(
        quick=args.quick,
        dtype=args.dtype,
        repeats=args.repeats,
        use_torch=not args.no_torch,
        use_gpu=not args.no_gpu,
        blas_threads=args.blas_threads,
    )
    _print(json.dumps(results, indent=2) if args.json else format_report(results))
    return 0


def _print(text: str) -> None:
    """Print the results even where stdout cannot show every character (µ on an ASCII
    console): µs becomes us and anything else is escaped, rather than losing a whole run's
    measurements to a UnicodeEncodeError at the very end."""
    try:
        print(text)
    except UnicodeEncodeError:
        encoding = sys.stdout.encoding or "ascii"
        safe = text.replace("µs", "us").encode(encoding, "backslashreplace").decode(encoding)
        print(safe)


def _relaunch_with_quiet_blas_threads() -> int | None:
    """Re-run this command with ``OPENBLAS_THREAD_TIMEOUT`` set, unless the user set it.

    OpenBLAS's idle worker threads keep spinning for about 0.1 s after each call. When
    NumPy and PyTorch take turns (as they do here), those spinning threads and PyTorch's
    OpenMP threads fight over the cores and whichever library runs next can lose a whole
    scheduler tick (milliseconds, for a call of microseconds). A short timeout makes idle
    threads sleep at once. OpenBLAS reads it when it loads, that is when NumPy is first
    imported, hence a fresh process. It applies to nnbook and raw NumPy alike.
    """
    if BLAS_TIMEOUT_VAR in os.environ:
        return None
    env = {**os.environ, BLAS_TIMEOUT_VAR: BLAS_TIMEOUT}
    return subprocess.call([sys.executable, "-m", "nnbook.bench", *sys.argv[1:]], env=env)
