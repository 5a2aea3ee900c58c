"""The activation explorer: phi(x) for sigmoid, tanh, ReLU or leaky ReLU, and phi'(x).

One axes shows the chosen function on an x interval, optionally with its derivative
dashed, and marks one point x, where the readout prints phi(x) (and phi'(x)). It opens
on one function, so its shape is easy to read; "also show" checkboxes add the others
for comparison, one at a time. The values come from nnbook's own activations
(:func:`nnbook.get_activation`), so the plot shows exactly what the library computes.
Controls: the function, the "also show" boxes, leaky ReLU's slope alpha for x < 0, the
x range, the derivative checkbox and x itself.

Examples
--------
>>> explorer = activation_explorer("tanh", x=0.5)
>>> explorer.readout.value
'<code>tanh(0.50) = 0.4621</code>'
>>> explorer.derivative.value = True
>>> explorer.readout.value
"<code>tanh(0.50) = 0.4621 &nbsp; tanh'(0.50) = 0.7864</code>"
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from nnbook.activations import Activation, check_alpha, get_activation
from nnbook.arrays import check_scalar
from nnbook.widgets.figure_widget import DPI, FigureWidget
from nnbook.widgets.style import ALL_FOUR, COLOURS, FOUR, LABELS, _key

__all__ = ["ALPHA_MAX", "MAX_POINTS", "X_LIMIT", "ActivationExplorer", "activation_explorer"]

X_LIMIT = 10.0  # the x-range slider spans [-X_LIMIT, X_LIMIT]
ALPHA_MAX = 0.99  # the alpha slider's top end (check_alpha allows anything below 1)
MAX_POINTS = 100_000  # x values per curve at most (401 by default)


class ActivationExplorer(FigureWidget):
    """Plot sigmoid, tanh, ReLU or leaky ReLU (and any of the others beside it), with controls.

    Build it with :func:`activation_explorer`. Controls (ipywidgets): ``function``
    (dropdown), ``also[name]`` (a checkbox per function: also show it; the chosen
    function's own box is ticked and disabled), ``alpha`` (leaky ReLU's slope for x < 0),
    ``x_range``, ``derivative`` (checkbox) and ``x`` (where ``readout`` reports phi(x) and
    phi'(x)).
    Artists, updated in place: ``lines[name]``, ``derivative_lines[name]``,
    ``points[name]``, ``derivative_points[name]`` and ``x_marker``.
    """

    def __init__(
        self,
        function: str = "sigmoid",
        *,
        also: Sequence[str] = (),
        alpha: float = 0.1,
        x_range: tuple[float, float] = (-5.0, 5.0),
        x: float = 1.0,
        derivative: bool = False,
        points: int = 401,
    ) -> None:
        function = _key(function, "function")
        if function not in (*FOUR, ALL_FOUR):
            raise ValueError(
                f"function must be one of {', '.join(FOUR)} or {ALL_FOUR!r}; got {function!r}"
            )
        extra = _check_also(also)
        if function == ALL_FOUR:  # "all": the first one chosen, the other three beside it
            function, extra = FOUR[0], set(FOUR[1:])
        alpha = check_alpha(alpha)
        if alpha > ALPHA_MAX:
            raise ValueError(
                f"alpha must be at most {ALPHA_MAX} here (the slider's end); got {alpha}"
            )
        lo, hi = _check_range(x_range)
        x = check_scalar(x, "x")
        if not lo <= x <= hi:
            raise ValueError(f"x must be a number inside x_range [{lo:g}, {hi:g}]; got {x!r}")
        if not isinstance(derivative, (bool, np.bool_)):
            raise TypeError(f"derivative must be True or False; got {derivative!r}")
        self.n_points = check_scalar(points, "points", int, low=2, high=MAX_POINTS)

        style = {"description_width": "110px"}
        wide = widgets.Layout(width="460px")
        self.function = widgets.Dropdown(
            options=[(LABELS[k], k) for k in FOUR], value=function, description="function",
            style=style,
        )  # fmt: skip
        self.also = {
            name: widgets.Checkbox(
                value=name in extra or name == function,
                description=LABELS[name],
                indent=False,
                layout=widgets.Layout(width="auto"),
            )
            for name in FOUR
        }
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
        also_row = widgets.HBox(
            [widgets.Label("also show", layout=widgets.Layout(width="114px")), *self.also.values()]
        )
        self.children = [self.function, also_row, *self.children[1:]]
        for box in self.also.values():
            box.observe(self._on_change, names="value")
        self._main = function
        self.update()

    def activation(self, name: str) -> Activation:
        """nnbook's activation ``name``, with the alpha slider's value for leaky ReLU."""
        if name == "leaky_relu":
            return get_activation(name, alpha=self.alpha.value)
        return get_activation(name)

    def shown(self) -> tuple[str, ...]:
        """The functions currently plotted, in a fixed order: the chosen one and those ticked."""
        main = self.function.value
        return tuple(name for name in FOUR if name == main or self.also[name].value)

    def _follow_function(self) -> None:
        """The chosen function's box is ticked and cannot be unticked; the old one is freed."""
        main = self.function.value
        if main != self._main:
            self.also[self._main].value = False
            self._main = main
        for name, box in self.also.items():
            box.disabled = name == main
            if name == main:
                box.value = True

    def plotted_range(self) -> tuple[float, float]:
        """The x interval on screen (widened if the range slider's handles meet)."""
        lo, hi = self.x_range.value
        if hi - lo < 1e-9:
            lo, hi = lo - 0.5, hi + 0.5
        return lo, hi

    def redraw(self) -> None:
        self._follow_function()
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

    def title(self) -> str:
        """The functions shown, by name, with alpha when leaky ReLU is one of them.

        Examples
        --------
        >>> activation_explorer("leaky_relu", alpha=0.25).title()
        'leaky ReLU (α = 0.25)'
        """
        names = [LABELS[n] for n in self.shown()]
        title = ", ".join(names) if len(names) > 1 else names[0]
        if "leaky_relu" in self.shown():
            title += f" (α = {self.alpha.value:.2f})"
        return title

    def summary(self) -> str:
        lo, hi = self.x_range.value
        derivative = "with" if self.derivative.value else "without"
        return (
            f"Activation explorer: {self.title()} for x in [{lo:g}, {hi:g}], {derivative} "
            f"the derivative, value at x = {self.x.value:.2f} "
            "(run the notebook to move the sliders)"
        )


def _check_also(also: Any) -> set[str]:
    """The names of the functions to show beside the chosen one."""
    if isinstance(also, str):
        also = [also]
    try:
        names = list(also)
    except TypeError:
        raise TypeError(
            f"also must be a list of activation names such as ['tanh', 'relu']; got {also!r}"
        ) from None
    keys = {_key(name, "also") for name in names}
    unknown = sorted(keys - set(FOUR))
    if unknown:
        raise ValueError(f"also may only name {', '.join(FOUR)}; got {unknown[0]!r}")
    return keys


def _check_range(x_range: Any) -> tuple[float, float]:
    try:
        values = list(x_range)
        if len(values) != 2:
            raise TypeError
        lo, hi = (check_scalar(v, "x_range", low=-X_LIMIT, high=X_LIMIT) for v in values)
    except TypeError:  # not two values, or a value that is not a real number
        raise TypeError(f"x_range must be two real numbers (low, high); got {x_range!r}") from None
    except ValueError:  # NaN, infinity or beyond the slider: the message below says which range
        lo = hi = math.nan
    if not -X_LIMIT <= lo < hi <= X_LIMIT:
        raise ValueError(
            f"x_range must satisfy -{X_LIMIT:g} <= low < high <= {X_LIMIT:g}; got {x_range!r}"
        )
    return lo, hi


def activation_explorer(
    function: str = "sigmoid",
    *,
    also: Sequence[str] = (),
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
        accepts, e.g. ``"Leaky ReLU"``), or ``"all"`` for all four at once.
    also : sequence of str
        Other functions to show beside it from the start (the learner can tick more).
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
    return ActivationExplorer(
        function, also=also, alpha=alpha, x_range=x_range, x=x, derivative=derivative
    )
