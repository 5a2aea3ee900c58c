"""What a drawing shows, as data: the record that lets tests compare figures on any matplotlib.

Pixels change with the matplotlib release (text rendering does); what a figure shows (its
lines, colours, shapes and texts) does not. :func:`describe` turns a drawing into plain data,
and :func:`renderer` names the versions that decide the pixels.
"""

from __future__ import annotations

from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.patches import Patch

#: :func:`describe` keeps this many evenly spaced points of a longer line (ends included).
SAMPLES = 21


def renderer() -> dict[str, str]:
    """The versions that decide a saved figure's pixels: matplotlib and its FreeType.

    matplotlib draws the shapes itself and rasterises text with FreeType; a release that
    changes either (matplotlib 3.11's wheels moved from FreeType 2.6.1 to 2.14) moves the
    pixels of every letter, while what the figure shows stays the same.

    Examples
    --------
    >>> sorted(renderer())
    ['freetype', 'matplotlib']
    """
    from matplotlib import ft2font

    return {"matplotlib": matplotlib.__version__, "freetype": ft2font.__freetype_version__}


def _number(value: float) -> float:
    return round(float(value), 6) + 0.0  # + 0.0 turns -0.0 into 0.0


def _colour(value: Any) -> str:
    return to_hex(value, keep_alpha=True)


def _points(xs: Any, ys: Any) -> list[list[float]]:
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    keep = np.unique(np.linspace(0, len(xs) - 1, min(len(xs), SAMPLES)).round().astype(int))
    return [[_number(xs[i]), _number(ys[i])] for i in keep]


def _box(patch: Patch) -> list[float]:
    """(x0, y0, x1, y1) of the smallest upright rectangle around ``patch``, in data units."""
    box = patch.get_path().get_extents(patch.get_patch_transform())
    return [_number(v) for v in box.extents]


def _legend_colour(handle: Any) -> str:
    return _colour(handle.get_edgecolor() if isinstance(handle, Patch) else handle.get_color())


def describe(ax: Axes) -> dict[str, Any]:
    """What a drawing shows, as plain data that does not depend on the matplotlib release.

    Every line (id, colour, width, style, and its points: all of them, or ``SAMPLES`` evenly
    spaced ones of a longer curve), every shape (id, kind, colours, width, and its bounding box
    in data coordinates), every text, the title, axis labels and limits, the legend (labels
    and colours) and the picture's size in pixels. Numbers are rounded to 6 decimals.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from nnbook.figures import plot_activation
    >>> shown = describe(plot_activation("relu", x_range=(-1, 1), n_points=3))
    >>> [line["id"] for line in shown["lines"]]  # the two axes through 0, then phi and phi'
    [None, None, 'phi', 'derivative']
    >>> shown["lines"][2]["points"], shown["lines"][2]["colour"]
    ([[-1.0, 0.0], [0.0, 0.0], [1.0, 1.0]], '#0072b2ff')
    """
    fig = ax.get_figure()
    legend = ax.get_legend()
    return {
        "size_px": [round(v * fig.dpi) for v in fig.get_size_inches()],
        "axis_shown": ax.axison,
        "title": ax.get_title(),
        "xlabel": ax.get_xlabel(),
        "ylabel": ax.get_ylabel(),
        "xlim": [_number(v) for v in ax.get_xlim()],
        "ylim": [_number(v) for v in ax.get_ylim()],
        "lines": [
            {
                "id": line.get_gid(),
                "colour": _colour(line.get_color()),
                "width": _number(line.get_linewidth()),
                "style": line.get_linestyle(),
                "n_points": len(line.get_xdata()),
                "points": _points(line.get_xdata(), line.get_ydata()),
            }
            for line in ax.lines
        ],
        "shapes": [
            {
                "id": patch.get_gid(),
                "kind": type(patch).__name__,
                "face": _colour(patch.get_facecolor()),
                "edge": _colour(patch.get_edgecolor()),
                "width": _number(patch.get_linewidth()),
                "box": _box(patch),
            }
            for patch in ax.patches
        ],
        "texts": [
            {
                "text": text.get_text(),
                "at": [_number(v) for v in text.get_position()],
                "colour": _colour(text.get_color()),
                "size": _number(text.get_fontsize()),
            }
            for text in ax.texts
        ],
        "legend": []
        if legend is None
        else [
            {"label": text.get_text(), "colour": _legend_colour(handle)}
            for text, handle in zip(legend.get_texts(), legend.legend_handles, strict=True)
        ],
    }
