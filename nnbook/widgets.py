"""Interactive figures: an activation-function explorer and a one-neuron playground.

Each widget draws its matplotlib figure **once** and, when a control moves, only
changes the data of the existing artists (``set_data``, ``set_array``), renders the
figure off screen with the Agg canvas and swaps the PNG bytes shown by an
``ipywidgets.Image``. No new figures, no output stacking, no flicker, and nothing
beyond ``ipywidgets`` is needed in JupyterLab 4.

Where no kernel runs (GitHub, nbviewer, a notebook opened without running it) the
saved cell output still carries a PNG picture of the widget's state and a short
plain-text summary, so readers see a real figure.

Measure how quickly the widgets respond with ``python -m nnbook.widgets --bench``.

Examples
--------
>>> from nnbook.widgets import activation_explorer
>>> explorer = activation_explorer("tanh", x=0.5)
>>> explorer.readout.value
'<code>tanh(0.50) = 0.4621</code>'
>>> explorer.derivative.value = True
>>> explorer.readout.value
"<code>tanh(0.50) = 0.4621 &nbsp; tanh'(0.50) = 0.7864</code>"
"""

from __future__ import annotations

import argparse
import base64
import io
import math
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image as PILImage

from nnbook.activations import Activation, check_alpha, get_activation

# Okabe-Ito colours: distinguishable with every common kind of colour blindness.
COLOURS: dict[str, str] = {
    "sigmoid": "#0072B2",  # blue
    "tanh": "#D55E00",  # vermillion
    "relu": "#009E73",  # bluish green
    "leaky_relu": "#CC79A7",  # reddish purple
}
LABELS: dict[str, str] = {
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU",
    "identity": "identity",
}
FOUR: tuple[str, ...] = ("sigmoid", "tanh", "relu", "leaky_relu")
ALL_FOUR = "all"
X_LIMIT = 10.0  # the x-range slider spans [-X_LIMIT, X_LIMIT]
ALPHA_MAX = 0.99  # the alpha slider's top end (check_alpha allows anything below 1)
WEIGHT_LIMIT = 3.0  # the w1, w2 and b sliders span [-WEIGHT_LIMIT, WEIGHT_LIMIT]
DPI = 90


def _png(canvas: FigureCanvasAgg) -> bytes:
    """The canvas's pixels as PNG bytes (fast: light compression, no metadata)."""
    width, height = canvas.get_width_height()
    pixels = PILImage.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    pixels.convert("RGB").save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def _key(name: str) -> str:
    """``"Leaky ReLU"`` -> ``"leaky_relu"``; unknown names raise nnbook's clear ValueError."""
    if isinstance(name, str) and name.strip().lower() in (ALL_FOUR, "all four"):
        return ALL_FOUR
    return get_activation(name).name


class FigureWidget(widgets.VBox):
    """A VBox of controls over a figure that is drawn once and then updated in place.

    Subclasses build ``self.figure``'s artists, list their controls, and implement
    :meth:`redraw` (change artist data only) and :meth:`summary` (the text shown
    where widgets cannot run).
    """

    BACKGROUNDS_KEPT = 12  # static layers remembered (about 0.75 MB each)

    def __init__(
        self,
        figure: Figure,
        controls: Sequence[widgets.ValueWidget],
        extras: Sequence[widgets.Widget] = (),
    ) -> None:
        self.figure = figure
        self.canvas = FigureCanvasAgg(figure)
        width, height = self.canvas.get_width_height()
        # Shown at its own pixel size (a VBox would otherwise stretch it, blurred).
        self.image = widgets.Image(
            format="png", layout=widgets.Layout(width=f"{width}px", height=f"{height}px")
        )
        self.render_count = 0  # pictures made
        self.full_draws = 0  # of which drew the static layer (axes, ticks, labels) again
        self._held = 0
        self._pending = False
        self._backgrounds: dict[Any, Any] = {}  # static_key -> saved pixels of the static layer
        super().__init__(children=[*controls, *extras, self.image])
        for control in controls:
            control.observe(self._on_change, names="value")

    def _on_change(self, change: dict[str, Any]) -> None:
        if self._held:
            self._pending = True
        else:
            self.update()

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Change several controls, then update the figure once at the end.

        Examples
        --------
        >>> explorer = activation_explorer()
        >>> before = explorer.render_count
        >>> with explorer.hold():
        ...     explorer.function.value = "relu"
        ...     explorer.x.value = 2.0
        >>> explorer.render_count - before
        1
        """
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held and self._pending:
                self._pending = False
                self.update()

    def update(self) -> None:
        """Recompute the plotted data from the controls and show the new picture.

        The static layer (axes, ticks, labels, colour bar) is drawn only for a
        :meth:`static_key` not seen recently; otherwise its saved pixels are restored
        and only the :meth:`dynamic_artists` are drawn over them (blitting).
        """
        with self.hold():  # changes made while redrawing (slider bounds) do not recurse
            self.redraw()
            self._pending = False
        key = self.static_key()
        background = self._backgrounds.pop(key, None)
        if background is None:
            self.canvas.draw()  # skips the animated (dynamic) artists
            background = self.canvas.copy_from_bbox(self.figure.bbox)
            self.full_draws += 1
        else:
            self.canvas.restore_region(background)
        self._backgrounds[key] = background  # most recently used last
        while len(self._backgrounds) > self.BACKGROUNDS_KEPT:
            self._backgrounds.pop(next(iter(self._backgrounds)))
        renderer = self.canvas.get_renderer()
        for artist in sorted(self.dynamic_artists(), key=lambda a: a.get_zorder()):
            if artist.get_visible():
                artist.draw(renderer)
        self.image.value = _png(self.canvas)
        self.render_count += 1

    def redraw(self) -> None:  # pragma: no cover - abstract
        """Set the artists' data from the controls (no drawing)."""
        raise NotImplementedError

    def static_key(self) -> Any:  # pragma: no cover - abstract
        """Everything the static layer depends on: a change means a full draw."""
        raise NotImplementedError

    def dynamic_artists(self) -> list[Any]:  # pragma: no cover - abstract
        """Artists drawn on every update, over the static layer (all set animated)."""
        raise NotImplementedError

    def summary(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        # The live widget for JupyterLab, plus a PNG of the current state and a fixed
        # text for viewers without a kernel. Frontends show the richest one they can.
        data = super()._repr_mimebundle_(**kwargs)
        data["text/plain"] = self.summary()
        data["image/png"] = base64.b64encode(bytes(self.image.value)).decode("ascii")
        return data


class ActivationExplorer(FigureWidget):
    """Plot sigmoid, tanh, ReLU or leaky ReLU (or all four), with controls.

    Build it with :func:`activation_explorer`. Controls (ipywidgets): ``function``
    (dropdown), ``alpha`` (leaky ReLU's slope for x < 0), ``x_range``, ``derivative``
    (checkbox) and ``x`` (where ``readout`` reports phi(x) and phi'(x)).
    Artists, updated in place: ``lines[name]``, ``derivative_lines[name]``,
    ``points[name]``, ``derivative_points[name]`` and ``x_marker``.
    """

    def __init__(
        self,
        function: str = "sigmoid",
        *,
        alpha: float = 0.1,
        x_range: tuple[float, float] = (-5.0, 5.0),
        x: float = 1.0,
        derivative: bool = False,
        points: int = 401,
    ) -> None:
        function = _key(function)
        if function not in (*FOUR, ALL_FOUR):
            raise ValueError(
                f"function must be one of {', '.join(FOUR)} or {ALL_FOUR!r}; got {function!r}"
            )
        alpha = check_alpha(alpha)
        if alpha > ALPHA_MAX:
            raise ValueError(
                f"alpha must be at most {ALPHA_MAX} here (the slider's end); got {alpha}"
            )
        lo, hi = _check_range(x_range)
        if not isinstance(x, (int, float)) or isinstance(x, bool) or not lo <= x <= hi:
            raise ValueError(f"x must be a number inside x_range [{lo:g}, {hi:g}]; got {x!r}")
        if not isinstance(points, int) or points < 2:
            raise ValueError(f"points must be an integer >= 2; got {points!r}")
        self.n_points = points

        style = {"description_width": "110px"}
        wide = widgets.Layout(width="460px")
        self.function = widgets.Dropdown(
            options=[(LABELS[k], k) for k in FOUR] + [("all four", ALL_FOUR)],
            value=function,
            description="function",
            style=style,
        )
        self.alpha = widgets.FloatSlider(
            value=alpha, min=0.0, max=ALPHA_MAX, step=0.01, description="leaky α", style=style
        )
        self.x_range = widgets.FloatRangeSlider(
            value=(lo, hi), min=-X_LIMIT, max=X_LIMIT, step=0.5, description="x range",
            style=style, layout=wide,
        )  # fmt: skip
        self.derivative = widgets.Checkbox(
            value=bool(derivative), description="show the derivative φ'(x)", indent=False
        )
        self.x = widgets.FloatSlider(
            value=x, min=lo, max=hi, step=0.05, description="value at x", style=style, layout=wide
        )
        self.readout = widgets.HTML()

        figure = Figure(figsize=(6.4, 3.6), dpi=DPI)
        figure.subplots_adjust(left=0.09, right=0.97, bottom=0.14, top=0.86)
        ax = figure.add_subplot()
        self.ax = ax
        ax.axhline(0.0, color="0.75", lw=0.8, zorder=0)
        ax.axvline(0.0, color="0.75", lw=0.8, zorder=0)
        ax.set_xlabel("x")
        ax.set_ylabel("φ(x)")
        ax.grid(alpha=0.25)
        self.lines, self.derivative_lines, self.points, self.derivative_points = {}, {}, {}, {}
        for name in FOUR:
            colour = COLOURS[name]
            (self.lines[name],) = ax.plot([], [], color=colour, lw=2.2, label=LABELS[name])
            (self.derivative_lines[name],) = ax.plot(
                [], [], color=colour, lw=1.6, ls="--", label=f"{LABELS[name]}'"
            )
            (self.points[name],) = ax.plot([], [], "o", color=colour, ms=7, zorder=5)
            (self.derivative_points[name],) = ax.plot(
                [], [], "o", mfc="white", mec=colour, mew=1.8, ms=7, zorder=5
            )
        self.x_marker = ax.axvline(x, color="0.35", lw=1.0, ls=":", zorder=1)
        self.alpha_text = ax.text(
            0.98, 0.04, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=10
        )
        self._legend_key: tuple[str, ...] = ()
        self._dynamic = [
            *self.lines.values(),
            *self.derivative_lines.values(),
            *self.points.values(),
            *self.derivative_points.values(),
            self.x_marker,
            self.alpha_text,
        ]
        for artist in self._dynamic:
            artist.set_animated(True)

        controls = [self.function, self.alpha, self.x_range, self.derivative, self.x]
        super().__init__(figure, controls, extras=[self.readout])
        self.update()

    def activation(self, name: str) -> Activation:
        """nnbook's activation ``name``, with the alpha slider's value for leaky ReLU."""
        if name == "leaky_relu":
            return get_activation(name, alpha=self.alpha.value)
        return get_activation(name)

    def shown(self) -> tuple[str, ...]:
        """The functions currently plotted."""
        return FOUR if self.function.value == ALL_FOUR else (self.function.value,)

    def plotted_range(self) -> tuple[float, float]:
        """The x interval on screen (widened if the range slider's handles meet)."""
        lo, hi = self.x_range.value
        if hi - lo < 1e-9:
            lo, hi = lo - 0.5, hi + 0.5
        return lo, hi

    def redraw(self) -> None:
        self._follow_range(*self.x_range.value)
        lo, hi = self.plotted_range()
        x0 = self.x.value
        at = np.array([x0])
        xs = np.linspace(lo, hi, self.n_points)
        shown, with_derivative = self.shown(), self.derivative.value
        text = []
        for name in FOUR:
            visible = name in shown
            for artist in (self.lines[name], self.points[name]):
                artist.set_visible(visible)
            for artist in (self.derivative_lines[name], self.derivative_points[name]):
                artist.set_visible(visible and with_derivative)
            if not visible:
                continue
            phi = self.activation(name)
            value = float(phi(at)[0])
            self.lines[name].set_data(xs, phi(xs))
            self.points[name].set_data([x0], [value])
            entry = f"{LABELS[name]}({x0:.2f}) = {value:.4f}"
            if with_derivative:
                slope = float(phi.derivative(at)[0])
                self.derivative_lines[name].set_data(xs, phi.derivative(xs))
                self.derivative_points[name].set_data([x0], [slope])
                entry += f" &nbsp; {LABELS[name]}'({x0:.2f}) = {slope:.4f}"
            text.append(entry)
        self.readout.value = "<code>" + "<br>".join(text) + "</code>"
        self.x_marker.set_xdata([x0, x0])
        leaky = "leaky_relu" in shown
        self.alpha.disabled = not leaky
        self.alpha_text.set_visible(leaky)
        self.alpha_text.set_text(f"leaky ReLU: α = {self.alpha.value:.2f}")
        self.ax.set_xlim(lo, hi)
        self.ax.set_ylim(*self._y_limits(xs))
        legend_key = (*shown, str(with_derivative))
        if legend_key != self._legend_key:  # only when the set of curves changes
            handles = [self.lines[n] for n in shown]
            if with_derivative:
                handles += [self.derivative_lines[n] for n in shown]
            self.ax.legend(
                handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=4,
                fontsize=9, frameon=False, borderaxespad=0.2,
            )  # fmt: skip
            self._legend_key = legend_key

    def _y_limits(self, xs: np.ndarray) -> tuple[float, float]:
        """Room for every shown curve whatever alpha is (so moving alpha keeps the axes)."""
        ys = [0.0, 1.0]
        for name in self.shown():
            phi = get_activation(name, alpha=ALPHA_MAX if name == "leaky_relu" else None)
            curves = (phi(xs), phi.derivative(xs)) if self.derivative.value else (phi(xs),)
            ys += [float(c.min()) for c in curves] + [float(c.max()) for c in curves]
        bottom, top = min(ys), max(ys)
        pad = 0.08 * (top - bottom)
        return bottom - pad, top + pad

    def static_key(self) -> Any:
        return (self.ax.get_xlim(), self.ax.get_ylim(), self._legend_key)

    def dynamic_artists(self) -> list[Any]:
        return self._dynamic

    def _follow_range(self, lo: float, hi: float) -> None:
        """Keep the x slider inside the plotted range (max first when moving right)."""
        if lo > self.x.max:
            self.x.max, self.x.min = hi, lo
        else:
            self.x.min, self.x.max = lo, hi

    def _title(self) -> str:
        names = [LABELS[n] for n in self.shown()]
        title = ", ".join(names) if len(names) > 1 else names[0]
        if "leaky_relu" in self.shown():
            title += f" (α = {self.alpha.value:.2f})"
        return title

    def summary(self) -> str:
        lo, hi = self.x_range.value
        derivative = "with" if self.derivative.value else "without"
        return (
            f"Activation explorer: {self._title()} for x in [{lo:g}, {hi:g}], {derivative} "
            f"the derivative, value at x = {self.x.value:.2f} "
            "(run the notebook to move the sliders)"
        )


def _check_range(x_range: Any) -> tuple[float, float]:
    try:
        lo, hi = (float(v) for v in x_range)
    except (TypeError, ValueError):
        raise TypeError(f"x_range must be two numbers (low, high); got {x_range!r}") from None
    if not -X_LIMIT <= lo < hi <= X_LIMIT:
        raise ValueError(
            f"x_range must satisfy -{X_LIMIT:g} <= low < high <= {X_LIMIT:g}; got {x_range!r}"
        )
    return lo, hi


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
        activation = _key(activation)
        if activation not in self.ACTIVATIONS:
            raise ValueError(
                f"activation must be one of {', '.join(self.ACTIVATIONS)}; got {activation!r}"
            )
        for name, value in (("w1", w1), ("w2", w2), ("b", b)):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise TypeError(f"{name} must be a number; got {value!r}")
            if not -WEIGHT_LIMIT <= value <= WEIGHT_LIMIT:
                raise ValueError(
                    f"{name} must be in [-{WEIGHT_LIMIT:g}, {WEIGHT_LIMIT:g}] (the slider); "
                    f"got {value}"
                )
        if not isinstance(extent, (int, float)) or not extent > 0:
            raise ValueError(f"extent must be a positive number; got {extent!r}")
        if not isinstance(resolution, int) or resolution < 2:
            raise ValueError(f"resolution must be an integer >= 2; got {resolution!r}")

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


def activation_explorer(
    function: str = "sigmoid",
    *,
    alpha: float = 0.1,
    x_range: tuple[float, float] = (-5.0, 5.0),
    x: float = 1.0,
    derivative: bool = False,
) -> ActivationExplorer:
    """An interactive plot of an activation function (and its derivative).

    Parameters
    ----------
    function : str
        ``"sigmoid"``, ``"tanh"``, ``"relu"``, ``"leaky_relu"`` (any spelling nnbook
        accepts, e.g. ``"Leaky ReLU"``) or ``"all"`` for all four.
    alpha : float
        Leaky ReLU's slope for negative x, in [0, 0.99].
    x_range : (float, float)
        The plotted x interval, inside [-10, 10].
    x : float
        Where the readout reports phi(x) (and phi'(x)); inside ``x_range``.
    derivative : bool
        Also draw the derivative, dashed.

    Returns
    -------
    ActivationExplorer
        An ipywidgets VBox: display it (last line of a cell) and move the controls.

    Examples
    --------
    >>> explorer = activation_explorer("leaky_relu", alpha=0.2, x=-1.0)
    >>> explorer.readout.value
    '<code>leaky ReLU(-1.00) = -0.2000</code>'
    >>> activation_explorer("leaky_relu", alpha=1.5)
    Traceback (most recent call last):
    ...
    ValueError: leaky ReLU's alpha must be in [0, 1) (0 gives plain ReLU); got 1.5
    """
    return ActivationExplorer(function, alpha=alpha, x_range=x_range, x=x, derivative=derivative)


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


# --- latency benchmark: python -m nnbook.widgets --bench ------------------------------------


def _control_values(explorer: ActivationExplorer, playground: NeuronPlayground) -> dict:
    """For each widget and control: the values a learner might step through."""
    steps = np.linspace(-2.5, 2.5, 11).round(1).tolist()
    return {
        "activation_explorer": {
            "function": (explorer, explorer.function, [*FOUR, ALL_FOUR]),
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
    }


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
    """Time every control of both widgets in one run; return a printable table.

    Each control steps through typical values ``repeats`` times from the same
    starting state. ``redraws`` counts updates that drew the static layer (a view
    not seen recently); the rest only blitted the changing artists.
    """
    explorer, playground = activation_explorer("leaky_relu", derivative=True), neuron_playground()
    replots = {
        "activation_explorer": (explorer, _full_plot_explorer),
        "neuron_playground": (playground, _full_plot_playground),
    }
    rows = [
        f"{'widget':<20} {'control':<12} {'median ms':>9} {'p90 ms':>7} {'redraws':>8}",
    ]
    for widget_name, controls in _control_values(explorer, playground).items():
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
                f"{widget_name:<20} {control_name:<12} {_stats(times)} "
                f"{len(redrawn):>4}/{len(times):<3}"
            )
        widget, replot = replots[widget_name]
        full = [_timed(partial(replot, widget)) for _ in range(max(5, repeats // 3))]
        median = statistics.median(every)
        full_median = statistics.median(full)
        rows += [
            f"{widget_name:<20} {'all controls':<12} {_stats(every)}",
            f"{widget_name:<20} {'redraws only':<12} {_stats(every_redrawn)}",
            f"{widget_name:<20} {'full replot':<12} {_stats(full)}   "
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
    ax.set(xlabel="x", ylabel="φ(x)", title=explorer._title())
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=4, frameon=False)
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


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
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m nnbook.widgets", description="Latency of the nnbook widgets."
    )
    parser.add_argument("--bench", action="store_true", help="time every control of each widget")
    parser.add_argument("--repeats", type=int, default=30, help="updates timed per control")
    args = parser.parse_args(argv)
    if not args.bench:
        parser.print_help()
        return 0
    print(benchmark(args.repeats))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
