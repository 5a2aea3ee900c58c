"""How the widgets name and colour the activation functions and the classes of a data set.

Each of the four activations a widget can plot has a colour from the Okabe-Ito palette
(distinguishable with every common kind of colour blindness) and a label for legends and
readouts. The two classes of a two-class data set get two of those colours and, so that
colour is never the only clue, two marker shapes. :func:`_key` reads any spelling nnbook
accepts (``"Leaky ReLU"``) as the activation's registered name (``"leaky_relu"``), or as
``"all"`` for all four at once.
"""

from __future__ import annotations

from nnbook.activations import get_activation

__all__ = ["ALL_FOUR", "CLASS_COLOURS", "CLASS_MARKERS", "COLOURS", "FOUR", "LABELS"]

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
CLASS_COLOURS: tuple[str, str] = ("#0072B2", "#D55E00")  # class 0 blue, class 1 vermillion
CLASS_MARKERS: tuple[str, str] = ("o", "^")  # class 0 circles, class 1 triangles


def _key(name: str, what: str) -> str:
    """``"Leaky ReLU"`` -> ``"leaky_relu"``; unknown names raise nnbook's clear ValueError.

    Only names: an :class:`~nnbook.Activation` object carries settings (leaky ReLU's alpha)
    that the widget would silently replace with its own, so it is refused, naming ``what``.
    """
    if not isinstance(name, str):
        raise TypeError(
            f"{what} must be an activation's name, such as 'sigmoid' or 'leaky_relu'; got {name!r}"
        )
    if name.strip().lower() in (ALL_FOUR, "all four"):
        return ALL_FOUR
    return get_activation(name).name
