"""One neuron drawn as its formula: inputs x_i, weights w_i, Sigma + b, phi, and a."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Rectangle

from nnbook.figures.style import BLUE, INK, _new_axes

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
