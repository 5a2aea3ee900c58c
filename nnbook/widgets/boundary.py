"""The decision-boundary stepper: a two-class network's boundary in the plane, epoch by epoch.

A network with two inputs (x1, x2) and two outputs (class 0, class 1) gives every point
of the plane a probability of class 1, the softmax of its two outputs,
``P(class 1) = e^{z_1} / (e^{z_0} + e^{z_1})``. The map paints that probability, blue
where the network says class 0 and orange where it says class 1; the black line where
it is exactly 0.5 is the decision boundary (there the two outputs are equal, so it is the
boundary of the predicted class whatever loss trained the network). The slider steps
through the networks that :func:`nnbook.recording.record_training` kept, one per epoch,
and the boundary can be seen bending around the data as training goes on; the play
button steps through them by itself.

The data points are made once, in two colours and two marker shapes (circles for class 0,
triangles for class 1; validation points hollow), and drawn over each new map. Every map,
boundary and score is computed when the widget is built (the boundary is traced by
``contourpy``, matplotlib's contouring engine), so moving the slider only swaps them in.

Examples
--------
>>> from nnbook import Network
>>> from nnbook.data import load_moons
>>> from nnbook.recording import record_training
>>> X, y = load_moons(n=100, seed=0)
>>> net = Network.from_sizes([2, 8, 8, 2], "tanh", output_activation="identity", seed=0)
>>> record = record_training(net, X, y, epochs=20, batch_size=10, lr=0.3, progress=False)
>>> stepper = decision_boundary_stepper(record, X, y)
>>> stepper.readout.value
'<code>before training (epoch 0 of 20): training accuracy 0.430, loss 0.711</code>'
>>> stepper.epoch.value = 20
>>> stepper.readout.value
'<code>after epoch 20 of 20: training accuracy 0.950, loss 0.118</code>'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import array_api_compat.numpy as compat_numpy
import contourpy
import ipywidgets as widgets
import numpy as np
from matplotlib.colors import LinearSegmentedColormap, to_hex, to_rgb
from matplotlib.figure import Figure
from traitlets import Int, validate

from nnbook.arrays import (
    Array,
    as_float_array,
    check_labels,
    check_scalar,
    check_width,
    require_finite,
)
from nnbook.losses import softmax
from nnbook.network import Network
from nnbook.recording import TrainingRecord
from nnbook.training import evaluate
from nnbook.widgets.figure_widget import DPI, FigureWidget
from nnbook.widgets.style import CLASS_COLOURS, CLASS_MARKERS

__all__ = [
    "PROBABILITY_MAP",
    "DecisionBoundaryStepper",
    "decision_boundary_stepper",
]


def _lighter(colour: str, share: float = 0.55) -> str:
    """``colour`` mixed with ``share`` of white: the map's tint behind full-colour points."""
    return to_hex([c + share * (1.0 - c) for c in to_rgb(colour)])


#: P(class 1) from 0 to 1: light blue (class 0), white at 0.5 (undecided), light vermillion.
PROBABILITY_MAP = LinearSegmentedColormap.from_list(
    "class_1_probability", [_lighter(CLASS_COLOURS[0]), "white", _lighter(CLASS_COLOURS[1])]
)


class _EpochSlider(widgets.IntSlider):
    """An IntSlider that refuses an epoch outside its range instead of clamping it silently."""

    value = Int(0, help="the epoch shown").tag(sync=True)  # 2.5 is refused, not cut to 2

    @validate("value")
    def _validate_value(self, proposal: dict[str, Any]) -> int:
        return _check_epoch(proposal["value"], self.max)


def _check_epoch(epoch: Any, last: int) -> int:
    """``epoch`` as an int in 0..last, or a TypeError / ValueError that says so."""
    return check_scalar(epoch, "epoch (0 is before training)", int, low=0, high=last)


class DecisionBoundaryStepper(FigureWidget):
    """A two-class network's P(class 1) over the plane and its decision boundary, per epoch.

    Build it with :func:`decision_boundary_stepper`. Controls: ``epoch`` (a slider, 0 for
    the network before training) and ``play`` (steps the slider by itself, in the
    browser). Artists, updated in place: ``heatmap`` (an imshow whose row i, column j is
    P(class 1) at ``x2 = x2_grid[i]``, ``x1 = x1_grid[j]``, the pixel centres) and
    ``boundary`` (where P = 0.5, pieces separated by NaN). ``readout`` and ``scores`` give
    each epoch's accuracy and cross-entropy loss, measured on the network of that epoch.
    """

    def __init__(
        self,
        networks: TrainingRecord | Sequence[Network],
        X: Array,
        y: Array,
        X_val: Array | None = None,
        y_val: Array | None = None,
        *,
        epoch: int = 0,
        resolution: int = 121,
    ) -> None:
        self.networks = _check_networks(networks)
        last = len(self.networks) - 1
        epoch = _check_epoch(epoch, last)
        resolution = check_scalar(resolution, "resolution (pixels across)", int, low=2, high=600)
        if (X_val is None) != (y_val is None):
            raise ValueError("give both X_val and y_val, or neither")
        self.data = [_check_points(X, y, "X", "y")]
        if X_val is not None:
            self.data.append(_check_points(X_val, y_val, "X_val", "y_val"))

        self.x1_grid, self.x2_grid, extent = _grid(np.vstack([X for X, _ in self.data]), resolution)
        points = np.stack(np.meshgrid(self.x1_grid, self.x2_grid), axis=-1).reshape(-1, 2)
        shape = (len(self.x2_grid), len(self.x1_grid))
        self._maps = [_probability(net, points).reshape(shape) for net in self.networks]
        self._boundaries = [self._trace(p) for p in self._maps]
        self.scores = [self._score(net) for net in self.networks]

        self.epoch = _EpochSlider(
            value=epoch, min=0, max=last, description="epoch", continuous_update=True,
            style={"description_width": "60px"}, layout=widgets.Layout(width="460px"),
        )  # fmt: skip
        self.play = widgets.Play(value=epoch, min=0, max=last, interval=250, description="play")
        widgets.jslink((self.play, "value"), (self.epoch, "value"))
        self.readout = widgets.HTML()

        figure, self.ax, colorbar_ax = _layout(extent, legend_rows=len(self.data))
        self.heatmap = self.ax.imshow(
            self._maps[epoch], origin="lower", extent=extent, cmap=PROBABILITY_MAP,
            vmin=0.0, vmax=1.0, interpolation="nearest", aspect="auto",
        )  # fmt: skip
        self.colorbar = figure.colorbar(
            self.heatmap, cax=colorbar_ax, ticks=[0, 0.25, 0.5, 0.75, 1]
        )
        self.colorbar.set_label("P(class 1), the network's output")
        (self.boundary,) = self.ax.plot([], [], color="black", lw=2.0, label="boundary, P = 0.5")
        self.points = self._draw_points()
        self.ax.set_xlim(extent[:2])
        self.ax.set_ylim(extent[2:])
        self.ax.set_xlabel("x1")
        self.ax.set_ylabel("x2")
        # Column by column: class 0 (training, validation), class 1 (...), the boundary.
        by_class = sorted(self.points, key=lambda line: line.get_marker() != CLASS_MARKERS[0])
        figure.legend(
            handles=[*by_class, self.boundary], loc="upper center", ncols=3, fontsize=9,
            frameon=False, bbox_to_anchor=(0.5, 1.0),
        )  # fmt: skip
        # The map, the boundary and the points are drawn on every update over the saved
        # static layer (axes, ticks, labels, colour bar, legend); the spines go on top again.
        self._dynamic = [self.heatmap, self.boundary, *self.points, self.ax.title]
        for artist in self._dynamic:
            artist.set_animated(True)
        self._dynamic += list(self.ax.spines.values())

        super().__init__(figure, [self.epoch], extras=[self.play, self.readout])
        self.update()

    def _trace(self, probability: np.ndarray) -> np.ndarray:
        """The 0.5 contour of one map as (x1, x2) rows, pieces separated by a NaN row."""
        pieces = contourpy.contour_generator(self.x1_grid, self.x2_grid, probability).lines(0.5)
        gap = np.full((1, 2), np.nan)
        return np.vstack([np.vstack([piece, gap]) for piece in pieces] or [np.empty((0, 2))])

    def _score(self, network: Network) -> dict[str, float]:
        scores = evaluate(network, *self.data[0])
        if len(self.data) > 1:
            val = evaluate(network, *self.data[1])
            scores |= {"val_accuracy": val["accuracy"], "val_loss": val["loss"]}
        return scores

    def _draw_points(self) -> list[Any]:
        """Training points filled, validation points hollow; one marker shape per class."""
        artists = []
        for k, (X, y) in enumerate(self.data):
            for label in (0, 1):
                colour, rows = CLASS_COLOURS[label], X[y == label]
                if k == 0:  # training: filled, with a thin dark edge
                    style = {"mfc": colour, "mec": "black", "mew": 0.6, "ms": 6.0}
                else:  # validation: hollow
                    style = {"mfc": "white", "mec": colour, "mew": 1.6, "ms": 5.5}
                (line,) = self.ax.plot(
                    rows[:, 0], rows[:, 1], CLASS_MARKERS[label], ls="none",
                    label=f"class {label}" + (", validation" if k else ""), **style,
                )  # fmt: skip
                artists.append(line)
        return artists

    def redraw(self) -> None:
        k = self.epoch.value
        self.heatmap.set_data(self._maps[k])
        self.boundary.set_data(self._boundaries[k][:, 0], self._boundaries[k][:, 1])
        self.ax.set_title(self.stage(k), fontsize=11)
        text = f"{self.stage(k)}: {_scores_text(self.scores[k])}"
        self.readout.value = f"<code>{text}</code>"

    def stage(self, epoch: int) -> str:
        """``'before training (epoch 0 of 60)'`` or ``'after epoch 12 of 60'``."""
        last = len(self.networks) - 1
        return (
            f"before training (epoch 0 of {last})"
            if epoch == 0
            else f"after epoch {epoch} of {last}"
        )

    def static_key(self) -> Any:
        return None  # axes, colour scale and legend never change

    def dynamic_artists(self) -> list[Any]:
        return self._dynamic

    def summary(self) -> str:
        k, last = self.epoch.value, len(self.networks) - 1
        sizes = "-".join(str(s) for s in self.networks[0].sizes)
        return (
            f"Decision boundary stepper: a {sizes} network trained for {last} epochs, shown "
            f"{self.stage(k)}: {_scores_text(self.scores[k])}. Before training: "
            f"{_scores_text(self.scores[0])}. After epoch {last}: {_scores_text(self.scores[-1])}. "
            "(Run the notebook to step through the epochs.)"
        )


def _scores_text(scores: dict[str, float]) -> str:
    text = f"training accuracy {scores['accuracy']:.3f}, loss {scores['loss']:.3f}"
    if "val_accuracy" in scores:
        text += f"; validation accuracy {scores['val_accuracy']:.3f}, loss {scores['val_loss']:.3f}"
    return text


def _check_networks(networks: Any) -> list[Network]:
    if isinstance(networks, TrainingRecord):
        networks = networks.networks
    if isinstance(networks, (Network, str)) or not isinstance(networks, Sequence) or not networks:
        raise TypeError(
            "networks must be a TrainingRecord (from nnbook.recording.record_training) or a "
            f"non-empty list of Networks, one per epoch; got {type(networks).__name__}"
        )
    for k, network in enumerate(networks):
        if not isinstance(network, Network):
            raise TypeError(f"networks[{k}] must be a Network; got {type(network).__name__}")
        if network.sizes[0] != 2 or network.sizes[-1] != 2:
            raise ValueError(
                "the decision-boundary stepper needs networks with 2 inputs (x1, x2) and "
                f"2 outputs (one per class); networks[{k}] has sizes {network.sizes}"
            )
    return list(networks)


def _check_points(X: Array, y: Array, name: str, labels_name: str) -> tuple[np.ndarray, np.ndarray]:
    """``X`` as finite float64 points (n, 2) on the CPU and ``y`` as labels 0 or 1."""
    X = as_float_array(X, name, compat_numpy, ndims=(2,), dtype=np.float64)
    check_width(X, 2, f"the decision-boundary stepper's {name} (points x1, x2)")
    if X.shape[0] == 0:
        raise ValueError(f"{name} is empty: no points to draw")
    require_finite(X, name)
    shape = tuple(getattr(y, "shape", np.shape(y)))
    if len(shape) != 1:
        raise ValueError(
            f"{labels_name} must be 1-D, one label (0 or 1) per point; got shape {shape}. The "
            "arguments go in the order (networks, X, y, X_val, y_val)"
        )
    return np.asarray(X), check_labels(y, 2, X.shape[0])


def _grid(points: np.ndarray, resolution: int) -> tuple[np.ndarray, np.ndarray, tuple]:
    """Pixel centres along x1 and x2 over the points (padded, rounded out to halves) and
    the image extent; ``resolution`` pixels along the longer side, square pixels."""
    low, high = points.min(axis=0), points.max(axis=0)
    pad = 0.1 * (high - low) + 0.1
    low, high = np.floor(2 * (low - pad)) / 2, np.ceil(2 * (high + pad)) / 2
    step = float(np.max(high - low)) / resolution
    counts = [max(2, round(float(h - lo) / step)) for lo, h in zip(low, high, strict=True)]
    high = low + np.array(counts) * step
    x1s, x2s = (lo + step * (np.arange(n) + 0.5) for lo, n in zip(low, counts, strict=True))
    return x1s, x2s, (float(low[0]), float(high[0]), float(low[1]), float(high[1]))


def _probability(network: Network, points: np.ndarray) -> np.ndarray:
    """P(class 1) at each point: the softmax of the network's two outputs (float32)."""
    return softmax(network.forward(points))[:, 1].astype(np.float32)


def _layout(extent: tuple[float, float, float, float], legend_rows: int) -> tuple[Figure, Any, Any]:
    """A figure whose plot box has the data's aspect (square pixels on screen, unless the
    data are very tall or very wide), a colour bar at its right and room for the legend
    and the title above it; sizes in inches."""
    width = 4.4
    height = min(4.4, max(1.8, width * (extent[3] - extent[2]) / (extent[1] - extent[0])))
    left, bottom, bar, gap, right = 0.7, 0.55, 0.16, 0.18, 0.95
    top = 0.45 + 0.2 * legend_rows
    fig_w, fig_h = left + width + gap + bar + right, bottom + height + top
    figure = Figure(figsize=(fig_w, fig_h), dpi=DPI)
    ax = figure.add_axes((left / fig_w, bottom / fig_h, width / fig_w, height / fig_h))
    cax = figure.add_axes(
        ((left + width + gap) / fig_w, bottom / fig_h, bar / fig_w, height / fig_h)
    )
    return figure, ax, cax


def decision_boundary_stepper(
    networks: TrainingRecord | Sequence[Network],
    X: Array,
    y: Array,
    X_val: Array | None = None,
    y_val: Array | None = None,
    *,
    epoch: int = 0,
) -> DecisionBoundaryStepper:
    """Step through training: a two-class network's decision boundary after each epoch.

    Parameters
    ----------
    networks : TrainingRecord or list of Network
        What :func:`nnbook.recording.record_training` returned (or its ``networks``):
        the network before training, then after each epoch. Each has 2 inputs and 2
        outputs.
    X, y : arrays
        The training points (n, 2) and their labels (0 or 1), drawn filled; the readout's
        training accuracy and loss are measured on them.
    X_val, y_val : arrays, optional
        Validation points, drawn hollow and measured too.
    epoch : int
        The epoch shown first (0: before training).

    Returns
    -------
    DecisionBoundaryStepper
        An ipywidgets VBox: display it (last line of a cell) and move the slider.

    Examples
    --------
    >>> import numpy as np
    >>> from nnbook import Layer, Network
    >>> vertical = Network([Layer([[-1.0, 0.0], [1.0, 0.0]], [0.0, 0.0], "identity")])
    >>> stepper = decision_boundary_stepper([vertical], [[-1.0, 0.0], [1.0, 0.0]], [0, 1])
    >>> np.unique(stepper.boundary.get_xdata()[:-1])  # z1 = z0 where x1 = 0: the x2 axis
    array([0.])
    >>> decision_boundary_stepper([vertical], [[0.0, 0.0]], [0], epoch=3)
    Traceback (most recent call last):
    ...
    ValueError: epoch (0 is before training) must be an integer in [0, 0]; got 3
    """
    return DecisionBoundaryStepper(networks, X, y, X_val, y_val, epoch=epoch)
