"""Real data for the training chapter: scikit-learn's 8x8 handwritten digits.

1797 small greyscale pictures of the digits 0-9, 8x8 pixels with values 0-16, shipped
inside scikit-learn (nothing is downloaded). :func:`load_digits` scales them to [0, 1]
and flattens each picture to a row of 64 numbers, the input layer of chapter 2;
:func:`train_test_split` holds some pictures back, class by class, to test on.

Examples
--------
>>> X_train, X_test, y_train, y_test = load_digits_split(test_fraction=0.25, seed=0)
>>> X_train.shape, X_test.shape
((1347, 64), (450, 64))
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np


class DigitsSplit(NamedTuple):
    """Training and test pictures (rows of 64 pixels in [0, 1]) and their labels 0-9."""

    X_train: np.ndarray
    X_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray


def _sklearn_digits() -> Any:
    try:
        from sklearn.datasets import load_digits as sk_load_digits
    except ImportError:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the digits data ship with scikit-learn, which is not installed; "
            'install it with: python -m pip install "nnbook[train]"'
        ) from None
    return sk_load_digits()


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
    digits = _sklearn_digits()
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
