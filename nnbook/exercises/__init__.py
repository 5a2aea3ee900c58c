"""Exercises with automatic, friendly checks, two to four per chapter.

Each exercise asks the learner to write one small function. Its check,
``check_<name>(your_function)``, calls that function on several inputs (one vector,
a batch, a batch of one, negative numbers, zeros, non-square matrices...), compares
each answer with nnbook's own reference, and says in plain words what happened:

* every case right: which cases were checked;
* a wrong answer: the input, your answer, the expected answer, and a hint that names
  the likely mistake (a missing bias, a transposed ``W``, alpha on the wrong side...);
* ``NotImplementedError`` (the stub is untouched): a polite "not attempted yet";
* any other exception: its type and message and the input that caused it, without a
  traceback;
* a function still running after a few seconds (a loop that never ends): stopped, and said
  so; ``exit()``: reported, not obeyed; a shortcut the task rules out (``np.tanh`` in "tanh
  from exponentials"): named.

The check prints its words and returns a :class:`CheckResult`, which is true only
when everything passed. It never shows the reference code.

Where things live: the checking engine is :mod:`~nnbook.exercises.spec` (what an exercise
is), :mod:`~nnbook.exercises.answers` (comparing and describing answers),
:mod:`~nnbook.exercises.running` (calling the learner's function safely, with
:mod:`~nnbook.exercises.time_limit` and :mod:`~nnbook.exercises.shortcuts`) and
:mod:`~nnbook.exercises.checking` (running a check); :mod:`~nnbook.exercises.phi` holds the
activations handed to learners as ``phi``. One module per topic holds its exercises:
:mod:`~nnbook.exercises.neuron`, :mod:`~nnbook.exercises.layers`,
:mod:`~nnbook.exercises.matrix_form`, :mod:`~nnbook.exercises.activations`,
:mod:`~nnbook.exercises.nonlinearity`, :mod:`~nnbook.exercises.bias`,
:mod:`~nnbook.exercises.gradient_descent`, :mod:`~nnbook.exercises.backpropagation` and
:mod:`~nnbook.exercises.training`. :mod:`~nnbook.exercises.chapters` alone says which
chapter shows which topic. ``python -m nnbook.authoring.exercise_cells`` keeps the
notebooks' exercise cells in step with these modules.

Examples
--------
>>> def weighted_sum(x, w, b):
...     raise NotImplementedError
>>> result = check_weighted_sum(weighted_sum)
Not attempted yet: weighted_sum still raises NotImplementedError. Replace that line
with your code, run its cell, then run this check again.
>>> bool(result), result.status
(False, 'not attempted')
"""

from __future__ import annotations

from nnbook.exercises.activations import (
    check_leaky_relu,
    check_leaky_relu_derivative,
    check_sigmoid_derivative,
    check_tanh,
)
from nnbook.exercises.backpropagation import (
    check_backward_pass,
    check_layer_backward,
    check_weight_gradient,
)
from nnbook.exercises.bias import check_append_one, check_fold_bias, check_folded_layer_forward
from nnbook.exercises.checking import CheckResult, registered
from nnbook.exercises.gradient_descent import (
    check_momentum_step,
    check_mse,
    check_mse_gradient,
    check_sgd_step,
)
from nnbook.exercises.layers import check_count_parameters, check_flatten_image, check_layer_outputs
from nnbook.exercises.matrix_form import (
    check_layer_forward,
    check_layer_forward_columns,
    check_network_forward,
)
from nnbook.exercises.neuron import check_neuron_output, check_threshold, check_weighted_sum
from nnbook.exercises.nonlinearity import (
    check_abs_from_relus,
    check_compose_linear,
    check_triangle_bump,
)

# Importable from here as before, but not part of the star-import surface.
from nnbook.exercises.phi import relu as relu
from nnbook.exercises.phi import sigmoid as sigmoid
from nnbook.exercises.phi import tanh as tanh
from nnbook.exercises.spec import Case as Case
from nnbook.exercises.spec import Exercise
from nnbook.exercises.spec import Mistake as Mistake
from nnbook.exercises.training import check_early_stopping_epoch, check_minibatches, check_train

__all__ = [
    "EXERCISES",
    "CheckResult",
    "Exercise",
    "check_abs_from_relus",
    "check_append_one",
    "check_backward_pass",
    "check_compose_linear",
    "check_count_parameters",
    "check_early_stopping_epoch",
    "check_flatten_image",
    "check_fold_bias",
    "check_folded_layer_forward",
    "check_layer_backward",
    "check_layer_forward",
    "check_layer_forward_columns",
    "check_layer_outputs",
    "check_leaky_relu",
    "check_leaky_relu_derivative",
    "check_minibatches",
    "check_momentum_step",
    "check_mse",
    "check_mse_gradient",
    "check_network_forward",
    "check_neuron_output",
    "check_sgd_step",
    "check_sigmoid_derivative",
    "check_tanh",
    "check_threshold",
    "check_train",
    "check_triangle_bump",
    "check_weight_gradient",
    "check_weighted_sum",
    "exercises_for_chapter",
]

#: Every exercise, by name: chapter by chapter, each chapter's in the order it shows them.
EXERCISES: dict[str, Exercise] = dict(
    sorted(registered().items(), key=lambda item: item[1].chapter)
)


def exercises_for_chapter(chapter: int) -> list[Exercise]:
    """The exercises of one chapter (1 to 9), in the order the chapter shows them.

    Parameters
    ----------
    chapter : int
        A chapter number.

    Returns
    -------
    list of Exercise
        Its exercises, numbered ``chapter.1``, ``chapter.2``... in this order.

    Raises
    ------
    ValueError
        If no exercise belongs to that chapter (the message lists those that have some).

    Examples
    --------
    >>> [ex.name for ex in exercises_for_chapter(1)]
    ['weighted_sum', 'neuron_output', 'threshold']
    """
    found = [ex for ex in EXERCISES.values() if ex.chapter == chapter]
    if not found:
        chapters = sorted({ex.chapter for ex in EXERCISES.values()})
        raise ValueError(f"no exercises for chapter {chapter!r}; chapters are {chapters}")
    return found
