"""Widget latency: milliseconds from a control change to the new picture, per control.

``python -m nnbook.widgets --bench`` steps every control of every widget through values a
learner might pick, ``--repeats`` times each (30 by default) from the same starting state,
and times each change: recompute, redraw and render to PNG, all that happens before the
browser gets new bytes. ``redraws`` counts the updates that had to draw the static layer
(a view not seen recently); the others only blitted the changing artists over saved
pixels. For scale, each widget's current state is also re-plotted from scratch, a new
figure each time (what the in-place update avoids), and the table gives that full
re-plot's median as a multiple of the in-place median.
"""

from __future__ import annotations

import argparse
import io
import math
import statistics
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from nnbook.arrays import check_scalar
from nnbook.bench.options import number
from nnbook.data import load_moons, train_test_split
from nnbook.network import Network
from nnbook.recording import record_training
from nnbook.widgets.boundary import (
    PROBABILITY_MAP,
    DecisionBoundaryStepper,
    decision_boundary_stepper,
)
from nnbook.widgets.descent import (
    END_COLOUR,
    MINIMUM_COLOUR,
    PATH_COLOUR,
    LearningRateExplorer,
    learning_rate_explorer,
)
from nnbook.widgets.explorer import ActivationExplorer, activation_explorer
from nnbook.widgets.figure_widget import DPI, FigureWidget
from nnbook.widgets.playground import NeuronPlayground, neuron_playground
from nnbook.widgets.style import CLASS_COLOURS, CLASS_MARKERS, COLOURS, FOUR, LABELS

__all__ = ["benchmark", "main"]


def _control_values(
    explorer: ActivationExplorer,
    playground: NeuronPlayground,
    descent: LearningRateExplorer,
    stepper: DecisionBoundaryStepper,
) -> dict:
    """For each widget and control: the values a learner might step through."""
    steps = np.linspace(-2.5, 2.5, 11).round(1).tolist()
    return {
        "activation_explorer": {
            "function": (explorer, explorer.function, [*FOUR]),
            "also show tanh": (explorer, explorer.also["tanh"], [True, False]),
            "alpha": (explorer, explorer.alpha, [0.05, 0.1, 0.2, 0.3, 0.5, 0.8]),
            "x_range": (explorer, explorer.x_range, [(-5.0 - d, 5.0 - d) for d in steps]),
            "derivative": (explorer, explorer.derivative, [True, False]),
            "x": (explorer, explorer.x, steps),
        },
        "neuron_playground": {
            "activation": (playground, playground.activation, list(NeuronPlayground.ACTIVATIONS)),
            "w1": (playground, playground.w1, steps),
            "w2": (playground, playground.w2, steps),
            "b": (playground, playground.b, steps),
        },
        "learning_rate_explorer": {  # from crawling, through converging, to diverging
            "lr": (descent, descent.lr, [0.001, 0.003, 0.01, 0.03, 0.1, 0.2, 0.3, 0.4, 0.5, 1.0]),
            "steps": (descent, descent.steps, [5, 10, 20, 30, 50, 75, 100]),
        },
        "decision_boundary": {  # every third epoch, as a dragged slider passes them
            "epoch": (stepper, stepper.epoch, list(range(0, stepper.epoch.max + 1, 3))),
        },
    }


def _chapter_9_stepper() -> DecisionBoundaryStepper:
    """The decision-boundary stepper as chapter 9 would build it: 300 moons (a quarter held
    out), a 2-16-16-2 tanh network, 60 epochs recorded."""
    X, y = load_moons(n=300, noise=0.2, seed=0)
    X_train, X_val, y_train, y_val = train_test_split(X, y, test_fraction=0.25, seed=0)
    network = Network.from_sizes([2, 16, 16, 2], "tanh", output_activation="identity", seed=0)
    record = record_training(
        network, X_train, y_train, epochs=60, batch_size=16, lr=0.1, progress=False,
        X_val=X_val, y_val=y_val,
    )  # fmt: skip
    return decision_boundary_stepper(record, X_train, y_train, X_val, y_val)


def _time_updates(
    widget: FigureWidget, control: widgets.ValueWidget, values: list, repeats: int
) -> tuple[list[float], list[float]]:
    """Milliseconds per value change (recompute, redraw, PNG), split into updates that
    reused a saved static layer and those that had to draw it (first visits)."""
    blitted: list[float] = []
    redrawn: list[float] = []
    while len(blitted) + len(redrawn) < repeats:
        for value in values:
            if control.value == value or len(blitted) + len(redrawn) == repeats:
                continue
            full_draws = widget.full_draws
            start = time.perf_counter()
            control.value = value
            elapsed = (time.perf_counter() - start) * 1e3
            (redrawn if widget.full_draws > full_draws else blitted).append(elapsed)
    return blitted, redrawn


def _stats(times: list[float]) -> str:
    """``median p90`` in ms, or dashes when nothing was timed."""
    if not times:
        return f"{'-':>9} {'-':>7}"
    ordered = sorted(times)
    p90 = ordered[min(len(ordered) - 1, math.ceil(0.9 * len(ordered)) - 1)]
    return f"{statistics.median(ordered):9.1f} {p90:7.1f}"


def benchmark(repeats: int = 30) -> str:
    """Time every control of every widget in one run; return a printable table.

    Each control steps through typical values ``repeats`` times from the same
    starting state. ``redraws`` counts updates that drew the static layer (a view
    not seen recently); the rest only blitted the changing artists.

    Examples
    --------
    >>> print(benchmark(repeats=2).splitlines()[0])
    widget                 control      median ms  p90 ms  redraws
    """
    repeats = check_scalar(repeats, "repeats", int, low=1)
    explorer, playground = activation_explorer("leaky_relu", derivative=True), neuron_playground()
    descent = learning_rate_explorer()
    stepper = _chapter_9_stepper()
    replots = {
        "activation_explorer": (explorer, _full_plot_explorer),
        "neuron_playground": (playground, _full_plot_playground),
        "learning_rate_explorer": (descent, _full_plot_descent),
        "decision_boundary": (stepper, _full_plot_boundary),
    }
    rows = [
        f"{'widget':<22} {'control':<12} {'median ms':>9} {'p90 ms':>7} {'redraws':>8}",
    ]
    for widget_name, controls in _control_values(explorer, playground, descent, stepper).items():
        every: list[float] = []
        every_redrawn: list[float] = []
        for control_name, (widget, control, values) in controls.items():
            start = control.value
            blitted, redrawn = _time_updates(widget, control, values, repeats)
            control.value = start  # each control is timed from the same starting state
            times = blitted + redrawn
            every += times
            every_redrawn += redrawn
            rows.append(
                f"{widget_name:<22} {control_name:<12} {_stats(times)} "
                f"{len(redrawn):>4}/{len(times):<3}"
            )
        widget, replot = replots[widget_name]
        full = [_timed(partial(replot, widget)) for _ in range(max(5, repeats // 3))]
        median = statistics.median(every)
        full_median = statistics.median(full)
        rows += [
            f"{widget_name:<22} {'all controls':<12} {_stats(every)}",
            f"{widget_name:<22} {'redraws only':<12} {_stats(every_redrawn)}",
            f"{widget_name:<22} {'full replot':<12} {_stats(full)}   "
            f"(a new figure each time: {full_median / median:.1f}x the in-place median)",
        ]
    return "\n".join(rows)


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1e3


def _full_plot_explorer(explorer: ActivationExplorer) -> bytes:
    """Re-plot the explorer's current state from scratch (what we avoid)."""
    lo, hi = explorer.x_range.value
    fig = Figure(figsize=(6.4, 3.6), dpi=DPI)
    fig.subplots_adjust(left=0.09, right=0.97, bottom=0.14, top=0.86)
    ax = fig.add_subplot()
    xs = np.linspace(lo, hi, explorer.n_points)
    for name in explorer.shown():
        phi = explorer.activation(name)
        ax.plot(xs, phi(xs), color=COLOURS[name], lw=2.2, label=LABELS[name])
        if explorer.derivative.value:
            ax.plot(xs, phi.derivative(xs), color=COLOURS[name], ls="--", label=LABELS[name] + "'")
        x0 = np.array([explorer.x.value])
        ax.plot(x0, phi(x0), "o", color=COLOURS[name])
    ax.axvline(explorer.x.value, color="0.35", ls=":")
    ax.set(xlabel="x", ylabel="φ(x)", title=explorer.title())
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=4, frameon=False)
    return _png_bytes(fig)


def _full_plot_playground(playground: NeuronPlayground) -> bytes:
    """Re-plot the playground's current state from scratch (what we avoid)."""
    e = playground.extent
    fig = Figure(figsize=(5.4, 4.3), dpi=DPI)
    ax = fig.add_axes((0.11, 0.15, 0.62, 0.77))
    z = playground.w1.value * playground.x1 + playground.w2.value * playground.x2
    image = ax.imshow(playground.phi()(z + playground.b.value), origin="lower",
                      extent=(-e, e, -e, e), cmap="viridis")  # fmt: skip
    cax = fig.add_axes((0.77, 0.15, 0.03, 0.77))
    fig.colorbar(image, cax=cax).set_label("neuron output φ(z)")
    ax.plot(*playground.decision_line.get_data(), color="white")
    ax.set(xlim=(-e, e), ylim=(-e, e), xlabel="input x1", ylabel="input x2")
    return _png_bytes(fig)


def _full_plot_descent(explorer: LearningRateExplorer) -> bytes:
    """Re-plot the learning-rate explorer's current state from scratch (what we avoid)."""
    fit, lr, steps = explorer.fit, explorer.lr.value, explorer.steps.value
    fig = Figure(figsize=(9.6, 4.2), dpi=DPI)
    ax = fig.add_axes((0.07, 0.12, 0.40, 0.72))
    loss_ax = fig.add_axes((0.60, 0.12, 0.37, 0.72))
    surface = fit.loss(explorer.grid_w, explorer.grid_b)
    contours = ax.contour(explorer.grid_w, explorer.grid_b, surface,
                          levels=explorer.contours.levels, cmap="viridis")  # fmt: skip
    ax.clabel(contours, fontsize=7, fmt="%.2g")
    run = fit.descend(explorer.start, lr, steps)
    ax.plot(*fit.minimum(), "*", color=MINIMUM_COLOUR, mfc="white", ms=14, label="minimum")
    ax.plot(run.path[:, 0], run.path[:, 1], "o-", color=PATH_COLOUR, ms=3.5, label="path")
    ax.plot(run.path[-1:, 0], run.path[-1:, 1], "o", color=END_COLOUR, ms=9, label="end")
    ax.set(xlim=explorer.ax.get_xlim(), ylim=explorer.ax.get_ylim(), xlabel="slope w",
           ylabel="intercept b")  # fmt: skip
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=3, frameon=False, fontsize=8)
    loss_ax.plot(np.arange(len(run.losses)), run.losses, "o-", color=PATH_COLOUR, ms=3)
    loss_ax.axhline(explorer.minimum_loss, color=MINIMUM_COLOUR, ls="--")
    loss_ax.set(yscale="log", ylim=explorer.loss_ax.get_ylim(), xlim=(0, explorer.steps.max),
                xlabel="step", ylabel="loss L(w, b), log scale")  # fmt: skip
    fig.suptitle(explorer.title())
    return _png_bytes(fig)


def _full_plot_boundary(stepper: DecisionBoundaryStepper) -> bytes:
    """Re-plot the stepper's current epoch from scratch: the network's probabilities over
    the grid, the contour, the points, the colour bar and the legend (what we avoid)."""
    network = stepper.networks[stepper.epoch.value]
    x1, x2 = np.meshgrid(stepper.x1_grid, stepper.x2_grid)
    z = network.forward(np.column_stack([x1.ravel(), x2.ravel()]))
    probability = (1.0 / (1.0 + np.exp(z[:, 0] - z[:, 1]))).reshape(x1.shape)
    fig = Figure(figsize=stepper.figure.get_size_inches(), dpi=DPI)
    ax = fig.add_axes(stepper.ax.get_position())
    image = ax.imshow(probability, origin="lower", extent=stepper.heatmap.get_extent(),
                      cmap=PROBABILITY_MAP, vmin=0.0, vmax=1.0, aspect="auto")  # fmt: skip
    ax.contour(x1, x2, probability, levels=[0.5], colors="black", linewidths=2.0)
    for X, y in stepper.data:
        for label in (0, 1):
            rows = X[y == label]
            ax.plot(rows[:, 0], rows[:, 1], CLASS_MARKERS[label], color=CLASS_COLOURS[label],
                    mec="black", label=f"class {label}")  # fmt: skip
    cax = fig.add_axes(stepper.colorbar.ax.get_position())
    fig.colorbar(image, cax=cax).set_label("P(class 1), the network's output")
    ax.set(xlabel="x1", ylabel="x2", title=stepper.stage(stepper.epoch.value))
    fig.legend(loc="upper center", ncols=3, frameon=False)
    return _png_bytes(fig)


def _png_bytes(fig: Figure) -> bytes:
    """A freshly made figure as PNG bytes, the way a full re-plot would show it."""
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: ``python -m nnbook.widgets --bench [--repeats N]``."""
    parser = argparse.ArgumentParser(
        prog="python -m nnbook.widgets", description="Latency of the nnbook widgets."
    )
    parser.add_argument("--bench", action="store_true", help="time every control of every widget")
    parser.add_argument(
        "--repeats", type=number(int, low=1), default=30, help="updates timed per control"
    )
    args = parser.parse_args(argv)
    if not args.bench:
        parser.print_help()
        return 0
    print(benchmark(args.repeats))
    return 0
