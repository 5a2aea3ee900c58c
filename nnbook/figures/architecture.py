"""The network diagram: columns of dots, every dot joined to every dot of the next column.

Chapter 2's figure ``imgs/nns/NNArchitecture.png``: one layer boxed, the weights into one
neuron blue, that neuron's outgoing connections green.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> ax = draw_architecture((3, 4, 2))
>>> len([line for line in ax.lines if line.get_gid() == "into-focus"])  # 3 inputs feed it
3
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Rectangle

from nnbook.figures.style import BLUE, GREEN, GREY, INK, RED, _check_switch, _new_axes

ARCHITECTURE_SIZE = (8.0, 5.0)


#: Horizontal distance between layers in the architecture drawing (neurons are 1 apart).
LAYER_SPACING = 2.4


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
