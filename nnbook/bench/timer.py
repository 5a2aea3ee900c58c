"""Interleaved timing: every contender runs once per repetition, in balanced orders.

A benchmark row compares several contenders (nnbook, raw NumPy, PyTorch, ...) on the same
input. Each repetition times every contender once, in the next of the
:func:`balanced_orders`, so that noise from the rest of the machine (another process, a
warm or cold cache, threads left spinning by the previous library) hits all of them
alike. The reported time is the median over the repetitions, per call.

A sample lasts about ``TARGET_SAMPLE_S`` (several calls when one is fast), a row stops
after ``ROW_BUDGET_S`` once it has ``MIN_REPEATS`` samples, and before each sample the
clock waits ``SETTLE_S`` (see :func:`time_interleaved` for why).
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from nnbook.arrays import check_scalar

__all__ = [
    "DEFAULT_REPEATS",
    "MIN_REPEATS",
    "ROW_BUDGET_S",
    "SETTLE_S",
    "TARGET_SAMPLE_S",
    "Contender",
    "balanced_orders",
    "time_interleaved",
]

TARGET_SAMPLE_S = 2e-3  # each timed sample runs a contender this long (several calls if fast)
ROW_BUDGET_S = 3.0  # stop repeating a row after this long, once it has MIN_REPEATS samples
MIN_REPEATS = 5
SETTLE_S = 0.02  # pause before each sample: the previous library's idle threads go to sleep
DEFAULT_REPEATS = 24  # a multiple of 6: each balanced order of three contenders 4 times


@dataclass
class Contender:
    """Something to time: ``run()`` does one call; ``sync()`` waits for a device to finish."""

    name: str
    run: Callable[[], Any]
    sync: Callable[[], Any] | None = None


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
    repeats = check_scalar(repeats, "repeats", int, low=1)
    names = [c.name for c in contenders]
    if not names:
        raise ValueError(f"time_interleaved needs at least one contender; got {names}")
    if len(set(names)) != len(names):  # the results are keyed by name: one would hide another
        raise ValueError(f"contenders need distinct names (one result each); got {names}")
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
