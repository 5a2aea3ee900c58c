"""Learning as going downhill: gradient descent on a line fit with two parameters.

The model is a line, ``y_hat = w x + b``, fitted to points ``(x_i, y_i)`` by its mean
squared error, a function of the two parameters only::

    L(w, b) = (1/n) sum_i (w x_i + b - y_i)^2

Its gradient points uphill; gradient descent takes a step of size ``lr`` (the learning
rate) the other way, again and again::

    dL/dw = (2/n) sum_i (w x_i + b - y_i) x_i
    dL/db = (2/n) sum_i (w x_i + b - y_i)
    (w, b) <- (w, b) - lr (dL/dw, dL/db)

L is a quadratic bowl, so its curvature is the same everywhere: the Hessian
``H = 2 [[mean(x^2), mean(x)], [mean(x), 1]]``. Each step multiplies the distance to the
minimum along an eigenvector of H by ``1 - lr * lambda``, so descent converges for every
start exactly when ``lr < 2 / lambda_max``, the critical learning rate; above it the
steepest direction overshoots further each time and the path flies off.

:func:`noisy_line` makes a small, seeded data set (points near ``y = 2x + 1``);
:class:`LineFit` holds the data and gives the loss, its gradient (both on whole grids of
(w, b) at once, for contour plots), the Hessian, the minimum, the critical learning rate,
and :meth:`LineFit.descend`, which returns the path taken as a :class:`DescentRun`.
Everything runs on the host with NumPy (the data are tiny); answers come back as the kind
of array passed in, and as plain floats for plain numbers.

Examples
--------
>>> x, y = noisy_line()
>>> fit = LineFit(x, y)
>>> round(fit.critical_learning_rate(), 3)  # 2 / lambda_max
0.438
>>> run = fit.descend(start=(-1.0, 4.0), lr=0.3, steps=30)
>>> run.path.shape, run.losses.shape
((31, 2), (31,))
>>> print(run.summary())
loss 3.819 -> 0.04676 after 30 steps
>>> print(fit.descend(start=(-1.0, 4.0), lr=0.6, steps=30).summary())
diverged at step 15: the loss passed a million times its starting value
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import array_api_compat.numpy as compat_numpy
import numpy as np

from nnbook.arrays import Array, as_float_array, check_scalar, enter, is_array, require_finite
from nnbook.backend import to_numpy

__all__ = ["DIVERGENCE_FACTOR", "DescentRun", "LineFit", "noisy_line"]

#: Descent counts as diverged once the loss passes this many times its starting value
#: (or stops being a finite number); the path is not recorded beyond that step.
DIVERGENCE_FACTOR = 1e6
_LOSS_FLOOR = 1e-12  # a start at an exact minimum (loss 0) still gets a real limit


def noisy_line(
    n: int = 20,
    *,
    slope: float = 2.0,
    intercept: float = 1.0,
    noise: float = 0.3,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points near the line ``y = slope x + intercept``, the same for the same seed.

    The x values are drawn uniformly from [0, 2] and sorted; each y is the line's value
    plus Gaussian noise of standard deviation ``noise``.

    Parameters
    ----------
    n : int
        Number of points, at least 2.
    slope, intercept : float
        The true line.
    noise : float
        Standard deviation of the noise added to y (0 puts every point on the line).
    seed : int
        Seed of the random numbers.

    Returns
    -------
    x, y : numpy.ndarray
        Two 1-D float64 arrays of length ``n``.

    Examples
    --------
    >>> x, y = noisy_line(5, noise=0.0)
    >>> bool(np.allclose(y, 2 * x + 1))
    True
    >>> noisy_line(1)
    Traceback (most recent call last):
    ...
    ValueError: n must be an integer >= 2; got 1
    """
    n = check_scalar(n, "n", int, low=2)
    slope = check_scalar(slope, "slope")
    intercept = check_scalar(intercept, "intercept")
    noise = check_scalar(noise, "noise", low=0)
    seed = check_scalar(seed, "seed", int, low=0)
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(0.0, 2.0, n))
    y = slope * x + intercept + noise * rng.standard_normal(n)
    return x, y


@dataclass(frozen=True, repr=False)
class DescentRun:
    """Where gradient descent went: the points visited and the loss at each.

    Attributes
    ----------
    path : array of shape (k + 1, 2)
        The start, then (w, b) after each of the k steps recorded; k equals ``steps``
        unless the run diverged.
    losses : array of shape (k + 1,)
        L(w, b) at each point of the path.
    lr : float
        The learning rate.
    steps : int
        The number of steps asked for.
    diverged_at : int or None
        The first step whose loss passed :data:`DIVERGENCE_FACTOR` times the starting
        loss (or was not finite); that step and those after it are not in ``path``.
        None when every step was recorded.
    """

    path: Array
    losses: Array
    lr: float
    steps: int
    diverged_at: int | None = None

    @property
    def diverged(self) -> bool:
        """True when the loss blew up (at step :attr:`diverged_at`) before the last step."""
        return self.diverged_at is not None

    @property
    def final_loss(self) -> float:
        """The loss at the last point recorded."""
        return float(self.losses[-1])

    def summary(self) -> str:
        """What happened, in words: the loss before and after, or where it diverged.

        Examples
        --------
        >>> fit = LineFit([0.0, 1.0], [1.0, 3.0])  # the line y = 2x + 1 exactly
        >>> print(fit.descend(start=(0.0, 0.0), lr=0.5, steps=3).summary())
        loss 5 -> 0.07812 after 3 steps
        """
        if self.diverged_at is not None:
            return (
                f"diverged at step {self.diverged_at}: the loss passed a million times "
                "its starting value"
            )
        taken = len(self.losses) - 1
        return (
            f"loss {float(self.losses[0]):.4g} -> {self.final_loss:.4g} after "
            f"{taken} step{'' if taken == 1 else 's'}"
        )

    def __repr__(self) -> str:
        return f"DescentRun(lr={self.lr:g}, steps={self.steps}: {self.summary()})"


class LineFit:
    """The loss landscape of fitting the line ``y_hat = w x + b`` to points (x, y).

    Parameters
    ----------
    x, y : array-like, 1-D, same length (at least 2)
        The data; x must hold at least two different values (else no line is
        determined). Kept as float64 NumPy arrays on the host.

    Examples
    --------
    >>> fit = LineFit([0.0, 1.0, 2.0], [1.0, 3.0, 5.0])  # exactly y = 2x + 1
    >>> fit.loss(2.0, 1.0), fit.loss(0.0, 0.0)
    (0.0, 11.666666666666666)
    >>> [round(v, 12) for v in fit.minimum()]
    [2.0, 1.0]
    """

    def __init__(self, x: Array, y: Array) -> None:
        x = to_numpy(as_float_array(x, "x", compat_numpy, ndims=(1,)))
        y = to_numpy(as_float_array(y, "y", compat_numpy, ndims=(1,)))
        if x.shape != y.shape:
            raise ValueError(
                f"x and y must have the same length (one y per x); got {x.size} and {y.size}"
            )
        require_finite(x, "x")
        require_finite(y, "y")
        if x.size < 2 or np.ptp(x) == 0:
            values = "no x at all" if x.size == 0 else f"x = {x.min():g} only"
            raise ValueError(
                "x must hold at least two different values, else no single line fits "
                f"best; got {x.size} point(s) with {values}"
            )
        self.x, self.y = x, y

    def __repr__(self) -> str:
        return f"LineFit({self.x.size} points)"

    def loss(self, w: Array, b: Array) -> Any:
        """``L(w, b) = mean((w x + b - y)^2)``, for one (w, b) or a whole grid at once.

        Parameters
        ----------
        w, b : float or array-like
            The slope and intercept; arrays must broadcast together (for a contour
            plot: ``w, b = np.meshgrid(ws, bs)``).

        Returns
        -------
        float or array
            A float for two numbers, else an array of the broadcast shape, of the kind
            passed in.

        Examples
        --------
        >>> fit = LineFit([0.0, 1.0], [1.0, 3.0])
        >>> fit.loss(np.array([2.0, 0.0]), 1.0)  # on the line; then (0 + 4) / 2
        array([0., 2.])
        """
        w, b, back = _parameters(w, b)
        return back(self._loss(w, b))

    def gradient(self, w: Array, b: Array) -> tuple[Any, Any]:
        """``(dL/dw, dL/db) = (2 mean(r x), 2 mean(r))`` with residuals ``r = w x + b - y``.

        Takes and returns numbers or arrays like :meth:`loss`.

        Examples
        --------
        >>> fit = LineFit([0.0, 1.0], [1.0, 3.0])
        >>> fit.gradient(0.0, 0.0)  # r = (-1, -3): 2 (0 - 3) / 2 and 2 (-1 - 3) / 2
        (-3.0, -4.0)
        """
        w, b, back = _parameters(w, b)
        dw, db = self._gradient(w, b)
        return back(dw), back(db)

    def hessian(self) -> np.ndarray:
        """The matrix of second derivatives, ``2 [[mean(x^2), mean(x)], [mean(x), 1]]``.

        It does not depend on (w, b): the loss is a quadratic bowl.

        Examples
        --------
        >>> LineFit([0.0, 1.0], [1.0, 3.0]).hessian()
        array([[1., 1.],
               [1., 2.]])
        """
        mean_x = float(np.mean(self.x))
        return 2.0 * np.array([[float(np.mean(self.x * self.x)), mean_x], [mean_x, 1.0]])

    def minimum(self) -> tuple[float, float]:
        """The best line ``(w*, b*)``, where the gradient is zero: one Newton step from (0, 0).

        The gradient is ``H (w, b) + g0`` with ``g0`` the gradient at (0, 0), so the
        minimum is ``-H^-1 g0``: least squares, the same line ``np.polyfit(x, y, 1)`` finds.

        Examples
        --------
        >>> [round(v, 12) for v in LineFit([0.0, 1.0, 2.0], [1.0, 2.0, 4.0]).minimum()]
        [1.5, 0.833333333333]
        """
        g0 = np.array(self._gradient(np.float64(0.0), np.float64(0.0)))
        w, b = np.linalg.solve(self.hessian(), -g0)
        return float(w), float(b)

    def critical_learning_rate(self) -> float:
        """``2 / lambda_max``: descent converges below this learning rate, diverges above it.

        ``lambda_max`` is the largest eigenvalue of :meth:`hessian`: along its
        eigenvector each step multiplies the distance to the minimum by
        ``1 - lr * lambda_max``, which is below 1 in size exactly when ``lr < 2 / lambda_max``.

        Examples
        --------
        >>> LineFit([-1.0, 1.0], [0.0, 0.0]).critical_learning_rate()  # H = 2 I
        1.0
        """
        return float(2.0 / np.linalg.eigvalsh(self.hessian())[-1])

    def descend(self, start: Array, lr: float, steps: int) -> DescentRun:
        """Gradient descent from ``start = (w, b)``: ``steps`` steps of ``lr`` times the gradient.

        Never warns or fails when the loss blows up: the run stops recording at the
        first step whose loss passes :data:`DIVERGENCE_FACTOR` times the starting loss
        (or is not finite) and says so in :attr:`DescentRun.diverged_at`.

        Parameters
        ----------
        start : array-like of 2 numbers
            The starting (w, b).
        lr : float
            The learning rate, > 0.
        steps : int
            How many steps to take, >= 0.

        Returns
        -------
        DescentRun
            ``path`` (steps + 1, 2) and ``losses`` (steps + 1,), of the kind of ``start``
            (NumPy for a tuple or list), shorter when the run diverged.

        Examples
        --------
        >>> fit = LineFit([0.0, 1.0], [1.0, 3.0])
        >>> fit.descend(start=(0.0, 0.0), lr=0.5, steps=1).path  # gradient (-3, -4)
        array([[0. , 0. ],
               [1.5, 2. ]])
        >>> fit.descend(start=(0.0, 0.0), lr=0.0, steps=1)
        Traceback (most recent call last):
        ...
        ValueError: lr must be a real number > 0; got 0.0
        """
        point, back = enter(start, compat_numpy, "start", ndims=(1,))
        if point.shape != (2,):
            raise ValueError(
                f"start must be 2 numbers, (w, b); got {point.shape[0]} ({to_numpy(point)})"
            )
        require_finite(point, "start")
        lr = check_scalar(lr, "lr", low=0, include_low=False)
        steps = check_scalar(steps, "steps", int, low=0)
        w, b = (float(v) for v in to_numpy(point))
        r = self._residuals(w, b)
        path, losses = [(w, b)], [float(self._mean_square(r))]
        limit = DIVERGENCE_FACTOR * max(losses[0], _LOSS_FLOOR)
        diverged_at = None
        with np.errstate(over="ignore", invalid="ignore"):  # a blow-up is a result here
            for step in range(1, steps + 1):
                dw, db = self._slopes(r)
                w, b = w - lr * float(dw), b - lr * float(db)
                r = self._residuals(w, b)
                loss = float(self._mean_square(r))
                if not loss <= limit:  # also true for nan
                    diverged_at = step
                    break
                path.append((w, b))
                losses.append(loss)
        return DescentRun(back(np.array(path)), back(np.array(losses)), lr, steps, diverged_at)

    def _residuals(self, w: Any, b: Any) -> np.ndarray:
        """``w x_i + b - y_i`` along a new last axis, for every (w, b) of the grid."""
        if isinstance(w, float) and isinstance(b, float):  # one point: descent's fast path
            return w * self.x + b - self.y
        return np.expand_dims(w, -1) * self.x + np.expand_dims(b, -1) - self.y

    @staticmethod
    def _mean_square(r: np.ndarray) -> np.ndarray:
        """The loss from the residuals: ``mean(r^2)`` over the data (the last axis)."""
        return np.mean(r * r, axis=-1)

    def _slopes(self, r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The gradient from the residuals: ``(2 mean(r x), 2 mean(r))``."""
        return 2.0 * np.mean(r * self.x, axis=-1), 2.0 * np.mean(r, axis=-1)

    def _loss(self, w: Any, b: Any) -> np.ndarray:
        return self._mean_square(self._residuals(w, b))

    def _gradient(self, w: Any, b: Any) -> tuple[np.ndarray, np.ndarray]:
        return self._slopes(self._residuals(w, b))


def _parameters(w: Array, b: Array) -> tuple[np.ndarray, np.ndarray, Any]:
    """w and b as broadcast float64 NumPy arrays, and the way back to the caller's kind."""
    w_host, back_w = enter(w, compat_numpy, "w", ndims=None)
    b_host, back_b = enter(b, compat_numpy, "b", ndims=None)
    try:
        w_host, b_host = np.broadcast_arrays(w_host, b_host)
    except ValueError:
        raise ValueError(
            "w and b must broadcast together (for a grid, make both with np.meshgrid); "
            f"got shapes {tuple(w_host.shape)} and {tuple(b_host.shape)}"
        ) from None
    if not (is_array(w) or is_array(b)):
        return w_host, b_host, _number_or_array
    return w_host, b_host, back_w if is_array(w) else back_b


def _number_or_array(result: np.ndarray) -> Any:
    """Numbers in, a float out; lists in, a NumPy array out."""
    return float(result) if result.ndim == 0 else result
