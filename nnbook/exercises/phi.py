"""The small activation functions a check hands to the learner's code as ``phi``.

Plain NumPy on any input (a number, a list, an array), so that a learner's function gets
exactly what it would get in the chapter, whatever device nnbook itself uses. Exercises also
use them in their references and known mistakes.

Examples
--------
>>> phi = relu
>>> phi(np.array([-1.0, 0.5]))
array([0. , 0.5])
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["relu", "sigmoid", "tanh"]


def sigmoid(z: Any) -> Any:
    """``1 / (1 + e^(-z))``, the activation passed as ``phi`` in several checks.

    Examples
    --------
    >>> float(sigmoid(0.0))
    0.5
    """
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def tanh(z: Any) -> Any:
    """The hyperbolic tangent (NumPy's), passed as ``phi`` in some checks.

    Examples
    --------
    >>> float(tanh(0.0))
    0.0
    """
    return np.tanh(np.asarray(z, dtype=float))


def relu(z: Any) -> Any:
    """``max(0, z)``, passed as ``phi`` in some checks.

    Examples
    --------
    >>> relu(np.array([-1.0, 2.0]))
    array([0., 2.])
    """
    return np.maximum(np.asarray(z, dtype=float), 0.0)
