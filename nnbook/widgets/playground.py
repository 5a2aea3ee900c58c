"""The neuron playground: a 2-input neuron's output phi(w1 x1 + w2 x2 + b) over the plane.

Every point of the input plane is an input (x1, x2), so a heat map paints the neuron's
output everywhere at once, and the white decision line marks where the weighted sum is
zero, ``w1 x1 + w2 x2 + b = 0``: ``x2 = -(w1 x1 + b) / w2``, or the vertical line
``x1 = -b / w1`` when ``w2 = 0``, and no line at all when both weights are 0. Sliders set
w1, w2 and b; a menu picks phi. Bounded activations keep a fixed colour scale (sigmoid
[0, 1], tanh [-1, 1]); unbounded ones get a scale rounded out to 1, 2, 5, 10, ... so that
it changes only now and then while a slider moves.

Examples
--------
>>> playground = neuron_playground("sigmoid", w1=1.0, w2=1.0, b=-1.0)
>>> playground.heatmap.get_clim()
(0.0, 1.0)
"""

from __future__ import annotations

import math
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from nnbook.activations import Activation, get_activation
from nnbook.arrays import check_scalar
from nnbook.widgets.figure_widget import DPI, FigureWidget
from nnbook.widgets.style import FOUR, LABELS, _key

__all__ = ["MAX_EXTENT", "MAX_RESOLUTION", "WEIGHT_LIMIT", "NeuronPlayground", "neuron_playground"]

WEIGHT_LIMIT = 3.0  # the w1, w2 and b sliders span [-WEIGHT_LIMIT, WEIGHT_LIMIT]
MAX_EXTENT = 1e6  # the input plane's half-width at most (beyond it w1*x1 + w2*x2 may overflow)
MAX_RESOLUTION = 2000  # grid points per axis at most (121 by default)


class NeuronPlayground(FigureWidget):
    """A 2-input neuron ``phi(w1 x1 + w2 x2 + b)`` as a heat map over the input plane.

    Build it with :func:`neuron_playground`. Controls: ``w1``, ``w2``, ``b`` (sliders)
    and ``activation`` (dropdown). Artists, updated in place: ``heatmap`` (an imshow
    whose row i, column j is the output at ``x2 = grid[i]``, ``x1 = grid[j]``),
    ``colorbar``, and ``decision_line`` where ``w1 x1 + w2 x2 + b = 0``.
    """

    ACTIVATIONS: tuple[str, ...] = (*FOUR, "identity")
    LEAKY_ALPHA = 0.1

    def __init__(
        self,
        activation: str = "sigmoid",
        *,
        w1: float = 1.0,
        w2: float = 1.0,
        b: float = -1.0,
        extent: float = 3.0,
        resolution: int = 121,
    ) -> None:
        activation = _key(activation, "activation")
        if activation not in self.ACTIVATIONS:
            raise ValueError(
                f"activation must be one of {', '.join(self.ACTIVATIONS)}; got {activation!r}"
            )
        w1, w2, b = (
            check_scalar(value, name, low=-WEIGHT_LIMIT, high=WEIGHT_LIMIT)  # the sliders' range
            for name, value in (("w1", w1), ("w2", w2), ("b", b))
        )
        extent = check_scalar(extent, "extent", low=0, high=MAX_EXTENT, include_low=False)
        resolution = check_scalar(resolution, "resolution", int, low=2, high=MAX_RESOLUTION)

        style = {"description_width": "60px"}
        self.activation = widgets.Dropdown(
            options=[
                (f"leaky ReLU (α = {self.LEAKY_ALPHA})" if k == "leaky_relu" else LABELS[k], k)
                for k in self.ACTIVATIONS
            ],
            value=activation,
            description="φ",
            style=style,
        )
        slider = dict(min=-WEIGHT_LIMIT, max=WEIGHT_LIMIT, step=0.1, style=style)
        self.w1 = widgets.FloatSlider(value=w1, description="w1", **slider)
        self.w2 = widgets.FloatSlider(value=w2, description="w2", **slider)
        self.b = widgets.FloatSlider(value=b, description="bias b", **slider)

        self.grid = np.linspace(-extent, extent, resolution)
        self.x1, self.x2 = np.meshgrid(self.grid, self.grid)  # x1 varies along columns
        self.extent = float(extent)

        figure = Figure(figsize=(5.4, 4.3), dpi=DPI)
        ax = figure.add_axes((0.11, 0.15, 0.62, 0.77))  # fixed: no layout engine to rerun
        self.ax = ax
        self.heatmap = ax.imshow(
            np.zeros_like(self.x1),
            origin="lower",
            extent=(-extent, extent, -extent, extent),
            cmap="viridis",
            interpolation="nearest",
            aspect="equal",
        )
        self.colorbar = figure.colorbar(self.heatmap, cax=figure.add_axes((0.77, 0.15, 0.03, 0.77)))
        self.colorbar.set_label("neuron output φ(z)")
        # The decision line twice: a wide dark stroke under a thin white one, visible on
        # every colour of the map.
        (self._line_edge,) = ax.plot([], [], color="black", lw=3.2)
        (self.decision_line,) = ax.plot([], [], color="white", lw=1.6)
        ax.set_xlim(-extent, extent)
        ax.set_ylim(-extent, extent)
        ax.set_xlabel("input x1")
        ax.set_ylabel("input x2")
        figure.text(
            0.42, 0.015, "white line: w1·x1 + w2·x2 + b = 0, the decision line", ha="center",
            va="bottom", fontsize=9,
        )  # fmt: skip
        # Redrawn on every update, over the saved static layer; the spines go on top
        # again so the heat map never hides the frame.
        self._dynamic = [self.heatmap, self._line_edge, self.decision_line, ax.title]
        for artist in self._dynamic:
            artist.set_animated(True)
        self._dynamic += list(ax.spines.values())

        super().__init__(figure, [self.activation, self.w1, self.w2, self.b])
        self.update()

    def phi(self) -> Activation:
        """nnbook's activation chosen in the dropdown."""
        name = self.activation.value
        return get_activation(name, alpha=self.LEAKY_ALPHA if name == "leaky_relu" else None)

    def redraw(self) -> None:
        w1, w2, b = self.w1.value, self.w2.value, self.b.value
        z = w1 * self.x1 + w2 * self.x2 + b
        out = self.phi()(z)
        self.heatmap.set_data(out)
        name = self.activation.value
        if name == "sigmoid":
            low, high = 0.0, 1.0
        elif name == "tanh":
            low, high = -1.0, 1.0
        else:  # unbounded: the colours span what is on screen, rounded out to 1, 2, 5, 10...
            low, high = -_round_up(-float(out.min())), _round_up(float(out.max()))
            high = max(high, low + 1.0)  # all outputs equal (say all 0): still a scale
        self.heatmap.set_clim(low, high)

        e = self.extent
        if abs(w2) > 1e-12:  # x2 = -(w1 x1 + b) / w2
            x1s = np.array([-e, e])
            line = (x1s, -(w1 * x1s + b) / w2)
        elif abs(w1) > 1e-12:  # vertical: x1 = -b / w1
            line = (np.full(2, -b / w1), np.array([-e, e]))
        else:  # w1 = w2 = 0: z = b everywhere, no line
            line = (np.array([]), np.array([]))
        for artist in (self._line_edge, self.decision_line):
            artist.set_data(*line)
        self.ax.set_title(
            f"{LABELS[name]}(z),  z = {w1:.1f}·x1 {_signed(w2)}·x2 {_signed(b)}", fontsize=11
        )

    def static_key(self) -> Any:
        return self.heatmap.get_clim()

    def dynamic_artists(self) -> list[Any]:
        return self._dynamic

    def summary(self) -> str:
        return (
            f"Neuron playground: {LABELS[self.activation.value]}(z) with "
            f"z = {self.w1.value:.1f}*x1 {_signed(self.w2.value)}*x2 "
            f"{_signed(self.b.value)} (run the notebook to move the sliders)"
        )


_STEPS = sorted(
    {0.0} | {sign * m * 10.0**k for sign in (1, -1) for m in (1, 2, 5) for k in range(4)}
)


def _round_up(value: float) -> float:
    """The first of ..., -2, -1, 0, 1, 2, 5, 10, 20, ... at or above ``value``.

    The colour scale of an unbounded activation ends on such round values, so it
    moves only now and then while a slider is dragged.

    Examples
    --------
    >>> [_round_up(v) for v in (0.0, 0.3, 1.0, 2.5, 7.0, 12.0, -0.4, -3.0, -12.0)]
    [0.0, 1.0, 1.0, 5.0, 10.0, 20.0, 0.0, -2.0, -10.0]
    """
    return next((step for step in _STEPS if step >= value), float(math.ceil(value)))


def _signed(value: float) -> str:
    """``2.0 -> '+ 2.0'``, ``-0.5 -> '− 0.5'``: terms of a sum, readable."""
    return f"+ {value:.1f}" if value >= 0 else f"− {-value:.1f}"


def neuron_playground(
    activation: str = "sigmoid", *, w1: float = 1.0, w2: float = 1.0, b: float = -1.0
) -> NeuronPlayground:
    """Sliders for a 2-input neuron's weights and bias, its output shown over the plane.

    The heat map is ``phi(w1 x1 + w2 x2 + b)`` on a grid of inputs in [-3, 3]²; the
    white line is the neuron's decision line ``w1 x1 + w2 x2 + b = 0``.

    Parameters
    ----------
    activation : str
        ``"sigmoid"``, ``"tanh"``, ``"relu"``, ``"leaky_relu"`` (alpha 0.1) or ``"identity"``.
    w1, w2, b : float
        Starting weights and bias, each in [-3, 3].

    Returns
    -------
    NeuronPlayground
        An ipywidgets VBox: display it (last line of a cell) and move the sliders.

    Examples
    --------
    >>> playground = neuron_playground("tanh", w1=2.0, w2=0.0, b=-1.0)
    >>> playground.decision_line.get_xdata()  # the vertical line x1 = -b / w1
    array([0.5, 0.5])
    """
    return NeuronPlayground(activation, w1=w1, w2=w2, b=b)
