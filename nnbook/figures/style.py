"""What every course figure shares: the colours, the resolution, and a fresh axes.

The colours are the Okabe-Ito palette, distinguishable with every common kind of colour
blindness; each has one meaning across the figures.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes

# Okabe-Ito colours (distinguishable with every common kind of colour blindness).
RED = "#D55E00"  # vermillion: the boxed layer


BLUE = "#0072B2"  # the weights feeding one neuron


GREEN = "#009E73"  # bluish green: that neuron's outgoing connections


ORANGE = "#E69F00"  # a derivative


GREY = "#BBBBBB"  # every other connection


INK = "#333333"  # neuron outlines and text


#: Size and resolution of the saved figures (changing them changes every committed PNG).
DPI = 100


def _check_switch(value: bool, name: str) -> bool:
    """An on/off argument: ``"no"`` is true to Python, so only True and False are taken."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {value!r}")
    return bool(value)


def _new_axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, dpi=DPI)
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None; got {type(ax).__name__}")
    return ax
