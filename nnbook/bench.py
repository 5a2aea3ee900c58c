"""How fast is nnbook's matrix form? One command compares it with the bare expressions.

``python -m nnbook.bench`` (under a minute) prints a table; ``--json`` prints the same
results for machines, ``--quick`` uses tiny batches and one repetition (a smoke test).

What is measured, all in one run and in the same dtype (float32 by default, ``--dtype``):

* a layer (784->256, ReLU) and a 784-256-128-10 ReLU network, forward pass, at batch sizes
  1, 64, 1024 and 4096: nnbook against the raw NumPy expression ``np.maximum(x @ W.T + b, 0)``
  (chained), and against PyTorch on the CPU when ``torch`` is installed (skipped with a note
  when not). Times are medians of repetitions that take turns (each repetition runs every
  contender once, in balanced orders) so that noise from the rest of the machine hits all
  of them alike. Ratios are nnbook's median time divided by the other's (below 1: nnbook is
  faster). GFLOP/s counts ``2 * B * N * M`` per layer (the multiply-adds of ``x @ W.T``).
* the loop of neurons (one :class:`~nnbook.Neuron` per output, a Python loop) against the
  matrix form (one :class:`~nnbook.Layer`): the speed-up chapter 3 teaches.
* on a usable GPU: nnbook on CuPy against nnbook on the CPU, with and without copying the
  batch to the device and the answer back, the batch size from which the GPU wins, and
  nnbook against raw CuPy. Without a GPU the section says why it was skipped.

Before timing anything, every contender's answer is checked against the NumPy expression.

Every library gets the same number of threads: one by default (``--blas-threads``, set with
threadpoolctl for NumPy's BLAS and with ``torch.set_num_threads`` for PyTorch). The question
here is what nnbook adds on top of the array library, and one thread answers it cleanly: on a
busy machine, thread pools wait for cores and each other. On our shared two-core machine,
two threads made the same row swing from 1.0x to 5x between runs, and a single 1024-row
product took 1.8 ms or 3.4 ms depending on whether the second core had idled a moment
before; with one thread every row repeats within a few percent. ``--blas-threads 0``
leaves every library its own choice (all cores), for the fastest absolute numbers.

Examples
--------
>>> import numpy as np
>>> weights, biases = make_parameters([4, 3, 2], np.float32, seed=0)
>>> x = np.ones((5, 4), dtype=np.float32)
>>> reference = numpy_forward(weights, biases)(x)
>>> bool(np.allclose(nnbook_model(weights, biases)(x), reference))
True
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import itertools
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

import nnbook
from nnbook import backend

LAYER_SIZES = (784, 256)
NETWORK_SIZES = (784, 256, 128, 10)
BATCHES = (1, 64, 1024, 4096)
NEURON_BATCHES = (1, 64, 1024)
GPU_BATCHES = (1, 64, 1024, 4096, 16384)
QUICK_BATCHES = (1, 8, 64)
QUICK_LAYER_SIZES = (32, 16)  # --quick: tiny models, so that it is a smoke test in a second
QUICK_NETWORK_SIZES = (32, 16, 8, 4)
QUICK_NEURON_BATCHES = (1, 8)

TARGET_SAMPLE_S = 2e-3  # each timed sample runs a contender this long (several calls if fast)
ROW_BUDGET_S = 3.0  # stop repeating a row after this long, once it has MIN_REPEATS samples
MIN_REPEATS = 5
SETTLE_S = 0.02  # pause before each sample: the previous library's idle threads go to sleep
DEFAULT_REPEATS = 24  # a multiple of 6: each balanced order of three contenders 4 times
BLAS_TIMEOUT_VAR, BLAS_TIMEOUT = "OPENBLAS_THREAD_TIMEOUT", "4"  # see _relaunch_with_quiet_...

Array = Any
Progress = Callable[[str], Any] | None  # called with a label after each finished row


# --------------------------------------------------------------------------- the contenders


def make_parameters(
    sizes: Sequence[int], dtype: Any = np.float32, seed: int = 0
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Random weights (He scaling) and small random biases for a ReLU net of ``sizes``.

    Examples
    --------
    >>> weights, biases = make_parameters([3, 2], np.float64)
    >>> weights[0].shape, biases[0].shape, weights[0].dtype
    ((2, 3), (2,), dtype('float64'))
    """
    rng = np.random.default_rng(seed)
    weights, biases = [], []
    for n_in, n_out in itertools.pairwise(sizes):
        weights.append(rng.normal(0.0, math.sqrt(2.0 / n_in), (n_out, n_in)).astype(dtype))
        biases.append(rng.normal(0.0, 0.1, n_out).astype(dtype))
    return weights, biases


def make_input(batch: int, n_inputs: int, dtype: Any = np.float32, seed: int = 1) -> np.ndarray:
    """A batch of ``batch`` random rows of ``n_inputs`` values."""
    return np.random.default_rng(seed).normal(size=(batch, n_inputs)).astype(dtype)


def numpy_forward(
    weights: Sequence[np.ndarray], biases: Sequence[np.ndarray]
) -> Callable[[np.ndarray], np.ndarray]:
    """The raw NumPy expression ``np.maximum(x @ W.T + b, 0)``, chained over the layers."""
    pairs = list(zip(weights, biases, strict=True))

    def forward(x: np.ndarray) -> np.ndarray:
        for W, b in pairs:
            x = np.maximum(x @ W.T + b, 0)
        return x

    return forward


def nnbook_model(
    weights: Sequence[Array], biases: Sequence[Array]
) -> nnbook.Layer | nnbook.Network:
    """The same parameters as an nnbook :class:`~nnbook.Layer` (one pair) or a Network.

    The arrays keep their library: NumPy arrays give a CPU model, CuPy arrays a GPU one.
    """
    layers = [nnbook.Layer(W, b, "relu") for W, b in zip(weights, biases, strict=True)]
    return layers[0] if len(layers) == 1 else nnbook.Network(layers)


def torch_forward(
    weights: Sequence[np.ndarray], biases: Sequence[np.ndarray]
) -> Callable[[Any], Any]:
    """PyTorch's fastest eager form: ``relu(F.linear(x, W, b))`` chained, in inference mode."""
    import torch
    import torch.nn.functional as F

    pairs = [
        (torch.from_numpy(W), torch.from_numpy(b)) for W, b in zip(weights, biases, strict=True)
    ]

    def forward(x: Any) -> Any:
        with torch.inference_mode():
            for W, b in pairs:
                x = torch.relu(F.linear(x, W, b))
        return x

    return forward


def cupy_forward(weights: Sequence[Any], biases: Sequence[Any], cp: Any) -> Callable[[Any], Any]:
    """The raw CuPy expression ``cp.maximum(x @ W.T + b, 0)``, chained (arrays on the device)."""
    pairs = list(zip(weights, biases, strict=True))

    def forward(x: Any) -> Any:
        for W, b in pairs:
            x = cp.maximum(x @ W.T + b, 0)
        return x

    return forward


def neuron_loop(layer: nnbook.Layer) -> Callable[[np.ndarray], np.ndarray]:
    """The layer taken apart into neurons, evaluated one neuron at a time in a Python loop."""
    neurons = layer.neurons()

    def forward(x: np.ndarray) -> np.ndarray:
        return np.stack([neuron(x) for neuron in neurons], axis=-1)

    return forward


def gflop(sizes: Sequence[int], batch: int) -> float:
    """Billions of floating-point operations of ``x @ W.T`` over all layers: ``2 * B * N * M``."""
    return sum(2 * batch * n * m for n, m in itertools.pairwise(sizes)) / 1e9


def _model_name(sizes: Sequence[int]) -> str:
    kind = "layer" if len(sizes) == 2 else "network"
    return f"{kind} {'-'.join(map(str, sizes))} relu"


# ------------------------------------------------------------------------------------ timing


@dataclass
class Contender:
    """Something to time: ``run()`` does one call; ``sync()`` waits for a device to finish."""

    name: str
    run: Callable[[], Any]
    sync: Callable[[], Any] | None = None


def _step(progress: Progress, label: str) -> None:
    if progress is not None:
        progress(label)


def _time_calls(contender: Contender, number: int) -> float:
    sync = contender.sync
    if sync is not None:
        sync()  # nothing queued from before may count
    start = time.perf_counter()
    for _ in range(number):
        contender.run()
    if sync is not None:
        sync()  # a GPU returns before it has finished: wait for it before stopping the clock
    return (time.perf_counter() - start) / number


def _calls_per_sample(contender: Contender, quick: bool) -> int:
    if quick:
        return 1
    once = _time_calls(contender, 1)
    return max(1, min(10_000, math.ceil(TARGET_SAMPLE_S / max(once, 1e-7))))


def balanced_orders(n: int) -> list[list[int]]:
    """Orders of ``n`` contenders in which each one comes right after each other equally often.

    A Williams design: the first order is ``0, 1, n-1, 2, n-2, ...``, the others add 1, 2,
    ... (mod n) to it; an odd ``n`` also needs every order reversed. Every contender also
    starts an order equally often.

    Examples
    --------
    >>> balanced_orders(3)
    [[0, 1, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0], [0, 2, 1], [1, 0, 2]]
    >>> balanced_orders(4)
    [[0, 1, 3, 2], [1, 2, 0, 3], [2, 3, 1, 0], [3, 0, 2, 1]]
    """
    first = [0]
    for k in range(1, n):
        first.append((k + 1) // 2 if k % 2 else n - k // 2)
    orders = [[(i + shift) % n for i in first] for shift in range(n)]
    return orders + [order[::-1] for order in orders] if n % 2 and n > 1 else orders


def time_interleaved(
    contenders: Sequence[Contender], repeats: int, quick: bool = False
) -> dict[str, dict[str, Any]]:
    """Median seconds per call of each contender, repetitions taking turns.

    Each repetition times every contender once (``number`` calls, calibrated so that a
    sample lasts about 2 ms), in the next of the :func:`balanced_orders`, so that every
    contender runs right after every other one equally often. (A plain rotation of A, B, C puts A
    after C in two orders out of three, so whatever C leaves behind, busy threads or a
    cold cache, would land mostly on A.) A row stops early once it has run for
    ``ROW_BUDGET_S`` and has at least ``MIN_REPEATS`` samples.

    Before each sample the clock waits ``SETTLE_S``: after a big product PyTorch's OpenMP
    threads keep spinning for a few milliseconds, and a NumPy call started meanwhile has to
    share the cores with them (measured here: twice as slow at batch 4096). Without the
    pause, whoever runs right after PyTorch would pay for PyTorch's threads.

    Examples
    --------
    >>> out = time_interleaved([Contender("a", lambda: 1), Contender("b", lambda: 2)], 3)
    >>> sorted(out), out["a"]["repeats"]
    (['a', 'b'], 3)
    """
    for contender in contenders:  # warm-up: first-call costs (allocations, lazy imports)
        contender.run()
        contender.run()
        if contender.sync is not None:
            contender.sync()
    numbers = {c.name: _calls_per_sample(c, quick) for c in contenders}
    samples: dict[str, list[float]] = {c.name: [] for c in contenders}
    gc_was_enabled = gc.isenabled()
    gc.disable()
    start = time.perf_counter()
    try:
        orders = balanced_orders(len(contenders))
        for rep in range(repeats):
            for contender in (contenders[i] for i in orders[rep % len(orders)]):
                if not quick:
                    time.sleep(SETTLE_S)
                samples[contender.name].append(_time_calls(contender, numbers[contender.name]))
            if rep + 1 >= MIN_REPEATS and time.perf_counter() - start > ROW_BUDGET_S:
                break
    finally:
        if gc_was_enabled:
            gc.enable()
    return {
        name: {
            "median_s": statistics.median(times),
            "min_s": min(times),
            "max_s": max(times),
            "repeats": len(times),
            "calls_per_sample": numbers[name],
        }
        for name, times in samples.items()
    }


def _max_abs_diff(a: Any, b: Any) -> float:
    return float(np.max(np.abs(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64))))


def _tolerance(dtype: Any) -> float:
    return 1e-3 if np.dtype(dtype) == np.float32 else 1e-9


# ------------------------------------------------------------------------------- environment


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
    """NumPy's BLAS library and its thread count (through threadpoolctl when it is installed)."""
    info: dict[str, Any] = {"library": None, "version": None, "threads": None}
    try:
        config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        info["library"], info["version"] = config.get("name"), config.get("version")
    except Exception:  # older NumPy: no dict mode
        pass
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        info["threads_note"] = "install threadpoolctl to read the BLAS thread count"
        return info
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
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=threads, user_api="blas")


def add_blas_threads_option(parser: argparse.ArgumentParser) -> None:
    """``--blas-threads N`` (default 1, 0: each library's choice), shared by both benchmarks."""

    def count(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = -1
        if value < 0:
            raise argparse.ArgumentTypeError(f"must be 0 or a positive whole number; got {text!r}")
        return value

    parser.add_argument(
        "--blas-threads",
        type=count,
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


# ----------------------------------------------------------------------------------- sections


def forward_rows(
    batches: Sequence[int],
    dtype: Any,
    repeats: int,
    quick: bool,
    use_torch: bool,
    models: Sequence[Sequence[int]] = (LAYER_SIZES, NETWORK_SIZES),
    progress: Progress = None,
) -> list[dict[str, Any]]:
    """The layer and the network at every batch size: nnbook vs NumPy (vs torch)."""
    rows = []
    for sizes in models:
        weights, biases = make_parameters(sizes, dtype)
        reference = numpy_forward(weights, biases)
        model = nnbook_model(weights, biases)
        torch_fn = torch_forward(weights, biases) if use_torch else None
        for batch in batches:
            x = make_input(batch, sizes[0], dtype)
            want = reference(x)
            answers = {"nnbook": model(x)}
            contenders = [
                Contender("nnbook", lambda model=model, x=x: model(x)),
                Contender("numpy", lambda f=reference, x=x: f(x)),
            ]
            if torch_fn is not None:
                import torch

                x_t = torch.from_numpy(x)
                answers["torch"] = torch_fn(x_t).numpy()
                contenders.append(Contender("torch", lambda f=torch_fn, x_t=x_t: f(x_t)))
            diffs = {name: _max_abs_diff(got, want) for name, got in answers.items()}
            timing = time_interleaved(contenders, repeats, quick)
            work = gflop(sizes, batch)
            median = {name: t["median_s"] for name, t in timing.items()}
            row: dict[str, Any] = {
                "model": _model_name(sizes),
                "sizes": list(sizes),
                "batch": batch,
                "gflop": work,
                "median_s": median,
                "min_s": {name: t["min_s"] for name, t in timing.items()},
                "max_s": {name: t["max_s"] for name, t in timing.items()},
                "gflop_per_s": {name: work / t for name, t in median.items()},
                "ratios": {
                    f"nnbook/{name}": median["nnbook"] / t
                    for name, t in median.items()
                    if name != "nnbook"
                },
                "repeats": min(t["repeats"] for t in timing.values()),
                "calls_per_sample": {name: t["calls_per_sample"] for name, t in timing.items()},
                "max_abs_diff": diffs,
                "agree": all(d <= _tolerance(dtype) for d in diffs.values()),
            }
            rows.append(row)
            _step(progress, f"{row['model']}, batch {batch}")
    return rows


def neuron_rows(
    batches: Sequence[int],
    dtype: Any,
    repeats: int,
    quick: bool,
    sizes: Sequence[int] = LAYER_SIZES,
    progress: Progress = None,
) -> list[dict]:
    """One Neuron per output in a Python loop vs the same numbers as one matrix product."""
    weights, biases = make_parameters(sizes, dtype)
    layer = nnbook_model(weights, biases)
    loop = neuron_loop(layer)
    rows = []
    for batch in batches:
        x = make_input(batch, sizes[0], dtype)
        diff = _max_abs_diff(loop(x), layer(x))
        timing = time_interleaved(
            [
                Contender("neuron loop", lambda x=x: loop(x)),
                Contender("matrix", lambda x=x: layer(x)),
            ],
            min(repeats, 7),  # the loop is slow and its speed-up is large: fewer samples do
            quick,
        )
        loop_s, matrix_s = timing["neuron loop"]["median_s"], timing["matrix"]["median_s"]
        rows.append(
            {
                "model": _model_name(sizes),
                "neurons": sizes[1],
                "batch": batch,
                "loop_s": loop_s,
                "matrix_s": matrix_s,
                "speedup": loop_s / matrix_s,
                "max_abs_diff": diff,
                "agree": diff <= _tolerance(dtype),
            }
        )
        _step(progress, f"neuron loop, batch {batch}")
    return rows


def gpu_skip_reason() -> str:
    """Why the GPU section does not run here (nnbook's own explanation of its device choice)."""
    reason = nnbook.device_reason()
    why = backend._probe_gpu()[1]
    return reason if why in reason else f"{reason}; GPU probe: {why}"


def gpu_section(
    batches: Sequence[int],
    dtype: Any,
    repeats: int,
    quick: bool,
    cp: Any = None,
    sizes: Sequence[int] = NETWORK_SIZES,
    progress: Progress = None,
) -> dict[str, Any]:
    """nnbook on the GPU vs on the CPU (with and without transfers) and vs raw CuPy.

    ``cp`` is the CuPy module; by default it is imported when :func:`nnbook.gpu_available`
    says a GPU works, and the section is skipped with the reason otherwise. (Tests pass a
    stand-in module to check the section's structure on machines without a GPU.)
    """
    if cp is None:
        if not nnbook.gpu_available():
            return {"skipped": True, "reason": gpu_skip_reason()}
        import cupy as cp
    device = cp.cuda.Device()
    sync = device.synchronize
    weights, biases = make_parameters(sizes, dtype)
    reference = numpy_forward(weights, biases)
    cpu_model = nnbook_model(weights, biases)
    d_weights = [cp.asarray(W) for W in weights]
    d_biases = [cp.asarray(b) for b in biases]
    gpu_model = nnbook_model(d_weights, d_biases)
    raw = cupy_forward(d_weights, d_biases, cp)
    rows = []
    for batch in batches:
        x = make_input(batch, sizes[0], dtype)
        x_dev = cp.asarray(x)
        want = reference(x)

        def round_trip(x: np.ndarray = x) -> np.ndarray:
            return nnbook.to_numpy(gpu_model(cp.asarray(x)))

        answers = {
            "gpu": nnbook.to_numpy(gpu_model(x_dev)),
            "gpu+transfers": round_trip(),
            "cupy": nnbook.to_numpy(raw(x_dev)),
            "cpu": cpu_model(x),
        }
        y_dev = gpu_model(x_dev)
        contenders = [
            Contender("cpu", lambda x=x: cpu_model(x)),
            Contender("gpu", lambda x_dev=x_dev: gpu_model(x_dev), sync),
            Contender("gpu+transfers", round_trip, sync),
            Contender("cupy", lambda x_dev=x_dev: raw(x_dev), sync),
            Contender("host->device", lambda x=x: cp.asarray(x), sync),
            Contender("device->host", lambda y_dev=y_dev: nnbook.to_numpy(y_dev), sync),
        ]
        timing = time_interleaved(contenders, repeats, quick)
        median = {name: t["median_s"] for name, t in timing.items()}
        diffs = {name: _max_abs_diff(got, want) for name, got in answers.items()}
        work = gflop(sizes, batch)
        rows.append(
            {
                "model": _model_name(sizes),
                "batch": batch,
                "median_s": median,
                "gflop_per_s": {
                    name: work / median[name] for name in ("cpu", "gpu", "gpu+transfers", "cupy")
                },
                "ratios": {
                    "nnbook/cupy": median["gpu"] / median["cupy"],
                    "gpu/cpu": median["gpu"] / median["cpu"],
                    "gpu+transfers/cpu": median["gpu+transfers"] / median["cpu"],
                },
                "repeats": min(t["repeats"] for t in timing.values()),
                "max_abs_diff": diffs,
                "agree": all(d <= _tolerance(dtype) for d in diffs.values()),
            }
        )
        _step(progress, f"GPU, batch {batch}")
    return {
        "skipped": False,
        "device": backend._gpu_name(cp) if hasattr(cp, "cuda") else "GPU",
        "model": _model_name(sizes),
        "rows": rows,
        "crossover_batch": _crossover(rows, "gpu+transfers/cpu"),
        "crossover_batch_resident": _crossover(rows, "gpu/cpu"),
    }


def _crossover(rows: Sequence[dict[str, Any]], ratio: str) -> int | None:
    """The smallest batch from which on the GPU is faster (ratio < 1) at every larger batch."""
    found = None
    for row in sorted(rows, key=lambda r: r["batch"], reverse=True):
        if row["ratios"][ratio] < 1.0:
            found = row["batch"]
        else:
            break
    return found


def check_targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The speed targets, each with the worst ratio measured and whether it is met."""
    rows = results["forward"]

    def worst(key: str, keep: Callable[[int], bool]) -> float | None:
        values = [r["ratios"][key] for r in rows if keep(r["batch"]) and key in r["ratios"]]
        return max(values) if values else None

    specs = [
        (
            "nnbook within 1.10x of raw NumPy at batch >= 64",
            "nnbook/numpy",
            1.10,
            lambda b: b >= 64,
        ),
        ("nnbook within 1.5x of raw NumPy at batch 1", "nnbook/numpy", 1.5, lambda b: b == 1),
        ("nnbook at least as fast as PyTorch CPU", "nnbook/torch", 1.0, lambda b: True),
    ]
    targets = []
    for text, key, limit, keep in specs:
        value = worst(key, keep)
        targets.append(
            {"target": text, "worst_ratio": value, "limit": limit, "met": _met(value, limit)}
        )
    gpu = results["gpu"]
    gpu_rows = [] if gpu.get("skipped") else [r for r in gpu["rows"] if r["batch"] >= 1024]
    value = max((r["ratios"]["nnbook/cupy"] for r in gpu_rows), default=None)
    targets.append(
        {
            "target": "GPU: nnbook within 1.10x of raw CuPy at batch >= 1024",
            "worst_ratio": value,
            "limit": 1.10,
            "met": _met(value, 1.10),
        }
    )
    return targets


def _met(value: float | None, limit: float) -> bool | None:
    return None if value is None else bool(value <= limit)


# ------------------------------------------------------------------------------- entry points


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
    """
    with limit_blas_threads(blas_threads):
        results = _run(quick, dtype, repeats, use_torch, use_gpu)
    results["blas_threads"] = blas_threads
    if blas_threads != 1:
        results["command"] += f" --blas-threads {blas_threads}"
    return results


def _run(
    quick: bool, dtype: str, repeats: int | None, use_torch: bool, use_gpu: bool
) -> dict[str, Any]:
    np_dtype = np.dtype(dtype)
    if np_dtype not in (np.float32, np.float64):
        raise ValueError(f"dtype must be float32 or float64; got {dtype!r}")
    if repeats is None:
        repeats = 1 if quick else DEFAULT_REPEATS
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1; got {repeats}")
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


def _t(seconds: float) -> str:
    if seconds >= 1.0:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def _count(n: int | None, noun: str) -> str:
    return f"? {noun}s" if n is None else f"{n} {noun}{'' if n == 1 else 's'}"


def _x(ratio: float) -> str:
    return f"{ratio:.0f}x" if ratio >= 10 else f"{ratio:.2f}x"


def _table(header: Sequence[str], body: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *body, strict=True)]

    def line(cells: Sequence[Any]) -> str:
        return "  ".join(
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return [line(header), line(["-" * w for w in widths]), *(line(r) for r in body)]


def format_report(results: dict[str, Any]) -> str:
    """The results as a plain-text table (what ``python -m nnbook.bench`` prints)."""
    m = results["machine"]
    blas = m["numpy_blas"]
    torch_info = results["torch"]
    out = [
        f"nnbook forward-pass benchmark: {results['dtype']}, medians of up to "
        f"{results['repeats']} interleaved repetitions"
        + (" (--quick: indicative only)" if results["quick"] else ""),
        f"CPU: {m['cpu']}; Python {m['python']}; NumPy {m['numpy']} "
        f"({blas.get('library') or 'BLAS ?'} {blas.get('version') or ''}, "
        f"{_count(blas.get('threads'), 'BLAS thread')})",
        "Threads: "
        + (
            f"{results['blas_threads']} per library (--blas-threads; 0 = each library's choice)"
            if results.get("blas_threads")
            else "each library's own choice (--blas-threads 0)"
        ),
    ]
    loads = [m.get("load_average_before"), m.get("load_average_after")]
    if any(v is not None for v in loads):
        out.append(
            "Load average before/after: "
            + " / ".join("?" if v is None else f"{v:.2f}" for v in loads)
            + (
                " (busy: other programs compete for the cores, timings are noisy)"
                if max(v or 0 for v in loads) > 1.0
                else ""
            )
        )
    if m["env"]:
        out.append("Environment: " + ", ".join(f"{k}={v}" for k, v in m["env"].items()))
    if torch_info["available"]:
        note = f", {torch_info['threads_note']}" if "threads_note" in torch_info else ""
        threads = _count(torch_info["threads"], "thread")
        out.append(f"PyTorch {torch_info['version']}: {threads}{note}")
    else:
        out.append(f"PyTorch: {torch_info['reason']}")
    has_torch = torch_info["available"]
    out += [
        "",
        "Forward pass (time per call; ratio = nnbook time / other time, < 1: nnbook faster)",
    ]
    header = ["model", "batch", "nnbook", "NumPy", "nnbook/NumPy"]
    if has_torch:
        header += ["torch", "nnbook/torch"]
    header += ["GFLOP/s nnbook", "NumPy"] + (["torch"] if has_torch else [])
    body = []
    for r in results["forward"]:
        t, g = r["median_s"], r["gflop_per_s"]
        cells = [r["model"], r["batch"], _t(t["nnbook"]), _t(t["numpy"])]
        cells.append(f"{r['ratios']['nnbook/numpy']:.2f}x")
        if has_torch:
            cells += [_t(t["torch"]), f"{r['ratios']['nnbook/torch']:.2f}x"]
        cells += [f"{g['nnbook']:.1f}", f"{g['numpy']:.1f}"]
        if has_torch:
            cells.append(f"{g['torch']:.1f}")
        body.append(cells)
    out += _table(header, body)
    if not all(r["agree"] for r in results["forward"]):
        out.append("WARNING: some contenders computed different numbers (see --json max_abs_diff)")

    if results["neurons"]:
        first = results["neurons"][0]
        out += ["", f"Loop of {first['neurons']} Neurons vs one Layer ({first['model']})"]
        out += _table(
            ["batch", "neuron loop", "matrix", "speed-up"],
            [
                [r["batch"], _t(r["loop_s"]), _t(r["matrix_s"]), _x(r["speedup"])]
                for r in results["neurons"]
            ],
        )

    gpu = results["gpu"]
    out.append("")
    if gpu["skipped"]:
        out.append(f"GPU: skipped: {gpu['reason']}")
    else:
        out.append(f"GPU ({gpu['device']}), {gpu['model']}: nnbook on CuPy vs nnbook on NumPy")
        body = []
        for r in gpu["rows"]:
            t, q = r["median_s"], r["ratios"]
            body.append(
                [
                    r["batch"],
                    _t(t["cpu"]),
                    _t(t["gpu"]),
                    _t(t["gpu+transfers"]),
                    _t(t["host->device"]),
                    _t(t["device->host"]),
                    _t(t["cupy"]),
                    f"{q['nnbook/cupy']:.2f}x",
                    f"{q['gpu+transfers/cpu']:.2f}x",
                ]
            )
        header = ["batch", "CPU", "GPU", "GPU+copies", "to GPU", "back", "raw CuPy"]
        out += _table([*header, "nnbook/CuPy", "GPU+copies/CPU"], body)
        for key, label in (
            ("crossover_batch_resident", "data already on the GPU"),
            ("crossover_batch", "counting the copies"),
        ):
            b = gpu[key]
            out.append(
                f"GPU wins from batch {b} on ({label})"
                if b is not None
                else f"GPU never wins up to batch {gpu['rows'][-1]['batch']} ({label})"
            )

    out += ["", "Targets (same run)"]
    for target in results["targets"]:
        value = target["worst_ratio"]
        verdict = {True: "met", False: "NOT met", None: "not measured"}[target["met"]]
        worst = f" (worst {value:.2f}x)" if value is not None else ""
        out.append(f"  {target['target']}: {verdict}{worst}")
    out.append(f"({results['seconds']:.1f} s in all)")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``python -m nnbook.bench [--quick] [--json] [--dtype D] [--repeats N]``."""
    parser = argparse.ArgumentParser(
        prog="python -m nnbook.bench",
        description="Time nnbook's forward pass against raw NumPy, PyTorch (CPU) and CuPy.",
    )
    parser.add_argument("--quick", action="store_true", help="tiny batches, one repetition")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    parser.add_argument("--repeats", type=int, default=None, help="repetitions per row")
    parser.add_argument("--no-torch", action="store_true", help="do not compare with PyTorch")
    parser.add_argument("--no-gpu", action="store_true", help="skip the GPU section")
    add_blas_threads_option(parser)
    args = parser.parse_args(argv)
    if args.repeats is not None and args.repeats < 1:
        parser.error(f"--repeats must be at least 1; got {args.repeats}")
    results = run(
        quick=args.quick,
        dtype=args.dtype,
        repeats=args.repeats,
        use_torch=not args.no_torch,
        use_gpu=not args.no_gpu,
        blas_threads=args.blas_threads,
    )
    print(json.dumps(results, indent=2) if args.json else format_report(results))
    return 0


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


if __name__ == "__main__":
    code = _relaunch_with_quiet_blas_threads()
    sys.exit(main() if code is None else code)
