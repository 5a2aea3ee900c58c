"""The learning-rate explorer: gradient descent's path over the loss surface, per learning rate.

The left panel is a contour map of the line fit's loss ``L(w, b)`` (see
:mod:`nnbook.descent`) with its minimum starred; over it, the path gradient descent takes
from a fixed start, as a line through the points visited. The right panel shows the loss
at each step on a log scale, with the minimum loss dashed. A log-scale slider sets the
learning rate and another the number of steps; the title and the readout say the final
loss, or at which step descent diverged, and how the learning rate compares with the
critical one, ``2 / lambda_max``, above which descent diverges.

The contours and axes are drawn once; moving a slider only recomputes the descent and
moves the path, its end point, the loss curve and the title.

Examples
--------
>>> explorer = learning_rate_explorer(lr=0.3, steps=30)
>>> explorer.title_text.get_text()
'lr = 0.3: loss 0.04676 after 30 steps'
>>> explorer.lr.value = 0.6
>>> explorer.title_text.get_text()
'lr = 0.6: diverged at step 15'
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib import colormaps
from matplotlib.figure import Figure
from traitlets import Float, Int, validate

from nnbook.arrays import check_scalar
from nnbook.descent import DescentRun, LineFit, noisy_line
from nnbook.widgets.figure_widget import DPI, FigureWidget

__all__ = [
    "END_COLOUR",
    "LR_RANGE",
    "MAX_RESOLUTION",
    "MINIMUM_COLOUR",
    "PATH_COLOUR",
    "STEPS_MAX",
    "WINDOW_LIMIT",
    "LearningRateExplorer",
    "learning_rate_explorer",
]

LR_RANGE = (1e-3, 1.0)  # the learning-rate slider's ends (log scale)
STEPS_MAX = 100  # the steps slider's top end
MAX_RESOLUTION = 1000  # grid points per axis of the contour map at most (161 by default)
WINDOW_LIMIT = 1e6  # the plotted window's ends stay within [-WINDOW_LIMIT, WINDOW_LIMIT]
_LR_EXPONENT_STEP = 0.05  # the slider moves lr by a factor 10**0.05 (about 1.12) per notch
# Okabe-Ito colours, distinguishable with every common kind of colour blindness.
PATH_COLOUR = "#D55E00"  # vermillion: the path and the loss curve
END_COLOUR = "#0072B2"  # blue: where descent stops
MINIMUM_COLOUR = "#000000"  # black: the minimum and the minimum loss


def _within(value: Any, name: str, kind: type, low: float, high: float) -> Any:
    """``value`` checked against [low, high]; a float a rounding error outside snaps to the end.

    A browser computes a log slider's ends as ``10 ** exponent``, which may land a hair
    outside the range; only values really outside are refused.
    """
    if kind is float and isinstance(value, float):
        slack = 1e-9 * max(abs(low), abs(high))
        if low - slack <= value <= high + slack:
            value = min(max(value, low), high)
    return check_scalar(value, name, kind, low=low, high=high)


class _LearningRateSlider(widgets.FloatLogSlider):
    """A log-scale slider that refuses a learning rate outside its range instead of clamping it."""

    value = Float(0.1, help="the learning rate").tag(sync=True)  # a number, never a string

    @validate("value")
    def _validate_value(self, proposal: dict[str, Any]) -> float:
        return _within(proposal["value"], "lr", float, self.base**self.min, self.base**self.max)


class _StepsSlider(widgets.IntSlider):
    """An integer slider that refuses a number of steps outside its range instead of clamping it."""

    value = Int(1, help="the number of steps").tag(sync=True)  # 2.7 is refused, not cut to 2

    @validate("value")
    def _validate_value(self, proposal: dict[str, Any]) -> int:
        return _within(proposal["value"], "steps", int, self.min, self.max)


class LearningRateExplorer(FigureWidget):
    """Gradient descent on a line fit's loss, redrawn as the learning-rate slider moves.

    Build it with :func:`learning_rate_explorer`. Controls: ``lr`` (log-scale slider)
    and ``steps``. ``readout`` (HTML) says what happened in words. Artists, updated in
    place: ``path_line`` (the points visited, joined), ``end_marker`` (where descent
    stopped), ``loss_line`` (loss per step) and ``title_text``; drawn once:
    ``contours``, ``minimum_marker`` and ``minimum_loss_line``. ``run`` is the current
    :class:`~nnbook.descent.DescentRun`.
    """

    def __init__(
        self,
        fit: LineFit | None = None,
        *,
        lr: float = 0.3,
        steps: int = 30,
        start: tuple[float, float] = (-1.0, 4.0),
        window: tuple[tuple[float, float], tuple[float, float]] | None = None,
        resolution: int = 161,
    ) -> None:
        if fit is None:
            fit = LineFit(*noisy_line())
        if not isinstance(fit, LineFit):
            raise TypeError(
                "fit must be a LineFit (e.g. LineFit(*noisy_line())) or None for the "
                f"course's data; got {type(fit).__name__}"
            )
        lr = _within(lr, "lr", float, *LR_RANGE)
        steps = _within(steps, "steps", int, 1, STEPS_MAX)
        resolution = check_scalar(resolution, "resolution", int, low=2, high=MAX_RESOLUTION)
        self.fit = fit
        self.minimum = fit.minimum()
        (w_lo, w_hi), (b_lo, b_hi) = _check_window(window, self.minimum)
        self.start = _check_start(start, (w_lo, w_hi), (b_lo, b_hi))
        self.critical_lr = fit.critical_learning_rate()

        style = {"description_width": "100px"}
        wide = widgets.Layout(width="460px")
        self.lr = _LearningRateSlider(
            value=lr, base=10.0, min=float(np.log10(LR_RANGE[0])),
            max=float(np.log10(LR_RANGE[1])), step=_LR_EXPONENT_STEP, readout_format=".3g",
            description="learning rate", style=style, layout=wide,
        )  # fmt: skip
        self.steps = _StepsSlider(
            value=steps, min=1, max=STEPS_MAX, description="steps", style=style, layout=wide
        )
        self.readout = widgets.HTML()

        figure = Figure(figsize=(9.6, 4.2), dpi=DPI)
        self.ax = figure.add_axes((0.07, 0.12, 0.40, 0.72))  # fixed: no layout engine to rerun
        self.loss_ax = figure.add_axes((0.60, 0.12, 0.37, 0.72))
        ws, bs = np.linspace(w_lo, w_hi, resolution), np.linspace(b_lo, b_hi, resolution)
        self.grid_w, self.grid_b = np.meshgrid(ws, bs)
        surface = fit.loss(self.grid_w, self.grid_b)
        self.minimum_loss = float(fit.loss(*self.minimum))
        levels = _levels(self.minimum_loss, surface)
        self.contours = self.ax.contour(
            self.grid_w, self.grid_b, surface, levels=levels, linewidths=1.0,
            colors=colormaps["viridis"](np.linspace(0.0, 0.8, len(levels))),  # no pale yellow
        )  # fmt: skip
        self.ax.clabel(self.contours, fontsize=7, fmt="%.2g")
        (self.minimum_marker,) = self.ax.plot(
            *self.minimum, "*", color=MINIMUM_COLOUR, mfc="white", ms=14, mew=1.4, zorder=6,
            label=f"minimum ({self.minimum[0]:.2f}, {self.minimum[1]:.2f})",
        )  # fmt: skip
        (self.path_line,) = self.ax.plot(
            [], [], "o-", color=PATH_COLOUR, lw=1.6, ms=3.5, zorder=4, label="path of descent"
        )
        (self.end_marker,) = self.ax.plot(
            [], [], "o", color=END_COLOUR, mec="white", ms=9, mew=1.2, zorder=5,
            label="where it stops",
        )  # fmt: skip
        self.ax.set_xlim(w_lo, w_hi)
        self.ax.set_ylim(b_lo, b_hi)
        self.ax.set_xlabel("slope w")
        self.ax.set_ylabel("intercept b")
        above = {"loc": "lower left", "bbox_to_anchor": (0.0, 1.0), "frameon": False, "fontsize": 8}
        self.ax.legend(ncols=3, borderaxespad=0.2, handletextpad=0.3, columnspacing=1.0, **above)

        self.start_loss = float(fit.loss(*self.start))
        self.loss_ax.set_yscale("log")  # before any data: a minimum loss of 0 has no logarithm
        self.loss_ax.set_ylim(*_loss_limits(self.minimum_loss, self.start_loss))
        (self.loss_line,) = self.loss_ax.plot([], [], "o-", color=PATH_COLOUR, lw=1.6, ms=3)
        self.minimum_loss_line = self.loss_ax.axhline(
            self.minimum_loss, color=MINIMUM_COLOUR, ls="--", lw=1.0,
            label=f"minimum loss {self.minimum_loss:.3g}",
        )  # fmt: skip
        self.loss_ax.set_xlim(0, STEPS_MAX)
        self.loss_ax.set_xlabel("step")
        self.loss_ax.set_ylabel("loss L(w, b), log scale")
        self.loss_ax.grid(alpha=0.25, which="both")
        self.loss_ax.legend(borderaxespad=0.2, **above)
        self.title_text = figure.suptitle("", y=0.97, fontsize=12)

        self._dynamic = [self.path_line, self.end_marker, self.loss_line, self.title_text]
        for artist in self._dynamic:
            artist.set_animated(True)
        self.run: DescentRun = fit.descend(self.start, lr, steps)
        super().__init__(figure, [self.lr, self.steps], extras=[self.readout])
        self.update()

    def redraw(self) -> None:
        lr, steps = self.lr.value, self.steps.value
        self.run = run = self.fit.descend(self.start, lr, steps)
        self.path_line.set_data(run.path[:, 0], run.path[:, 1])
        self.end_marker.set_data(run.path[-1:, 0], run.path[-1:, 1])
        self.loss_line.set_data(np.arange(len(run.losses)), run.losses)
        self.title_text.set_text(self.title())
        if lr < self.critical_lr:
            side, fate = "below", "converges from any start"
        else:
            side, fate = "above", "diverges from almost any start"
        self.readout.value = (
            f"<code>lr = {lr:.3g}, {side} the critical 2/λ<sub>max</sub> = "
            f"{self.critical_lr:.3g}: descent {fate}<br>"
            f"{html.escape(run.summary())}</code>"
        )

    def title(self) -> str:
        """The learning rate and the outcome: the final loss, or where descent diverged.

        Examples
        --------
        >>> learning_rate_explorer(lr=0.01, steps=10).title()
        'lr = 0.01: loss 3.266 after 10 steps'
        """
        run = self.run
        if run.diverged_at is not None:
            return f"lr = {run.lr:.3g}: diverged at step {run.diverged_at}"
        taken = len(run.losses) - 1
        return f"lr = {run.lr:.3g}: loss {run.final_loss:.4g} after {taken} steps"

    def static_key(self) -> Any:
        return None  # the contours, axes and legends never change

    def dynamic_artists(self) -> list[Any]:
        return self._dynamic

    def summary(self) -> str:
        w, b = self.start
        return (
            f"Learning-rate explorer: gradient descent on the line fit's loss L(w, b) from "
            f"(w, b) = ({w:g}, {b:g}) with lr = {self.lr.value:.3g} for "
            f"{self.steps.value} steps: {self.run.summary()} (critical learning rate "
            f"{self.critical_lr:.3g}; run the notebook to move the sliders)"
        )


def _levels(low: float, surface: np.ndarray) -> np.ndarray:
    """Contour levels spaced evenly in log(L - low): dense near the minimum, sparse uphill."""
    span = float(surface.max()) - low
    return low + np.geomspace(span / 500, span / 2, 9)


def _loss_limits(minimum: float, start: float) -> tuple[float, float]:
    """The loss panel's log-scale range: 100 times the start's loss at the top; at the bottom
    half the minimum loss, or a millionth of the start's loss when the data lie on a line.

    Examples
    --------
    >>> _loss_limits(0.04, 4.0)
    (0.02, 400.0)
    >>> _loss_limits(0.0, 4.0)  # the minimum loss is 0: a log scale cannot reach it
    (4e-06, 400.0)
    """
    top = 100.0 * max(start, minimum, 1e-12)
    return max(minimum / 2, top * 1e-8), top


def _check_window(
    window: Any, minimum: tuple[float, float]
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The plotted (w range, b range); by default 4 either side of the rounded minimum."""
    if window is None:
        w0, b0 = (float(round(v)) for v in minimum)
        return (w0 - 4.0, w0 + 4.0), (b0 - 4.0, b0 + 4.0)
    try:
        (w_lo, w_hi), (b_lo, b_hi) = window
    except (TypeError, ValueError):
        raise TypeError(
            f"window must be two ranges, ((w_low, w_high), (b_low, b_high)); got {window!r}"
        ) from None
    ranges = []
    for name, lo, hi in (("w", w_lo, w_hi), ("b", b_lo, b_hi)):
        lo, hi = (
            check_scalar(value, f"window's {name} {end}", low=-WINDOW_LIMIT, high=WINDOW_LIMIT)
            for value, end in ((lo, "low"), (hi, "high"))
        )
        if not lo < hi:
            raise ValueError(f"window's {name} range must have low < high; got ({lo}, {hi})")
        ranges.append((lo, hi))
    return ranges[0], ranges[1]


def _check_start(
    start: Any, w_range: tuple[float, float], b_range: tuple[float, float]
) -> tuple[float, float]:
    """Two numbers inside the plotted window."""
    try:
        w, b = start
    except (TypeError, ValueError):
        raise TypeError(f"start must be two numbers (w, b); got {start!r}") from None
    w = check_scalar(w, "start's w", low=w_range[0], high=w_range[1])
    b = check_scalar(b, "start's b", low=b_range[0], high=b_range[1])
    return w, b


def learning_rate_explorer(
    fit: LineFit | None = None,
    *,
    lr: float = 0.3,
    steps: int = 30,
    start: tuple[float, float] = (-1.0, 4.0),
) -> LearningRateExplorer:
    """Gradient descent on a line fit's loss surface, with a learning-rate slider.

    Parameters
    ----------
    fit : LineFit or None
        The loss to descend; None for the course's data, ``LineFit(*noisy_line())``
        (20 points near ``y = 2x + 1``).
    lr : float
        The starting learning rate, in [0.001, 1] (the log-scale slider's range).
    steps : int
        The starting number of steps, in [1, 100].
    start : (float, float)
        Where descent starts, (w, b), inside the plotted window (4 either side of the
        rounded minimum: w in [-2, 6] and b in [-3, 5] for the course's data).

    Returns
    -------
    LearningRateExplorer
        An ipywidgets VBox: display it (last line of a cell) and move the sliders.

    Examples
    --------
    >>> explorer = learning_rate_explorer(lr=0.3, steps=20)
    >>> explorer.run.path.shape
    (21, 2)
    >>> learning_rate_explorer(lr=2.0)
    Traceback (most recent call last):
    ...
    ValueError: lr must be a real number in [0.001, 1]; got 2.0
    """
    return LearningRateExplorer(fit, lr=lr, steps=steps, start=start)
