"""The course's static figures, drawn with matplotlib: a neuron, a network, activation plots.

Every picture under ``imgs/nns/`` is made here, so it can be redrawn, checked by tests and
changed in one place. Regenerate them all (deterministically: fixed size, dpi and style, no
timestamps in the files) from the repository root with::

    python -m nnbook.figures            # writes into imgs/nns/
    python -m nnbook.figures some/dir   # or anywhere else

Beside the pictures, ``figures.json`` records what each one shows (:func:`describe`: lines,
colours, shapes, texts) and which :func:`renderer` drew them. Pixels change with the
matplotlib release (text rendering does), so tests compare pixels only under that renderer,
and compare what the figures show under any.

One module per picture (:mod:`~nnbook.figures.neuron`, :mod:`~nnbook.figures.architecture`,
:mod:`~nnbook.figures.activation_plot`, :mod:`~nnbook.figures.graph`), the shared colours in
:mod:`~nnbook.figures.style`, the record in :mod:`~nnbook.figures.record`, the committed set in
:mod:`~nnbook.figures.course` and the command in :mod:`~nnbook.figures.cli`. This package
imports matplotlib, so ``import nnbook`` does not load it; import it explicitly
(``import nnbook.figures``). The colours are the Okabe-Ito palette, safe for colour-blind
readers.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from nnbook.figures import draw_architecture, draw_neuron, plot_activation
>>> ax = draw_architecture((3, 4, 2))
>>> len([line for line in ax.lines if line.get_gid() == "into-focus"])  # 3 inputs feed it
3
>>> ax = plot_activation("tanh")
>>> ax.get_xlabel()
'x'
"""

from nnbook.figures.activation_plot import ACTIVATION_SIZE, FORMULAS, MAX_POINTS, plot_activation
from nnbook.figures.architecture import (
    ARCHITECTURE_SIZE,
    LAYER_SPACING,
    default_layer_labels,
    draw_architecture,
    neuron_positions,
)
from nnbook.figures.cli import main
from nnbook.figures.course import (
    ACTIVATION_FILES,
    ARCHITECTURE_FILE,
    COURSE_FILES,
    RECORD_FILE,
    course_figure,
    save_all,
)
from nnbook.figures.graph import GRAPH_SIZE, chain_rule_numbers, draw_graph
from nnbook.figures.neuron import NEURON_SIZE, draw_neuron
from nnbook.figures.record import SAMPLES, describe, renderer
from nnbook.figures.style import BLUE, DPI, GREEN, GREY, INK, ORANGE, RED

__all__ = [
    "ACTIVATION_FILES",
    "ACTIVATION_SIZE",
    "ARCHITECTURE_FILE",
    "ARCHITECTURE_SIZE",
    "BLUE",
    "COURSE_FILES",
    "DPI",
    "FORMULAS",
    "GRAPH_SIZE",
    "GREEN",
    "GREY",
    "INK",
    "LAYER_SPACING",
    "MAX_POINTS",
    "NEURON_SIZE",
    "ORANGE",
    "RECORD_FILE",
    "RED",
    "SAMPLES",
    "chain_rule_numbers",
    "course_figure",
    "default_layer_labels",
    "describe",
    "draw_architecture",
    "draw_graph",
    "draw_neuron",
    "main",
    "neuron_positions",
    "plot_activation",
    "renderer",
    "save_all",
]
