"""A figure widget: draw the matplotlib figure once, then change only what moved, as a PNG.

A :class:`FigureWidget` is an ``ipywidgets.VBox`` of controls over an ``ipywidgets.Image``.
When a control moves, the subclass's :meth:`~FigureWidget.redraw` only changes the data of
the existing artists (``set_data``, ``set_array``); :meth:`~FigureWidget.update` then
renders off screen with the Agg canvas and swaps the PNG bytes the image shows. The static
layer (axes, ticks, labels, colour bar) is drawn once per :meth:`~FigureWidget.static_key`
and its pixels are kept; later updates restore them and draw only the
:meth:`~FigureWidget.dynamic_artists` over them (blitting). No new figures, no output
stacking, no flicker, and nothing beyond ``ipywidgets`` is needed in JupyterLab 4.

Where no kernel runs (GitHub, nbviewer, a notebook opened without running it) the saved
cell output still carries a PNG picture of the widget's state and the plain-text
:meth:`~FigureWidget.summary`, so readers see a real figure.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image as PILImage

__all__ = ["DPI", "FigureWidget"]

DPI = 90  # pixels per inch of every widget picture (and of the benchmark's full re-plots)


def _png(canvas: FigureCanvasAgg) -> bytes:
    """The canvas's pixels as PNG bytes (fast: light compression, no metadata)."""
    width, height = canvas.get_width_height()
    pixels = PILImage.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    pixels.convert("RGB").save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


class FigureWidget(widgets.VBox):
    """A VBox of controls over a figure that is drawn once and then updated in place.

    Subclasses build ``self.figure``'s artists (the changing ones set animated), pass
    their controls to ``__init__``, call :meth:`update` once, and implement
    :meth:`redraw` (change artist data only), :meth:`static_key`,
    :meth:`dynamic_artists` and :meth:`summary` (the text shown where widgets cannot
    run).
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
        >>> from nnbook.widgets import activation_explorer
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
