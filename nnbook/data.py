"""Data for the training chapters, from scikit-learn: handwritten digits and two moons.

:func:`load_digits` gives 1797 small greyscale pictures of the digits 0-9, 8x8 pixels with
values 0-16, shipped inside scikit-learn (nothing is downloaded), scaled to [0, 1] and
flattened to rows of 64 numbers, the input layer of chapter 2. :func:`load_moons`
generates two interleaving half circles in the plane, two classes that no straight line
separates, small enough to draw a network's decision boundary over. :func:`train_test_split`
holds some rows back, class by class, to test (or validate) on.

Examples
--------
>>> X_train, X_test, y_train, y_test = load_digits_split(test_fraction=0.25, seed=0)
>>> X_train.shape, X_test.shape
((1347, 64), (450, 64))
"""

from __future__ import annotations

import importlib
from typing import Any, NamedTuple

import numpy as np

from nnbook.arrays import check_scalar

__all__ = [
    "DigitsSplit",
    "load_digits",
    "load_digits_split",
    "load_moons",
    "train_test_split",
]


class DigitsSplit(NamedTuple):
    """Training and test pictures (rows of 64 pixels in [0, 1]) and their labels 0-9."""

    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray


def _sklearn_datasets(what: str) -> Any:
    """scikit-learn's ``sklearn.datasets``, or an ImportError saying how to install it."""
    try:
        return importlib.import_module("sklearn.datasets")
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            f"{what} come from scikit-learn, which is not installed; "
            'install it with: python -m pip install "nnbook[train]"'
        ) from None


def load_digits(flatten: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """All 1797 digits as ``(X, y)``: pixels scaled to [0, 1] (float64) and labels 0-9.

    Parameters
    ----------
    flatten : bool
        ``True`` gives X of shape (1797, 64), one row per picture; ``False`` keeps the
        pictures as (1797, 8, 8) for plotting.

    Raises
    ------
    ImportError
        If scikit-learn is missing, saying how to install it.

    Examples
    --------
    >>> X, y = load_digits()
    >>> X.shape, y.shape, float(X.min()), float(X.max())
    ((1797, 64), (1797,), 0.0, 1.0)
    """
    digits = _sklearn_datasets("the digits data").load_digits()
    X = np.asarray(digits.images, dtype=np.float64) / 16.0  # pixel values are 0..16
    y = np.asarray(digits.target, dtype=np.int64)
    return (X.reshape(len(X), 64) if flatten else X), y


def train_test_split(
    X: Any, y: Any, test_fraction: float = 0.25, seed: int | None = 0
) -> DigitsSplit:
    """A seeded, stratified split: each class keeps the same share in train and test.

    For every class, its rows are shuffled with ``np.random.default_rng(seed)`` and
    ``round(test_fraction * count)`` of them go to the test set. Rows keep their
    original order inside each set, so the result depends only on the seed.

    Parameters
    ----------
    X : array-like (n, ...)
    y : array-like of int (n,)
    test_fraction : float
        Share of each class held out, strictly between 0 and 1.
    seed : int or None

    Examples
    --------
    >>> X = np.arange(8).reshape(8, 1)
    >>> y = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    >>> split = train_test_split(X, y, test_fraction=0.5, seed=0)
    >>> np.bincount(split.y_test), np.bincount(split.y_train)
    (array([2, 2]), array([2, 2]))
    """
    X, y = np.asarray(X), np.asarray(y)
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D, one label per row; got shape {y.shape}")
    if X.ndim == 0 or X.shape[0] != y.shape[0]:
        raise ValueError(
            f"X and y must have one row per example: X has shape {X.shape}, y has {y.shape[0]} "
            "labels"
        )
    if not isinstance(test_fraction, (int, float)) or not 0 < test_fraction < 1:
        raise ValueError(
            f"test_fraction must be a number strictly between 0 and 1; got {test_fraction!r}"
        )
    rng = np.random.default_rng(seed)
    test = np.zeros(len(y), dtype=bool)
    for label in np.unique(y):
        rows = np.flatnonzero(y == label)
        n_test = round(test_fraction * len(rows))
        test[rng.permutation(rows)[:n_test]] = True
    return DigitsSplit(X[~test], X[test], y[~test], y[test])


def load_digits_split(test_fraction: float = 0.25, seed: int | None = 0) -> DigitsSplit:
    """:func:`load_digits` followed by :func:`train_test_split`: the chapter's data in one call.

    Examples
    --------
    >>> split = load_digits_split(seed=0)
    >>> len(split.y_train) + len(split.y_test)
    1797
    """
    X, y = load_digits()
    return train_test_split(X, y, test_fraction=test_fraction, seed=seed)


def load_moons(
    n: int = 200, noise: float = 0.2, seed: int | None = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles in the plane, ``(X, y)``: generated, never downloaded.

    scikit-learn's ``make_moons``: class 0 lies on the upper half circle of radius 1 around
    (0, 0), class 1 on the lower one around (1, 0.5), and each point is moved by Gaussian
    noise of standard deviation ``noise``. No straight line separates the classes, so a
    network needs a hidden layer to learn them; with two inputs its decision boundary can
    be drawn over the plane.

    Parameters
    ----------
    n : int
        Number of points, at least 2; the classes get ``n // 2`` and ``n - n // 2``.
    noise : float
        Standard deviation of the noise, >= 0 (0 puts every point on its half circle).
    seed : int or None
        Same seed, same points (None gives fresh randomness).

    Returns
    -------
    X : ndarray of float64, shape (n, 2)
        One point (x1, x2) per row, in shuffled order.
    y : ndarray of int64, shape (n,)
        The class of each point, 0 or 1.

    Raises
    ------
    ImportError
        If scikit-learn is missing, saying how to install it.

    Examples
    --------
    >>> X, y = load_moons(n=100, noise=0.1, seed=0)
    >>> X.shape, y.shape, np.bincount(y)
    ((100, 2), (100,), array([50, 50]))
    """
    n = check_scalar(n, "n (the number of points)", int, low=2)
    noise = check_scalar(noise, "noise (a standard deviation)", low=0)
    if seed is not None:
        seed = check_scalar(seed, "seed (or None for fresh randomness)", int, low=0)
    make_moons = _sklearn_datasets("the two moons").make_moons
    X, y = make_moons(n_samples=n, noise=noise, random_state=seed)
    return np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.int64)
