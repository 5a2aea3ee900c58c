"""Turning what the user hands us into arrays, and every check on them, with errors in words.

The math in nnbook is written once against the *array API*: the common set of
functions that NumPy, CuPy and others share. :func:`namespace` finds the right
module for an array; :func:`as_float_array` converts and checks input so that a
mistake is reported here, in words, instead of deep inside NumPy. The other
validators every floor above needs live here too, so that checking never makes a
module import one that sits above it: :func:`require_finite`, :func:`check_width`
(an input's last axis), :func:`check_sizes_chain` (consecutive layers fit together)
and :func:`check_labels` (class indices).

Examples
--------
>>> import array_api_compat.numpy as xp  # NumPy as the array API sees it, on NumPy 1 and 2
>>> as_float_array([[1, 2], [3, 4]], "x", xp).dtype
dtype('float64')
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

import array_api_compat.numpy as compat_numpy
import numpy as np
from array_api_compat import array_namespace, is_array_api_obj

from nnbook.backend import to_numpy

__all__ = [
    "Array",
    "as_float_array",
    "check_labels",
    "check_scalar",
    "check_sizes_chain",
    "check_width",
    "enter",
    "input_namespace",
    "is_array",
    "namespace",
    "require_finite",
]

#: Any array of an array-API library (NumPy, CuPy, array-api-strict...): the type hint
#: nnbook uses for "an array, or anything :func:`as_float_array` turns into one".
Array = Any

_namespace_cache: dict[type, Any] = {}


def namespace(*arrays: Any) -> Any:
    """The array-API namespace of ``arrays`` (cached per array type, so it is cheap).

    Examples
    --------
    >>> import numpy as np
    >>> namespace(np.zeros(2)).__name__
    'array_api_compat.numpy'
    """
    kind = type(arrays[0])
    xp = _namespace_cache.get(kind)
    if xp is None or any(type(a) is not kind for a in arrays[1:]):
        xp = array_namespace(*arrays)
        if len(arrays) == 1:
            _namespace_cache[kind] = xp
    return xp


def is_array(value: Any) -> bool:
    """True for an array object of any array-API library (NumPy, CuPy, array-api-strict...)."""
    if isinstance(value, np.ndarray):
        return True
    return is_array_api_obj(value) and not isinstance(value, (int, float, complex))


def _describe(value: Any) -> str:
    shape = getattr(value, "shape", None)
    dtype = getattr(value, "dtype", None)
    if shape is not None:
        return f"{type(value).__name__} of shape {tuple(shape)} and dtype {dtype}"
    return f"{type(value).__name__} {value!r}"[:120]


def _is_real_number_dtype(xp: Any, dtype: Any) -> bool:
    try:
        return bool(xp.isdtype(dtype, ("bool", "integral", "real floating")))
    except Exception:
        return False


def _default_float(xp: Any) -> Any:
    return getattr(xp, "float64", None) or xp.float32


def as_float_array(
    value: Any,
    name: str,
    xp: ModuleType | Any,
    ndims: tuple[int, ...] | None = (1, 2),
    dtype: Any = None,
) -> Any:
    """Convert ``value`` into a floating-point array of namespace ``xp``, or explain why not.

    Parameters
    ----------
    value : array-like
        A list, a NumPy/CuPy/array-api array, or a number.
    name : str
        What the value is, for error messages (``"input"``, ``"weights"``...).
    xp : namespace
        The array namespace the result must belong to, as :func:`namespace` returns it
        (plain ``numpy`` is one only from NumPy 2.0 on; ``array_api_compat.numpy`` always is).
    ndims : tuple of int, or None
        The numbers of dimensions that are accepted (None: any).
    dtype : optional
        The floating dtype wanted; by default keep a floating dtype, else float64.

    Raises
    ------
    TypeError
        If the data are not real numbers (strings, objects, complex numbers).
    ValueError
        If the number of dimensions is not one of ``ndims`` or the data are ragged.

    Examples
    --------
    >>> import array_api_compat.numpy as xp
    >>> as_float_array([1, 2, 3], "input", xp)
    array([1., 2., 3.])
    """
    if is_array(value):
        src_xp = namespace(value)
        if not _is_real_number_dtype(src_xp, value.dtype):
            raise TypeError(f"{name} must hold real numbers; got {_describe(value)}")
        if src_xp is not xp and _module_name(src_xp) != _module_name(xp):
            value = _move(value, xp)
        array = value
    else:
        try:
            host = np.asarray(value)
        except (ValueError, TypeError) as exc:
            raise ValueError(
                f"{name} must be a rectangular array of numbers (all rows the same length); "
                f"got {_describe(value)} ({exc})"
            ) from None
        if host.dtype.kind not in "biuf":
            raise TypeError(
                f"{name} must hold real numbers; got {_describe(value)} "
                f"(NumPy sees dtype {host.dtype})"
            )
        array = xp.asarray(host)
    if ndims is not None and array.ndim not in ndims:
        wanted = " or ".join(f"{n}-D" for n in ndims)
        raise ValueError(
            f"{name} must be {wanted}; got {array.ndim}-D with shape {tuple(array.shape)}"
        )
    want = dtype
    if want is None and not xp.isdtype(array.dtype, "real floating"):
        want = _default_float(xp)
    if want is not None and array.dtype != want:
        array = xp.astype(array, want)
    return array


def input_namespace(value: Any) -> Any:
    """The namespace that ``value`` belongs to: an array's own; lists and numbers are NumPy.

    Functions compute in it, and weights given by the user stay in it: your numbers stay
    the kind you gave. Only arrays that nnbook makes itself (the random weights of
    :meth:`nnbook.Network.from_sizes`, a loaded network) go to the current device.

    Examples
    --------
    >>> input_namespace([1.0, 2.0]).__name__
    'array_api_compat.numpy'
    """
    return namespace(value) if is_array(value) else compat_numpy


def enter(
    value: Any, xp: Any, name: str, ndims: tuple[int, ...] | None = (1, 2), dtype: Any = None
) -> tuple[Array, Callable[[Array], Array]]:
    """``value`` ready to compute with in ``xp``, and the way back for the results.

    nnbook's rule for every computation: the answer comes back as the kind of array the
    caller passed in. NumPy in, NumPy out (also when the weights live on the GPU: the
    math runs there and the result is copied back); CuPy in, CuPy out (no copy at all:
    the fast path); array-api-strict in, array-api-strict out. Lists and numbers count as
    NumPy. Returns the converted array and a function that turns a result into the
    caller's kind.

    Examples
    --------
    >>> import numpy as np
    >>> import array_api_compat.numpy as xp
    >>> x, back = enter([1, 2], xp, "input")
    >>> x, type(back(x * 2)).__name__
    (array([1., 2.]), 'ndarray')
    """
    caller = _module_name(namespace(value)) if is_array(value) else "numpy"
    array = as_float_array(value, name, xp, ndims, dtype)
    if caller == _module_name(xp):
        return array, _as_is
    if caller == "numpy":
        return array, to_numpy
    caller_xp = namespace(value)
    return array, lambda result: caller_xp.asarray(to_numpy(result))


def _as_is(result: Array) -> Array:
    return result


def _module_name(xp: Any) -> str:
    return getattr(xp, "__name__", "").replace("array_api_compat.", "")


def _move(value: Any, xp: Any) -> Any:
    """Copy an array into another library's namespace (e.g. NumPy -> CuPy), via the host."""
    return xp.asarray(to_numpy(value))


def require_finite(array: Array, name: str) -> None:
    """Raise ``ValueError`` if ``array`` holds NaN or infinity, saying where the first one is.

    One cheap reduction answers the usual case (all finite); only when it fails is the
    array searched, on the host, for the first bad value to name it (row and column for
    a table of data: a broken value poisons everything it touches).

    Examples
    --------
    >>> import numpy as np
    >>> require_finite(np.array([[1.0, 2.0], [3.0, np.nan]]), "X")
    Traceback (most recent call last):
    ...
    ValueError: X must hold finite numbers; its first bad value is nan at row 1, column 1 (...)
    """
    xp = namespace(array)
    if bool(xp.all(xp.isfinite(array))):
        return
    host = to_numpy(array)
    bad = ~np.isfinite(host)
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    raise ValueError(
        f"{name} must hold finite numbers; its first bad value is {host[first]} at "
        f"{_position(first)} ({int(bad.sum())} of {host.size} values are NaN or infinite)"
    )


def _position(index: tuple[int, ...]) -> str:
    if len(index) == 0:
        return "the single value"
    if len(index) == 1:
        return f"position {index[0]}"
    if len(index) == 2:
        return f"row {index[0]}, column {index[1]}"
    return f"index {index}"


def _interval(low: float | None, high: float | None, include_low: bool, include_high: bool) -> str:
    if low is None and high is None:
        return ""
    if high is None:
        return f" {'>=' if include_low else '>'} {low:g}"
    if low is None:
        return f" {'<=' if include_high else '<'} {high:g}"
    return f" in {'[' if include_low else '('}{low:g}, {high:g}{']' if include_high else ')'}"


def check_scalar(
    value: Any,
    name: str,
    kind: type = float,
    *,
    low: float | None = None,
    high: float | None = None,
    include_low: bool = True,
    include_high: bool = True,
) -> Any:
    """Check one number a user passed (a learning rate, a batch size...) and return it.

    ``kind=float`` accepts any real number (Python or NumPy, ``np.float32`` included) that
    is finite and returns a ``float``; ``kind=int`` accepts whole numbers only and returns
    an ``int``. Booleans are refused for both. The wrong kind raises ``TypeError``, a
    value outside the bounds ``ValueError``; both messages name the argument, say what is
    expected and end with ``got <value>``.

    Examples
    --------
    >>> import numpy as np
    >>> check_scalar(np.float32(0.5), "momentum", low=0, high=1, include_high=False)
    0.5
    >>> check_scalar(0, "epochs", int, low=1)
    Traceback (most recent call last):
    ...
    ValueError: epochs must be an integer >= 1; got 0
    >>> check_scalar("0.1", "lr", low=0, include_low=False)
    Traceback (most recent call last):
    ...
    TypeError: lr must be a real number > 0; got '0.1'
    """
    bounds = _interval(low, high, include_low, include_high)
    if kind is int:
        what, ok_kind = "an integer", isinstance(value, (int, np.integer))
    else:
        what, ok_kind = "a real number", isinstance(value, (int, float, np.integer, np.floating))
    if isinstance(value, (bool, np.bool_)) or not ok_kind:
        raise TypeError(f"{name} must be {what}{bounds}; got {value!r}")
    number = int(value) if kind is int else float(value)
    too_low = low is not None and (number < low if include_low else number <= low)
    too_high = high is not None and (number > high if include_high else number >= high)
    if not math.isfinite(number) or too_low or too_high:
        raise ValueError(f"{name} must be {what}{bounds}; got {value!r}")
    return number


def check_width(x: Array, expected: int, what: str) -> None:
    """Raise a clear ``ValueError`` when ``x``'s last axis is not ``expected`` long.

    ``what`` names the thing that reads ``x``, as the user knows it.

    Examples
    --------
    >>> import numpy as np
    >>> check_width(np.zeros((4, 3)), 2, "this layer")
    Traceback (most recent call last):
    ...
    ValueError: this layer expects 2 input value(s); got 3 per row (input shape (4, 3))
    """
    given = x.shape[-1]
    if given != expected:
        rows = "" if x.ndim == 1 else f" per row (input shape {tuple(x.shape)})"
        raise ValueError(f"{what} expects {expected} input value(s); got {given}{rows}")


def check_sizes_chain(sizes_in: Sequence[int], sizes_out: Sequence[int]) -> None:
    """Each layer must read as many inputs as the layer before it has outputs.

    Examples
    --------
    >>> check_sizes_chain([4, 3], [3, 2])  # 4 -> 3, then 3 -> 2: they fit
    >>> check_sizes_chain([4, 5], [3, 2])
    Traceback (most recent call last):
    ...
    ValueError: layer 1 has 3 outputs but layer 2 expects 5 inputs; consecutive layers must ...
    """
    for k, (out, nxt) in enumerate(zip(sizes_out[:-1], sizes_in[1:], strict=True), start=1):
        if out != nxt:
            raise ValueError(
                f"layer {k} has {out} outputs but layer {k + 1} expects {nxt} inputs; "
                "consecutive layers must fit together"
            )


def check_labels(labels: Array, n_classes: int, n_rows: int | None = None) -> np.ndarray:
    """Class labels as a 1-D NumPy integer array, checked against ``n_classes`` and ``n_rows``.

    Raises
    ------
    TypeError
        If the labels are not integers (e.g. floats like 2.5).
    ValueError
        If the labels are not 1-D (e.g. one-hot rows), a label is outside
        ``0 .. n_classes - 1``, or there is not one label per row.

    Examples
    --------
    >>> check_labels([0, 2, 1], n_classes=3)
    array([0, 2, 1])
    >>> check_labels([0, 3], n_classes=3)
    Traceback (most recent call last):
    ...
    ValueError: labels must be integers in 0..2 (one per class); got values from 0 to 3
    """
    host = to_numpy(labels) if is_array(labels) else np.asarray(labels)
    if host.ndim != 1:
        raise ValueError(
            f"labels must be 1-D, one class index per row; got shape {host.shape} "
            "(one-hot rows? pass their argmax instead)"
        )
    if host.dtype.kind == "f" and np.all(host == np.round(host)):
        host = host.astype(np.int64)  # 3.0 is a fine label; 2.5 is not (nor NaN); [] is empty
    if host.dtype.kind not in "iu":
        raise TypeError(f"labels must be integers (class indices); got dtype {host.dtype}")
    if host.size and (host.min() < 0 or host.max() >= n_classes):
        raise ValueError(
            f"labels must be integers in 0..{n_classes - 1} (one per class); "
            f"got values from {host.min()} to {host.max()}"
        )
    if n_rows is not None and host.shape[0] != n_rows:
        raise ValueError(f"need one label per row: {n_rows} rows but {host.shape[0]} labels")
    return host.astype(np.int64, copy=False)
