"""An activation function phi (solid) and its derivative phi' (dashed), with its formula.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> plot_activation("tanh").get_xlabel()
'x'
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes

from nnbook.activations import Activation, get_activation
from nnbook.arrays import check_scalar
from nnbook.backend import to_numpy
from nnbook.figures.style import BLUE, GREY, ORANGE, _check_switch, _new_axes

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
