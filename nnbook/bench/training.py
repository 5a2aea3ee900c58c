"""Benchmark: wall time to reach a test accuracy on the 8x8 digits, nnbook vs scikit-learn.

Run it with::

    python -m nnbook.bench_training            # defaults: 97% test accuracy, 5 repeats
    python -m nnbook.bench_training --help

Both libraries train the same architecture (64 inputs, one ReLU hidden layer, 10 outputs
with softmax cross-entropy) on the same seeded stratified split, in float64, and both
are checked the same way: after every epoch the test accuracy is measured, and the clock
stops at the end of the first epoch that reaches the target. The time includes creating
the network, every epoch and every per-epoch evaluation. scikit-learn's
``MLPClassifier`` is trained epoch by epoch with ``partial_fit`` (one pass over the data
per call), in two configurations:

* ``sklearn-sgd``: the very algorithm nnbook runs (SGD, same batch size, learning rate and
  momentum, no Nesterov, no L2 penalty);
* ``sklearn-adam``: scikit-learn's defaults (Adam, learning rate 0.001, batches of 200,
  L2 penalty 1e-4), which is what most people would use.

Repeat r uses seed r for both libraries (initial weights and shuffling); the script prints
the median over the repeats and the ratio of medians, sklearn's best over nnbook.
It also times a fixed number of epochs without any evaluation (pure training speed).

Timings are wall-clock. Both libraries use the same BLAS, limited by default to one
thread: the matrices here are tiny, and on a busy machine multi-threaded BLAS mostly
adds noise (threads wait for cores; we measured the ratio swing from 2x to 11x between
two runs). ``--blas-threads 0`` leaves BLAS's own choice.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np

import nnbook
from nnbook.bench.machine import add_blas_threads_option, limit_blas_threads
from nnbook.bench.options import device_setting_error, number
from nnbook.data import load_digits_split
from nnbook.network import Network
from nnbook.training import TrainingDivergedError, fit


def _nnbook_run(split: Any, args: argparse.Namespace, seed: int) -> tuple[float, int, float]:
    """(seconds to target or to max_epochs, epochs run, last test accuracy).

    A run whose loss blows up (too large a learning rate for this seed) never reaches the
    target: (inf, max_epochs, nan), and the benchmark goes on.
    """
    start = time.perf_counter()
    net = Network.from_sizes([64, args.hidden, 10], "relu", output_activation="identity", seed=seed)
    try:
        history = fit(
            net,
            split.X_train,
            split.y_train,
            epochs=args.max_epochs,
            batch_size=args.batch_size,
            lr=args.lr,
            seed=seed,
            progress=False,
            X_val=split.X_test,
            y_val=split.y_test,
            momentum=args.momentum,
            target_accuracy=args.target,
        )
    except TrainingDivergedError:
        return math.inf, args.max_epochs, math.nan
    return time.perf_counter() - start, history.epochs, history.val_accuracy[-1]


def _sklearn_model(kind: str, args: argparse.Namespace, seed: int) -> Any:
    from sklearn.neural_network import MLPClassifier

    if kind == "sklearn-sgd":
        return MLPClassifier(
            (args.hidden,),
            solver="sgd",
            batch_size=args.batch_size,
            learning_rate_init=args.lr,
            momentum=args.momentum,
            nesterovs_momentum=False,
            alpha=0.0,
            random_state=seed,
        )
    return MLPClassifier((args.hidden,), random_state=seed)  # Adam, lr 1e-3, batch 200


def _sklearn_run(
    kind: str, split: Any, args: argparse.Namespace, seed: int
) -> tuple[float, int, float]:
    classes = np.arange(10)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ConvergenceWarning and friends
        start = time.perf_counter()
        model = _sklearn_model(kind, args, seed)
        acc, epochs = 0.0, 0
        for epochs in range(1, args.max_epochs + 1):  # noqa: B007 (epochs is used below)
            model.partial_fit(split.X_train, split.y_train, classes=classes)
            acc = float(model.score(split.X_test, split.y_test))
            if acc >= args.target:
                break
        return time.perf_counter() - start, epochs, acc


def _throughput(split: Any, args: argparse.Namespace, kind: str) -> float:
    """Seconds for ``args.fixed_epochs`` epochs of training, no evaluation at all (inf when
    nnbook's loss blows up before the end)."""
    n = args.fixed_epochs
    start = time.perf_counter()
    if kind == "nnbook":
        net = Network.from_sizes([64, args.hidden, 10], "relu", output_activation="identity")
        try:
            fit(
                net,
                split.X_train,
                split.y_train,
                n,
                args.batch_size,
                args.lr,
                0,
                progress=False,
                momentum=args.momentum,
            )
        except TrainingDivergedError:
            return math.inf
    else:
        model = _sklearn_model(kind, args, 0)
        model.set_params(max_iter=n, tol=0.0, n_iter_no_change=n + 1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.fit(split.X_train, split.y_train)
    return time.perf_counter() - start


KINDS = ("nnbook", "sklearn-sgd", "sklearn-adam")


def main(argv: Sequence[str] | None = None) -> dict[str, dict[str, float]]:
    """Run the benchmark, print a table and the ratio, and return the medians per library."""
    parser = argparse.ArgumentParser(
        prog="python -m nnbook.bench_training",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    count, seed = number(int, low=1), number(int, low=0)
    fraction = number(float, low=0, high=1, include_low=False, include_high=False)
    flag = parser.add_argument
    flag("--target", type=number(float, low=0, high=1, include_low=False), default=0.97,
         help="test accuracy to reach, in (0, 1]")  # fmt: skip
    flag("--repeats", type=count, default=5, help="runs per library (seeds 0..)")
    flag("--hidden", type=number(int, low=1, high=100_000), default=128,
         help="neurons in the hidden layer (up to 100000)")  # fmt: skip
    flag("--batch-size", type=count, default=16)
    flag("--lr", type=number(float, low=0, include_low=False), default=0.05)
    flag("--momentum", type=number(float, low=0, high=1, include_high=False), default=0.9)
    flag("--max-epochs", type=count, default=200)
    flag("--fixed-epochs", type=count, default=20, help="for the throughput table")
    flag("--split-seed", type=seed, default=0)
    flag("--test-fraction", type=fraction, default=0.25)
    add_blas_threads_option(parser)
    args = parser.parse_args(argv)
    if (problem := device_setting_error()) is not None:
        parser.error(problem)
    split = _load_split(parser, args)
    with limit_blas_threads(args.blas_threads):
        return _run(args, split)


def _load_split(parser: argparse.ArgumentParser, args: argparse.Namespace) -> Any:
    """The digits split the flags ask for; a usage error if it leaves a side empty."""
    try:
        split = load_digits_split(test_fraction=args.test_fraction, seed=args.split_seed)
    except ImportError as exc:  # scikit-learn, which ships the digits, is missing
        parser.exit(1, f"{parser.prog}: error: {exc}\n")
    sides = (("training", split.y_train, "smaller"), ("test", split.y_test, "larger"))
    for side, rows, advice in sides:
        if len(rows) == 0:
            parser.error(
                f"argument --test-fraction: {args.test_fraction:g} leaves 0 {side} rows of the "
                f"{len(split.y_train) + len(split.y_test)} digits; choose a {advice} fraction, "
                "such as 0.25"
            )
    return split


def _run(args: argparse.Namespace, split: Any) -> dict[str, dict[str, float]]:
    print(
        f"8x8 digits: {len(split.y_train)} train / {len(split.y_test)} test (split seed "
        f"{args.split_seed}); network 64-{args.hidden}-10 ReLU, float64; target test accuracy "
        f"{args.target:.1%}; nnbook on {nnbook.device()}"
    )
    print(
        f"SGD settings (nnbook and sklearn-sgd): batch {args.batch_size}, lr {args.lr}, "
        f"momentum {args.momentum}; {args.repeats} repeats, seeds 0..{args.repeats - 1}; "
        f"BLAS threads: {args.blas_threads or 'BLAS default'}\n"
    )
    results: dict[str, dict[str, float]] = {}
    print(f"{'library':14s} {'median s':>9s} {'median epochs':>14s} {'reached':>8s}  runs (s)")
    for kind in KINDS:
        runs = []
        for seed in range(args.repeats):
            if kind == "nnbook":
                runs.append(_nnbook_run(split, args, seed))
            else:
                runs.append(_sklearn_run(kind, split, args, seed))
        seconds = [r[0] for r in runs]
        reached = sum(r[2] >= args.target for r in runs)
        results[kind] = {
            "median_seconds": statistics.median(seconds),
            "median_epochs": statistics.median(r[1] for r in runs),
            "reached": reached,
            "diverged": sum(math.isinf(s) for s in seconds),
        }
        shown = " ".join(f"{s:.3f}" for s in seconds)
        print(
            f"{kind:14s} {results[kind]['median_seconds']:9.3f} "
            f"{results[kind]['median_epochs']:14.1f} {reached:5d}/{args.repeats}  {shown}"
        )

    print(f"\nPure training speed, {args.fixed_epochs} epochs, no evaluation (median of 3):")
    for kind in KINDS:
        t = statistics.median(_throughput(split, args, kind) for _ in range(3))
        results[kind]["fixed_epochs_seconds"] = t
        per_epoch = (
            f"{1000 * t / args.fixed_epochs:.2f} ms per epoch"
            if t < math.inf
            else ("diverged: its loss blew up")
        )
        print(f"{kind:14s} {t:9.3f} s  ({per_epoch})")

    ours = results["nnbook"]["median_seconds"]
    best = min(("sklearn-sgd", "sklearn-adam"), key=lambda k: results[k]["median_seconds"])
    ratio = results[best]["median_seconds"] / ours
    short = [k for k in KINDS if results[k]["reached"] < args.repeats]
    note = (
        f"\n(not every run of {', '.join(short)} reached the target within {args.max_epochs} "
        "epochs; such runs count with their time to max-epochs)"
        if short
        else ""
    )
    if diverged := results["nnbook"]["diverged"]:
        note += (
            f"\n(nnbook diverged in {diverged} of {args.repeats} runs: its loss blew up, lr "
            f"{args.lr} is too large for those seeds; such runs count as never reaching the "
            "target, inf s)"
        )
    print(
        f"\nTime to {args.target:.1%}: {best} (the faster scikit-learn setting) / nnbook = "
        f"{ratio:.2f}x{note}"
    )
    results["ratio"] = {"best_sklearn_over_nnbook": ratio}
    return results


if __name__ == "__main__":
    main()
