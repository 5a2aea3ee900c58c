"""A computational graph with its numbers: one sigmoid neuron and a squared error, drawn.

The graph computes ``z = w x + b``, ``a = sigmoid(z)`` and ``L = (a - y)^2``. Every value box
shows its forward value (blue) and the gradient ``dL/d(value)`` that the backward pass brings
to it (orange); above every operation, its local derivatives (dark grey). The chain rule is
then visible on the picture: a box's gradient is the gradient of the box after the operation
it feeds, times that operation's local derivative with respect to it. :func:`chain_rule_numbers`
computes the numbers; :func:`draw_graph` writes them on the picture.
"""

from __future__ import annotations

import math
from typing import Any

from matplotlib.axes import Axes
from matplotlib.patches import Circle, FancyBboxPatch

from nnbook.figures.style import BLUE, INK, ORANGE, RED, _new_axes

__all__ = ["GRAPH_SIZE", "chain_rule_numbers", "draw_graph"]

#: Size in inches of a new figure drawn by :func:`draw_graph`.
GRAPH_SIZE = (12.0, 3.6)


def _number(value: Any, name: str) -> float:
    if isinstance(value, (bool, str)) or not hasattr(value, "__float__"):
        raise TypeError(f"{name} must be a real number; got {value!r}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number; got {value!r}")
    return number


def chain_rule_numbers(
    x: float = 1.5, w: float = 0.8, b: float = -0.2, y: float = 1.0
) -> dict[str, tuple[float, float | None]]:
    """Forward values and backward gradients of ``L = (sigmoid(w x + b) - y)^2``.

    The forward pass goes left to right, ``z = w x + b``, ``a = sigmoid(z)``,
    ``L = (a - y)^2``; the backward pass goes right to left, multiplying by one local
    derivative per step: ``dL/dL = 1``, ``dL/da = 2 (a - y)``,
    ``dL/dz = dL/da * a (1 - a)``, then ``dL/dw = dL/dz * x``, ``dL/dx = dL/dz * w``
    and ``dL/db = dL/dz * 1``.

    Parameters
    ----------
    x, w, b, y : float
        The input, weight, bias and target (finite real numbers).

    Returns
    -------
    dict
        ``name -> (value, dL/dvalue)`` for ``"x"``, ``"w"``, ``"b"``, ``"y"``, ``"z"``,
        ``"a"`` and ``"L"``, in that order. The target gets ``None``: it is data, never
        changed by learning, so the picture shows no gradient for it.

    Examples
    --------
    >>> numbers = chain_rule_numbers(x=1.5, w=0.8, b=-0.2, y=1.0)
    >>> round(numbers["z"][0], 4), round(numbers["w"][1], 4)  # z = 0.8 * 1.5 - 0.2
    (1.0, -0.1586)
    >>> numbers["L"][1]  # the backward pass starts from dL/dL = 1
    1.0
    """
    x, w, b, y = (_number(v, n) for v, n in ((x, "x"), (w, "w"), (b, "b"), (y, "y")))
    z = w * x + b
    a = 1.0 / (1.0 + math.exp(-z))
    loss = (a - y) ** 2
    dL_da = 2.0 * (a - y)  # d(a - y)^2 / da
    dL_dz = dL_da * a * (1.0 - a)  # sigmoid'(z) = a (1 - a)
    return {
        "x": (x, dL_dz * w),  # dz/dx = w
        "w": (w, dL_dz * x),  # dz/dw = x
        "b": (b, dL_dz),  # dz/db = 1
        "y": (y, None),
        "z": (z, dL_dz),
        "a": (a, dL_da),
        "L": (loss, 1.0),
    }


# Where each box and operation sits (data coordinates).
_BOXES = {"w": (0.0, 2.3), "x": (0.0, 0.7), "b": (0.0, -0.9), "z": (6.0, 0.7),
          "a": (11.8, 0.7), "y": (11.8, -0.9), "L": (17.6, 0.7)}  # fmt: skip
_OPS = {"linear": (3.2, 0.7, "$w x + b$"), "sigmoid": (9.0, 0.7, r"$\sigma$"),
        "square": (14.8, 0.7, "$(a - y)^2$")}  # fmt: skip
_BOX_W, _BOX_H, _OP_R = 2.4, 1.1, 0.78
#: What feeds what: (value box, operation) pairs, then (operation, value box) pairs.
_INTO_OPS = [("w", "linear"), ("x", "linear"), ("b", "linear"), ("z", "sigmoid"),
             ("a", "square"), ("y", "square")]  # fmt: skip
_OUT_OF_OPS = [("linear", "z"), ("sigmoid", "a"), ("square", "L")]


def _local_derivatives(numbers: dict[str, tuple[float, float | None]]) -> dict[str, str]:
    """Each operation's local derivatives with respect to its inputs, as text to write above it."""
    x, w, a, y = numbers["x"][0], numbers["w"][0], numbers["a"][0], numbers["y"][0]
    return {
        "linear": (
            rf"$\partial z/\partial w = x$ = {x:.4f}" + "\n"
            rf"$\partial z/\partial x = w$ = {w:.4f}" + "\n"
            r"$\partial z/\partial b$ = 1"
        ),
        "sigmoid": r"$\partial a/\partial z = a(1-a)$" + "\n" + f"= {a * (1 - a):.4f}",
        "square": r"$\partial L/\partial a = 2(a-y)$" + "\n" + f"= {2 * (a - y):.4f}",
    }


def draw_graph(
    x: float = 1.5,
    w: float = 0.8,
    b: float = -0.2,
    y: float = 1.0,
    ax: Axes | None = None,
) -> Axes:
    """Draw the graph of ``L = (sigmoid(w x + b) - y)^2`` with its forward values and gradients.

    Boxes hold values (the inputs ``w``, ``x``, ``b``, the target ``y``, then ``z``, ``a``
    and the loss ``L``), circles hold operations, arrows show the forward pass. In each box
    the forward value is written in blue and ``dL/d(value)`` in orange; above each operation,
    its local derivatives in dark grey. The numbers come from
    :func:`chain_rule_numbers`, written to 4 decimals. Artists carry ids for tests:
    ``"value-NAME"`` (the box), ``"forward-NAME"`` and ``"gradient-NAME"`` (its two texts),
    ``"operation"`` (the circles), ``"edge"`` (the arrows), ``"local"`` (the local
    derivatives) and ``"label"`` (the other texts).

    Parameters
    ----------
    x, w, b, y : float
        The input, weight, bias and target (finite real numbers).
    ax : matplotlib Axes, optional
        Where to draw; a new figure of size :data:`GRAPH_SIZE` is made when omitted.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = draw_graph(x=1.5, w=0.8, b=-0.2, y=1.0)
    >>> [t.get_text() for t in ax.texts if t.get_gid() == "gradient-w"]
    ['$\\\\partial L/\\\\partial w$ = -0.1586']
    >>> sum(p.get_gid() == "operation" for p in ax.patches)
    3
    """
    numbers = chain_rule_numbers(x, w, b, y)
    ax = _new_axes(ax, GRAPH_SIZE)
    centre = dict(_BOXES)
    centre.update({name: (ox, oy) for name, (ox, oy, _) in _OPS.items()})

    for name, (cx, cy) in _BOXES.items():
        value, grad = numbers[name]
        edge = RED if name == "L" else INK
        ax.add_patch(
            FancyBboxPatch(
                (cx - _BOX_W / 2, cy - _BOX_H / 2),
                _BOX_W,
                _BOX_H,
                boxstyle="round,pad=0.04",
                facecolor="white",
                edgecolor=edge,
                lw=1.6,
                zorder=3,
                gid=f"value-{name}",
            )
        )
        ax.text(cx, cy + 0.3, f"${name}$", ha="center", va="center", fontsize=12, color=INK,
                zorder=4, gid="label")  # fmt: skip
        ax.text(cx, cy - 0.02, f"= {value:.4f}", ha="center", va="center", fontsize=10,
                color=BLUE, zorder=4, gid=f"forward-{name}")  # fmt: skip
        if grad is not None:
            ax.text(cx, cy - 0.3, rf"$\partial L/\partial {name}$ = {grad:.4f}", ha="center",
                    va="center", fontsize=9, color=ORANGE, zorder=4,
                    gid=f"gradient-{name}")  # fmt: skip

    for ox, oy, symbol in _OPS.values():
        ax.add_patch(Circle((ox, oy), _OP_R, facecolor="white", edgecolor=INK, lw=1.6, zorder=3,
                            gid="operation"))  # fmt: skip
        ax.text(ox, oy, symbol, ha="center", va="center", fontsize=10, color=INK, zorder=4,
                gid="label")  # fmt: skip

    arrow = {"arrowstyle": "-|>", "color": INK, "lw": 1.3, "shrinkA": 0, "shrinkB": 0}
    for source, op in _INTO_OPS:
        (sx, sy), (ox, oy) = centre[source], centre[op]
        start = (sx + _BOX_W / 2 + 0.08, sy)
        dx, dy = ox - start[0], oy - start[1]
        length = math.hypot(dx, dy)
        end = (ox - _OP_R * dx / length, oy - _OP_R * dy / length)
        ax.annotate("", xy=end, xytext=start, arrowprops=arrow, gid="edge")
    for op, target in _OUT_OF_OPS:
        (ox, oy), (tx, ty) = centre[op], centre[target]
        ax.annotate("", xy=(tx - _BOX_W / 2 - 0.08, ty), xytext=(ox + _OP_R, oy),
                    arrowprops=arrow, gid="edge")  # fmt: skip
    for op, text in _local_derivatives(numbers).items():
        ox, oy = centre[op]
        ax.text(ox + (0.5 if op == "linear" else 0.0), oy + _OP_R + 0.15, text, ha="center",
                va="bottom", fontsize=8.5, color=INK, zorder=5, gid="local")  # fmt: skip

    ax.text(8.8, 3.35, "forward: values, left to right", ha="center", va="center",
            fontsize=11, color=BLUE, gid="label")  # fmt: skip
    ax.text(8.8, -1.95, "backward: gradients $\\partial L/\\partial\\,\\cdot$, right to left",
            ha="center", va="center", fontsize=11, color=ORANGE, gid="label")  # fmt: skip
    ax.set_xlim(-1.25, 18.85)
    ax.set_ylim(-2.3, 3.6)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax
