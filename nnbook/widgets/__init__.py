"""Interactive figures: an activation explorer, a neuron playground, a learning-rate explorer
and a decision-boundary stepper.

Each widget draws its matplotlib figure **once** and, when a control moves, only changes
the data of the existing artists, renders the figure off screen and swaps the PNG shown
by an ``ipywidgets.Image``: no new figures, no output stacking, no flicker, and nothing
beyond ``ipywidgets`` is needed in JupyterLab 4. Where no kernel runs (GitHub, nbviewer)
the saved cell output still carries a PNG of the widget's state and a plain-text summary.

One module per idea:

* :mod:`~nnbook.widgets.figure_widget`: :class:`FigureWidget`, the base every widget
  builds on (in-place redraw, blitting, PNG rendering, the saved picture);
* :mod:`~nnbook.widgets.style`: the activations' colours and labels;
* :mod:`~nnbook.widgets.explorer`: :func:`activation_explorer` (chapter 5);
* :mod:`~nnbook.widgets.playground`: :func:`neuron_playground` (chapter 1);
* :mod:`~nnbook.widgets.descent`: :func:`learning_rate_explorer`, gradient descent's path
  over a loss surface, per learning rate;
* :mod:`~nnbook.widgets.boundary`: :func:`decision_boundary_stepper`, a network's decision
  boundary after each epoch of training.

Measure how quickly the widgets respond with ``python -m nnbook.widgets --bench``; the
timing code lives with the other benchmarks, in :mod:`nnbook.bench.widget_latency`.

Examples
--------
>>> from nnbook.widgets import activation_explorer
>>> explorer = activation_explorer("relu", x=2.0)
>>> explorer.readout.value
'<code>ReLU(2.00) = 2.0000</code>'
>>> explorer.function.value = "sigmoid"
>>> explorer.readout.value
'<code>sigmoid(2.00) = 0.8808</code>'
"""

from nnbook.widgets.boundary import DecisionBoundaryStepper, decision_boundary_stepper
from nnbook.widgets.descent import LearningRateExplorer, learning_rate_explorer
from nnbook.widgets.explorer import ActivationExplorer, activation_explorer
from nnbook.widgets.figure_widget import FigureWidget
from nnbook.widgets.playground import NeuronPlayground, neuron_playground

__all__ = [
    "ActivationExplorer",
    "DecisionBoundaryStepper",
    "FigureWidget",
    "LearningRateExplorer",
    "NeuronPlayground",
    "activation_explorer",
    "decision_boundary_stepper",
    "learning_rate_explorer",
    "neuron_playground",
]
