"""The benchmark's sections, row by row, and the speed targets they are judged by.

* :func:`forward_rows`: a layer (784->256, ReLU) and a 784-256-128-10 ReLU network, forward
  pass, at batch sizes 1, 64, 1024 and 4096: nnbook against the raw NumPy expression (and
  against PyTorch on the CPU when it is installed). Ratios are nnbook's median time divided
  by the other's (below 1: nnbook is faster); GFLOP/s divides :func:`~nnbook.bench.contenders.gflop`
  by the median time.
* :func:`neuron_rows`: the loop of neurons against the matrix form (one
  :class:`~nnbook.Layer`): the speed-up chapter 3 teaches.
* :func:`gpu_section`: on a usable GPU, nnbook on CuPy against nnbook on the CPU, with and
  without copying the batch to the device and the answer back, the batch size from which
  the GPU wins, and nnbook against raw CuPy. Without a GPU it says why it was skipped.
* :func:`check_targets`: each target is a limit on the worst ratio over the rows it covers.

Before a row is timed, every contender's answer is compared with the NumPy expression's
(``agree`` in the row). Each row calls ``progress`` with its label once it is done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import numpy as np

import nnbook
from nnbook import backend
from nnbook.bench.contenders import (
    _max_abs_diff,
    _model_name,
    _tolerance,
    cupy_forward,
    gflop,
    make_input,
    make_parameters,
    neuron_loop,
    nnbook_model,
    numpy_forward,
    torch_forward,
)
from nnbook.bench.timer import Contender, time_interleaved

__all__ = [
    "BATCHES",
    "GPU_BATCHES",
    "LAYER_SIZES",
    "NETWORK_SIZES",
    "NEURON_BATCHES",
    "QUICK_BATCHES",
    "QUICK_LAYER_SIZES",
    "QUICK_NETWORK_SIZES",
    "QUICK_NEURON_BATCHES",
    "Progress",
    "check_targets",
    "forward_rows",
    "gpu_section",
    "gpu_skip_reason",
    "neuron_rows",
]

LAYER_SIZES = (784, 256)
NETWORK_SIZES = (784, 256, 128, 10)
BATCHES = (1, 64, 1024, 4096)
NEURON_BATCHES = (1, 64, 1024)
GPU_BATCHES = (1, 64, 1024, 4096, 16384)
QUICK_BATCHES = (1, 8, 64)
QUICK_LAYER_SIZES = (32, 16)  # --quick: tiny models, so that it is a smoke test in a second
QUICK_NETWORK_SIZES = (32, 16, 8, 4)
QUICK_NEURON_BATCHES = (1, 8)

Progress = Callable[[str], Any] | None  # called with a label after each finished row


def _step(progress: Progress, label: str) -> None:
    if progress is not None:
        progress(label)


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
    stand-in module to check the section's structure on machines without a GPU.) A GPU
    that fails midway (out of memory, a missing CUDA library) skips the section too,
    saying what failed, so the CPU sections measured before it are still reported.
    """
    if cp is None:
        if not nnbook.gpu_available():
            return {"skipped": True, "reason": gpu_skip_reason()}
        import cupy as cp
    rows: list[dict[str, Any]] = []
    try:
        for row in _gpu_rows(batches, dtype, repeats, quick, cp, sizes):
            rows.append(row)
            _step(progress, f"GPU, batch {row['batch']}")
    except Exception as exc:  # whatever CuPy raises: keep the results measured so far
        first_line = (str(exc).strip().splitlines() or [""])[0]
        return {
            "skipped": True,
            "reason": f"the GPU section failed after {len(rows)} of {len(batches)} rows "
            f"({type(exc).__name__}: {first_line}); the CPU results are complete",
        }
    return {
        "skipped": False,
        "device": backend._gpu_name(cp) if hasattr(cp, "cuda") else "GPU",
        "model": _model_name(sizes),
        "rows": rows,
        "crossover_batch": _crossover(rows, "gpu+transfers/cpu"),
        "crossover_batch_resident": _crossover(rows, "gpu/cpu"),
    }


def _gpu_rows(
    batches: Sequence[int], dtype: Any, repeats: int, quick: bool, cp: Any, sizes: Sequence[int]
) -> Iterator[dict[str, Any]]:
    """The GPU section's rows, one per batch, as each is measured."""
    device = cp.cuda.Device()
    sync = device.synchronize
    weights, biases = make_parameters(sizes, dtype)
    reference = numpy_forward(weights, biases)
    cpu_model = nnbook_model(weights, biases)
    d_weights = [cp.asarray(W) for W in weights]
    d_biases = [cp.asarray(b) for b in biases]
    gpu_model = nnbook_model(d_weights, d_biases)
    raw = cupy_forward(d_weights, d_biases, cp)
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
        yield {
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
