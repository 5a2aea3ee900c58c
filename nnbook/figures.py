"""The course's static figures, drawn with matplotlib: a neuron, a network, activation plots.

Every picture under ``imgs/nns/`` is made here, so it can be redrawn, checked by tests and
changed in one place. Regenerate them all (deterministically: fixed size, dpi and style, no
timestamps in the files) from the repository root with::

    python -m nnbook.figures            # writes into imgs/nns/
    python -m nnbook.figures some/dir   # or anywhere else

Beside the pictures, ``figures.json`` records what each one shows (:func:`describe`: lines,
colours, shapes, texts) and which :func:`renderer` drew them. Pixels change with the
matplotlib release (text rendering does), so tests compare pixels only under that renderer,
and compare what the figures show under any.

This module imports matplotlib, so ``import nnbook`` does not load it; import it explicitly
(``import nnbook.figures``). The colours are the Okabe-Ito palette, safe for colour-blind
readers.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from nnbook.figures import draw_architecture, draw_neuron, plot_activation
>>> ax = draw_architecture((3, 4, 2))
>>> len([line for line in ax.lines if line.get_gid() == "into-focus"])  # 3 inputs feed it
3
>>> ax = plot_activation("tanh")
>>> ax.get_xlabel()
'x'
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Patch, Rectangle

from nnbook.activations import Activation, get_activation
from nnbook.arrays import check_scalar
from nnbook.backend import to_numpy
from nnbook.files import write_atomically

# Okabe-Ito colours (distinguishable with every common kind of colour blindness).
RED = "#D55E00"  # vermillion: the boxed layer
BLUE = "#0072B2"  # the weights feeding one neuron
GREEN = "#009E73"  # bluish green: that neuron's outgoing connections
ORANGE = "#E69F00"  # a derivative
GREY = "#BBBBBB"  # every other connection
INK = "#333333"  # neuron outlines and text

#: Size and resolution of the saved figures (changing them changes every committed PNG).
DPI = 100
ARCHITECTURE_SIZE = (8.0, 5.0)
#: Horizontal distance between layers in the architecture drawing (neurons are 1 apart).
LAYER_SPACING = 2.4
ACTIVATION_SIZE = (6.0, 4.0)
#: The most x values :func:`plot_activation` evaluates (a picture needs far fewer).
MAX_POINTS = 100_000

#: LaTeX-like formulas (matplotlib mathtext) shown in the activation plots' titles.
FORMULAS = {
    "sigmoid": r"sigmoid: $\varphi(x) = \dfrac{1}{1 + e^{-x}}$",
    "tanh": r"tanh: $\varphi(x) = \dfrac{e^{x} - e^{-x}}{e^{x} + e^{-x}}$",
    "relu": r"ReLU: $\varphi(x) = \max(0,\ x)$",
    "leaky_relu": r"leaky ReLU: $\varphi(x) = x$ if $x \geq 0$, else $\alpha x$",
    "identity": r"identity: $\varphi(x) = x$",
}

#: What :func:`save_all` writes: file name -> (activation name, alpha) or the architecture.
#: Leaky ReLU is drawn with alpha = 0.1 so the leak is visible (0.01 looks just like ReLU).
ACTIVATION_FILES = {
    "sigmoid.png": ("sigmoid", None),
    "tanh.png": ("tanh", None),
    "relu.png": ("relu", None),
    "leaky-relu.png": ("leaky_relu", 0.1),
}
ARCHITECTURE_FILE = "NNArchitecture.png"
#: Every course figure, in the order :func:`save_all` writes them.
COURSE_FILES = (ARCHITECTURE_FILE, *ACTIVATION_FILES)
#: What the figures show and which renderer drew them, written beside them by :func:`save_all`.
RECORD_FILE = "figures.json"
#: :func:`describe` keeps this many evenly spaced points of a longer line (ends included).
SAMPLES = 21


def _check_sizes(sizes: Sequence[int]) -> list[int]:
    try:
        sizes = list(sizes)
    except TypeError:
        raise TypeError(
            f"sizes must be a sequence of neuron counts such as (4, 5, 5, 3); got {sizes!r}"
        ) from None
    good = all(
        isinstance(s, (int, np.integer)) and not isinstance(s, bool) and s > 0 for s in sizes
    )
    if len(sizes) < 2 or not good:
        raise ValueError(
            "sizes must list at least two positive integers (input layer, ..., output layer); "
            f"got {sizes}"
        )
    return [int(s) for s in sizes]


def _check_layer_index(value: int | None, n_layers: int, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{what} must be a layer index (an int) or None; got {value!r}")
    if not 0 <= value < n_layers:
        raise ValueError(
            f"{what} must be between 0 and {n_layers - 1} for a network of {n_layers} layers; "
            f"got {value}"
        )
    return int(value)


def _check_switch(value: bool, name: str) -> bool:
    """An on/off argument: ``"no"`` is true to Python, so only True and False are taken."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {value!r}")
    return bool(value)


def _check_labels(labels: Sequence[str] | None, n_layers: int) -> list[str]:
    if labels is None:
        return default_layer_labels(n_layers)
    if isinstance(labels, str):  # a string is a sequence too: of one-letter captions
        raise TypeError(
            "layer_labels must be a sequence of captions, one per layer (such as "
            f"{default_layer_labels(n_layers)}); got {labels!r}"
        )
    labels = list(labels)
    if len(labels) != n_layers:
        raise ValueError(
            f"layer_labels needs one caption per layer ({n_layers}); got {len(labels)}"
        )
    for k, label in enumerate(labels):
        if not isinstance(label, str):
            raise TypeError(f"layer_labels[{k}] must be a caption (a str); got {label!r}")
    return labels


def _check_x_range(x_range: tuple[float, float]) -> tuple[float, float]:
    """Two finite numbers, low < high, whose difference is finite too (np.linspace needs it)."""
    wrong_kind = f"x_range must be two real numbers (low, high); got {x_range!r}"
    if not isinstance(x_range, (Sequence, np.ndarray)) or len(x_range) != 2:
        raise TypeError(wrong_kind)
    try:
        low, high = (check_scalar(v, "x_range") for v in x_range)
    except TypeError:
        raise TypeError(wrong_kind) from None
    except ValueError:  # NaN or infinity
        low = high = math.nan
    if not (low < high and math.isfinite(high - low)):
        raise ValueError(
            f"x_range must be two finite numbers with low < high (high - low must be finite "
            f"too); got {x_range!r}"
        )
    return low, high


def _new_axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, dpi=DPI)
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")
    return ax


def default_layer_labels(n_layers: int) -> list[str]:
    """``Input layer``, ``Hidden layer 1``, ..., ``Output layer`` for ``n_layers`` layers.

    Examples
    --------
    >>> default_layer_labels(4)
    ['Input layer', 'Hidden layer 1', 'Hidden layer 2', 'Output layer']
    >>> default_layer_labels(3)
    ['Input layer', 'Hidden layer', 'Output layer']
    """
    hidden = n_layers - 2
    names = ["Hidden layer"] if hidden == 1 else [f"Hidden layer {k}" for k in range(1, hidden + 1)]
    return ["Input layer", *names, "Output layer"]


def neuron_positions(
    sizes: Sequence[int], spacing: float = LAYER_SPACING
) -> list[list[tuple[float, float]]]:
    """Centre ``(x, y)`` of every neuron: layer k is the column ``x = k * spacing``, top first.

    Each column is centred on ``y = 0``, one unit between neighbouring neurons.

    Examples
    --------
    >>> neuron_positions([2, 3], spacing=2.0)
    [[(0.0, 0.5), (0.0, -0.5)], [(2.0, 1.0), (2.0, 0.0), (2.0, -1.0)]]
    """
    return [
        [(k * float(spacing), (n - 1) / 2 - i) for i in range(n)]
        for k, n in enumerate(_check_sizes(sizes))
    ]


def draw_architecture(
    sizes: Sequence[int] = (4, 5, 5, 3),
    ax: Axes | None = None,
    highlight_layer: int | None = 1,
    focus_layer: int | None = 1,
    *,
    layer_labels: Sequence[str] | None = None,
    legend: bool = True,
) -> Axes:
    """Draw a fully connected network as columns of dots joined by every possible line.

    Each column is a layer and each dot a neuron; every neuron is connected to every
    neuron of the next layer (light grey lines). Three things are coloured:

    * the layer ``highlight_layer`` is boxed in red (vermillion);
    * the lines *feeding* the top neuron of layer ``focus_layer`` are blue: one per neuron
      of the layer before it, i.e. that neuron's weights;
    * the lines *leaving* that neuron are green: one per neuron of the next layer.

    The artists carry ids for tests and curious readers: ``get_gid()`` is ``"connection"``
    (grey), ``"into-focus"`` (blue), ``"out-of-focus"`` (green), ``"highlight-box"`` (the red
    rectangle) or ``"neuron"`` (a dot).

    Parameters
    ----------
    sizes : sequence of int
        Neurons per layer, the input layer first.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when omitted.
    highlight_layer : int or None
        Index of the layer to box (0 is the input layer); None draws no box.
    focus_layer : int or None
        Index of the layer whose top neuron gets the blue and green lines; it must have a
        layer before it (index >= 1). None colours no lines.
    layer_labels : sequence of str, optional
        One caption per layer; by default "Input layer", "Hidden layer ...", "Output layer".
    legend : bool
        Explain the three colours in a legend under the drawing.

    Returns
    -------
    matplotlib.axes.Axes
        The axes drawn on.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = draw_architecture((4, 5, 5, 3))
    >>> [sum(line.get_gid() == gid for line in ax.lines) for gid in ("into-focus", "out-of-focus")]
    [4, 5]
    """
    sizes = _check_sizes(sizes)
    n_layers = len(sizes)
    highlight_layer = _check_layer_index(highlight_layer, n_layers, "highlight_layer")
    focus_layer = _check_layer_index(focus_layer, n_layers, "focus_layer")
    if focus_layer == 0:
        raise ValueError(
            "focus_layer must be 1 or more: the input layer has no incoming weights to colour"
        )
    layer_labels = _check_labels(layer_labels, n_layers)
    legend = _check_switch(legend, "legend")
    ax = _new_axes(ax, ARCHITECTURE_SIZE)
    pos = neuron_positions(sizes)
    radius = 0.22

    # Connections: every neuron of layer k to every neuron of layer k + 1.
    for k in range(n_layers - 1):
        for i, (x0, y0) in enumerate(pos[k]):
            for j, (x1, y1) in enumerate(pos[k + 1]):
                if k + 1 == focus_layer and j == 0:
                    style = {"color": BLUE, "lw": 2.0, "zorder": 2, "gid": "into-focus"}
                elif k == focus_layer and i == 0:
                    style = {"color": GREEN, "lw": 2.0, "zorder": 2, "gid": "out-of-focus"}
                else:
                    style = {"color": GREY, "lw": 0.8, "zorder": 1, "gid": "connection"}
                ax.add_line(Line2D([x0, x1], [y0, y1], solid_capstyle="round", **style))

    # Neurons on top of the lines.
    for column in pos:
        for x, y in column:
            ax.add_patch(
                Circle((x, y), radius, facecolor="white", edgecolor=INK, lw=1.5, zorder=3)
            ).set_gid("neuron")

    top = max(sizes) / 2
    if highlight_layer is not None:
        n = sizes[highlight_layer]
        half_height = (n - 1) / 2 + radius + 0.2
        box = Rectangle(
            (highlight_layer * LAYER_SPACING - radius - 0.2, -half_height),
            2 * (radius + 0.2),
            2 * half_height,
            fill=False,
            edgecolor=RED,
            lw=2.5,
            zorder=4,
            gid="highlight-box",
        )
        ax.add_patch(box)

    for k, label in enumerate(layer_labels):
        ax.text(
            k * LAYER_SPACING, -top - 0.35, label, ha="center", va="top", fontsize=11, color=INK
        )

    if legend:
        handles = []
        if highlight_layer is not None:
            handles.append(
                Rectangle((0, 0), 1, 1, fill=False, edgecolor=RED, lw=2.5, label="one layer, boxed")
            )
        if focus_layer is not None:
            where = layer_labels[focus_layer].lower()
            handles.append(
                Line2D([], [], color=BLUE, lw=2, label=f"inputs of the top neuron of {where}")
            )
            if focus_layer < n_layers - 1:
                handles.append(Line2D([], [], color=GREEN, lw=2, label="outputs of that neuron"))
        if handles:
            ax.legend(
                handles=handles,
                loc="upper center",
                bbox_to_anchor=(0.5, 0.0),
                ncol=len(handles),
                frameon=False,
                fontsize=10,
            )

    ax.set_xlim(-0.9, (n_layers - 1) * LAYER_SPACING + 0.9)
    ax.set_ylim(-top - 0.95, top + 0.2)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


def plot_activation(
    name: str | Activation,
    ax: Axes | None = None,
    alpha: float = 0.01,
    x_range: tuple[float, float] = (-5, 5),
    derivative: bool = True,
    *,
    n_points: int = 1001,
) -> Axes:
    """Plot an activation function phi (solid) and its derivative phi' (dashed).

    The values come from :func:`nnbook.get_activation`, so the picture shows exactly the
    functions the course computes with. The lines carry ids ``"phi"`` and ``"derivative"``.

    Parameters
    ----------
    name : str or Activation
        ``"sigmoid"``, ``"tanh"``, ``"relu"``, ``"leaky_relu"`` (or ``"leaky-relu"``) or
        ``"identity"``; an unknown name raises ``ValueError`` listing the valid ones.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when omitted.
    alpha : float
        Leaky ReLU's slope for negative x when ``name`` is a string (ignored by the other
        functions).
    x_range : (float, float)
        The interval of x shown.
    derivative : bool
        Also draw phi' (dashed).
    n_points : int
        How many x values are evaluated (an odd count over a symmetric range includes 0).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_activation("relu", x_range=(-1, 1), n_points=5)
    >>> [line.get_ydata() for line in ax.lines if line.get_gid() == "phi"]
    [array([0. , 0. , 0. , 0.5, 1. ])]
    """
    phi = get_activation(name)
    if phi.name == "leaky_relu" and not isinstance(name, Activation):
        phi = get_activation(phi.name, alpha=alpha)
    low, high = _check_x_range(x_range)
    derivative = _check_switch(derivative, "derivative")
    n_points = check_scalar(n_points, "n_points", int, low=2, high=MAX_POINTS)
    ax = _new_axes(ax, ACTIVATION_SIZE)

    x = np.linspace(low, high, n_points)
    ax.axhline(0.0, color=GREY, lw=0.8, zorder=0)
    ax.axvline(0.0, color=GREY, lw=0.8, zorder=0)
    ax.plot(x, to_numpy(phi(x)), color=BLUE, lw=2.2, label=r"$\varphi(x)$", gid="phi")
    if derivative:
        ax.plot(
            x,
            to_numpy(phi.derivative(x)),
            color=ORANGE,
            lw=2.0,
            ls="--",
            label=r"$\varphi'(x)$ (its slope)",
            gid="derivative",
        )
    title = FORMULAS[phi.name]
    if phi.name == "leaky_relu":
        title += rf", $\alpha = {dict(phi.params)['alpha']:g}$"
    ax.set_title(title, fontsize=12, pad=16)  # room for the fractions below the baseline
    ax.set_xlabel("x")
    ax.set_ylabel("value")
    ax.set_xlim(low, high)
    ax.grid(True, color="#EEEEEE", lw=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", frameon=False)
    return ax


NEURON_SIZE = (7.0, 3.2)


def draw_neuron(n_inputs: int = 3, ax: Axes | None = None, *, symbols: bool = True) -> Axes:
    """Draw one neuron as its formula ``a = phi(x_1 w_1 + ... + x_n w_n + b)``, piece by piece.

    The inputs ``x_i`` sit on the left; each reaches the neuron along a blue line labelled
    with its weight ``w_i``; the neuron adds the products and the bias (a circle showing
    ``Σ + b``, the weighted sum z), passes z through phi (a box) and sends out its
    activation ``a``. Artists carry ids for tests: ``"input"``, ``"weight"`` (the blue
    lines), ``"sum"``, ``"activation"``, ``"output"``, ``"label"`` (every text).

    Parameters
    ----------
    n_inputs : int
        How many inputs (1 to 6 fit).
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when omitted.
    symbols : bool
        Write the symbols (``x_i``, ``w_i``, ``Σ``, ``b``, ``φ``, ``z``, ``a``) on the picture.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = draw_neuron(3)
    >>> sum(line.get_gid() == "weight" for line in ax.lines)
    3
    >>> sorted(t.get_text() for t in ax.texts if t.get_text().startswith("$w"))
    ['$w_1$', '$w_2$', '$w_3$']
    """
    if isinstance(n_inputs, bool) or not isinstance(n_inputs, (int, np.integer)):
        raise TypeError(f"n_inputs must be an integer from 1 to 6; got {n_inputs!r}")
    if not 1 <= n_inputs <= 6:
        raise ValueError(f"n_inputs must be an integer from 1 to 6; got {n_inputs}")
    ax = _new_axes(ax, NEURON_SIZE)
    radius, sum_xy, phi_xy, out_x = 0.22, (3.0, 0.0), (4.6, 0.0), 6.0
    ys = [(n_inputs - 1) / 2 - i for i in range(n_inputs)]

    def label(x: float, y: float, text: str, **style: object) -> None:
        if symbols:
            ax.text(x, y, text, ha="center", va="center", color=INK, gid="label", **style)

    for i, y in enumerate(ys, start=1):
        ax.add_patch(
            Circle(
                (0.0, y), radius, facecolor="white", edgecolor=INK, lw=1.5, zorder=3, gid="input"
            )
        )
        label(-0.55, y, f"$x_{i}$", fontsize=13)
        ax.add_line(
            Line2D([radius, sum_xy[0] - 0.5], [y, 0.0], color=BLUE, lw=2.0, zorder=2, gid="weight")
        )
        t = 0.45  # write w_i a little way along its line, above it
        label(t * (sum_xy[0] - 0.5) + 0.1, (1 - t) * y + 0.2, f"$w_{i}$", fontsize=12)

    ax.add_patch(Circle(sum_xy, 0.5, facecolor="white", edgecolor=INK, lw=1.8, zorder=3, gid="sum"))
    label(*sum_xy, r"$\Sigma\,+\,b$", fontsize=13, zorder=4)
    ax.add_patch(
        Rectangle(
            (phi_xy[0] - 0.35, -0.35),
            0.7,
            0.7,
            facecolor="white",
            edgecolor=INK,
            lw=1.8,
            zorder=3,
            gid="activation",
        )
    )
    label(*phi_xy, r"$\varphi$", fontsize=15, zorder=4)
    arrow = {"arrowstyle": "-|>", "color": INK, "lw": 1.5}
    ax.annotate("", xy=(phi_xy[0] - 0.37, 0), xytext=(sum_xy[0] + 0.52, 0), arrowprops=arrow)
    label((sum_xy[0] + phi_xy[0]) / 2, 0.25, "$z$", fontsize=12)
    ax.annotate("", xy=(out_x, 0), xytext=(phi_xy[0] + 0.37, 0), arrowprops=arrow, gid="output")
    label(out_x + 0.35, 0.0, "$a$", fontsize=14)
    label(
        3.0,
        -max(n_inputs / 2, 1.0) - 0.35,
        r"$a = \varphi(x_1 w_1 + \dots + x_n w_n + b)$",
        fontsize=13,
    )
    ax.set_xlim(-1.0, out_x + 0.8)
    ax.set_ylim(-max(n_inputs / 2, 1.0) - 0.7, max(n_inputs / 2, 1.0) + 0.1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


def renderer() -> dict[str, str]:
    """The versions that decide a saved figure's pixels: matplotlib and its FreeType.

    matplotlib draws the shapes itself and rasterises text with FreeType; a release that
    changes either (matplotlib 3.11's wheels moved from FreeType 2.6.1 to 2.14) moves the
    pixels of every letter, while what the figure shows stays the same.

    Examples
    --------
    >>> sorted(renderer())
    ['freetype', 'matplotlib']
    """
    from matplotlib import ft2font

    return {"matplotlib": matplotlib.__version__, "freetype": ft2font.__freetype_version__}


def _number(value: float) -> float:
    return round(float(value), 6) + 0.0  # + 0.0 turns -0.0 into 0.0


def _colour(value: Any) -> str:
    return to_hex(value, keep_alpha=True)


def _points(xs: Any, ys: Any) -> list[list[float]]:
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    keep = np.unique(np.linspace(0, len(xs) - 1, min(len(xs), SAMPLES)).round().astype(int))
    return [[_number(xs[i]), _number(ys[i])] for i in keep]


def _box(patch: Patch) -> list[float]:
    """(x0, y0, x1, y1) of the smallest upright rectangle around ``patch``, in data units."""
    box = patch.get_path().get_extents(patch.get_patch_transform())
    return [_number(v) for v in box.extents]


def _legend_colour(handle: Any) -> str:
    return _colour(handle.get_edgecolor() if isinstance(handle, Patch) else handle.get_color())


def describe(ax: Axes) -> dict[str, Any]:
    """What a drawing shows, as plain data that does not depend on the matplotlib release.

    Every line (id, colour, width, style, and its points: all of them, or ``SAMPLES`` evenly
    spaced ones of a longer curve), every shape (id, kind, colours, width, and its bounding box
    in data coordinates), every text, the title, axis labels and limits, the legend (labels
    and colours) and the picture's size in pixels. Numbers are rounded to 6 decimals.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> shown = describe(plot_activation("relu", x_range=(-1, 1), n_points=3))
    >>> [line["id"] for line in shown["lines"]]  # the two axes through 0, then phi and phi'
    [None, None, 'phi', 'derivative']
    >>> shown["lines"][2]["points"], shown["lines"][2]["colour"]
    ([[-1.0, 0.0], [0.0, 0.0], [1.0, 1.0]], '#0072b2ff')
    """
    fig = ax.get_figure()
    legend = ax.get_legend()
    return {
        "size_px": [round(v * fig.dpi) for v in fig.get_size_inches()],
        "axis_shown": ax.axison,
        "title": ax.get_title(),
        "xlabel": ax.get_xlabel(),
        "ylabel": ax.get_ylabel(),
        "xlim": [_number(v) for v in ax.get_xlim()],
        "ylim": [_number(v) for v in ax.get_ylim()],
        "lines": [
            {
                "id": line.get_gid(),
                "colour": _colour(line.get_color()),
                "width": _number(line.get_linewidth()),
                "style": line.get_linestyle(),
                "n_points": len(line.get_xdata()),
                "points": _points(line.get_xdata(), line.get_ydata()),
            }
            for line in ax.lines
        ],
        "shapes": [
            {
                "id": patch.get_gid(),
                "kind": type(patch).__name__,
                "face": _colour(patch.get_facecolor()),
                "edge": _colour(patch.get_edgecolor()),
                "width": _number(patch.get_linewidth()),
                "box": _box(patch),
            }
            for patch in ax.patches
        ],
        "texts": [
            {
                "text": text.get_text(),
                "at": [_number(v) for v in text.get_position()],
                "colour": _colour(text.get_color()),
                "size": _number(text.get_fontsize()),
            }
            for text in ax.texts
        ],
        "legend": []
        if legend is None
        else [
            {"label": text.get_text(), "colour": _legend_colour(handle)}
            for text, handle in zip(legend.get_texts(), legend.legend_handles, strict=True)
        ],
    }


def course_figure(filename: str, **changes: Any) -> Axes:
    """Draw the course figure that :func:`save_all` saves as ``filename``, on a new Figure.

    It is drawn as saved: matplotlib's default style whatever the user's settings, the
    fixed size and dpi. ``changes`` override the drawing function's arguments
    (:func:`draw_architecture` or :func:`plot_activation`), to try a variant.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = course_figure("leaky-relu.png")  # drawn with alpha = 0.1
    >>> float(ax.lines[2].get_ydata()[0])  # phi(-5) = 0.1 * -5
    -0.5
    >>> course_figure("NNArchitecture.png", highlight_layer=2).texts[2].get_text()
    'Hidden layer 2'
    """
    if filename == ARCHITECTURE_FILE:
        draw, size, kwargs = draw_architecture, ARCHITECTURE_SIZE, {}
    elif filename in ACTIVATION_FILES:
        name, alpha = ACTIVATION_FILES[filename]
        kwargs = {"name": name} if alpha is None else {"name": name, "alpha": alpha}
        draw, size = plot_activation, ACTIVATION_SIZE
    else:
        raise ValueError(
            f"filename must be one of the course figures {', '.join(COURSE_FILES)}; "
            f"got {filename!r}"
        )
    with plt.style.context("default"):
        # A Figure made directly (not through pyplot): no window, no global state.
        fig = Figure(figsize=size, dpi=DPI, layout="tight")
        ax = draw(ax=fig.add_subplot(), **{**kwargs, **changes})
        ax.get_ylim()  # autoscaling waits for the first look at the limits: settle them here
    return ax


def _save(fig: Figure, path: Path) -> None:
    """Write ``fig`` as a PNG at ``path`` atomically: an interrupted save (Ctrl-C, a full
    disk) leaves the old picture whole and no temporary file behind."""
    # No "Software" tag (it holds the matplotlib version): the bytes depend on the drawing only.
    write_atomically(
        path, lambda file: fig.savefig(file, format="png", dpi=DPI, metadata={"Software": None})
    )


def save_all(directory: str | Path = "imgs/nns") -> list[Path]:
    """Write every course figure, and the record of them, into ``directory``; return the paths.

    The files are ``NNArchitecture.png``, ``sigmoid.png``, ``tanh.png``, ``relu.png``,
    ``leaky-relu.png`` and ``figures.json``, which holds :func:`describe` of each picture, the
    :func:`renderer` that drew them and each picture's SHA-256 (tying the record to the files).
    The pictures are drawn by :func:`course_figure` and saved without metadata that changes
    from run to run, so running this twice gives the same files. Each file is replaced
    atomically: an interrupted run (Ctrl-C, a full disk) leaves every file either as it was or
    fully rewritten, never half written.

    The folder is created if it is missing. A folder path that cannot be one (empty, or a
    file already sits there or on the way) is refused before anything is drawn.

    Raises
    ------
    TypeError
        If ``directory`` is not a path (str or os.PathLike).
    ValueError
        If ``directory`` is the empty string.
    NotADirectoryError
        If ``directory``, or a folder on the way to it, is a file.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     print([p.name for p in save_all(tmp)])
    ['NNArchitecture.png', 'sigmoid.png', 'tanh.png', 'relu.png', 'leaky-relu.png', 'figures.json']
    """
    directory = _check_folder(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    record: dict[str, Any] = {"drawn_with": renderer(), "figures": {}, "sha256": {}}
    with plt.style.context("default"):
        for filename in COURSE_FILES:
            ax = course_figure(filename)
            written.append(directory / filename)
            _save(ax.get_figure(), written[-1])
            record["figures"][filename] = describe(ax)
            record["sha256"][filename] = hashlib.sha256(written[-1].read_bytes()).hexdigest()
    # One number pair or bounding box per line, so that a diff shows what moved.
    text = json.dumps(record, indent=1, sort_keys=True)
    text = re.sub(r"\[[^][{}\"]*\]", lambda m: json.dumps(json.loads(m.group())), text)
    written.append(directory / RECORD_FILE)
    written[-1].write_text(text + "\n", encoding="utf-8")
    return written


def _check_folder(directory: str | os.PathLike[str]) -> Path:
    """``directory`` as a Path if a folder can be there, else an error naming what is in the way."""
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(
            f"directory must be a folder path (str or os.PathLike), such as 'imgs/nns'; "
            f"got {directory!r}"
        )
    if os.fspath(directory) == "":
        raise ValueError("directory must name a folder; got '' (use '.' for the current folder)")
    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(
            f"cannot write the figures into {str(folder)!r}: it is a file, not a folder; "
            "give a folder (it is created if missing)"
        )
    for parent in folder.parents:
        if parent.exists():
            if not parent.is_dir():
                raise NotADirectoryError(
                    f"cannot write the figures into {str(folder)!r}: {str(parent)!r} is a file, "
                    "so no folder can be made inside it; choose another folder"
                )
            break
    return folder


def _folder_argument(text: str) -> Path:
    """argparse ``type=`` for DIR: the same checks as :func:`save_all`, as a usage error."""
    try:
        return _check_folder(text)
    except (ValueError, OSError) as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m nnbook.figures [DIR]`` (default ``imgs/nns``).

    An unknown flag or a DIR that cannot be a folder is a usage error (exit code 2, the
    message names it) before anything is drawn; a failure while writing (no permission,
    a full disk) prints its reason and exits with 1, leaving every figure whole.
    """
    parser = argparse.ArgumentParser(
        prog="python -m nnbook.figures",
        description="Draw every course figure (deterministically) into DIR.",
    )
    parser.add_argument(
        "directory",
        nargs="?",
        default="imgs/nns",
        type=_folder_argument,
        metavar="DIR",
        help="the folder to write into, created if missing (default: imgs/nns)",
    )
    args = parser.parse_args(argv)
    try:
        written = save_all(args.directory)
    except OSError as exc:
        parser.exit(1, f"{parser.prog}: error: {exc}\n")
    for path in written:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
