"""Turning what the user hands us into arrays, with errors that say what went wrong.

The math in nnbook is written once against the *array API*: the common set of
functions that NumPy, CuPy and others share. :func:`namespace` finds the right
module for an array; :func:`as_float_array` converts and checks input so that a
mistake is reported here, in words, instead of deep inside NumPy.

Examples
--------
>>> import numpy as np
>>> as_float_array([[1, 2], [3, 4]], "x", np).dtype
dtype('float64')
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

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
        from array_api_compat import array_namespace

        xp = array_namespace(*arrays)
        if len(arrays) == 1:
            _namespace_cache[kind] = xp
    return xp


def is_array(value: Any) -> bool:
    """True for an array object of any array-API library (NumPy, CuPy, array-api-strict...)."""
    if isinstance(value, np.ndarray):
        return True
    from array_api_compat import is_array_api_obj

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
    ndims: tuple[int, ...] = (1, 2),
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
        The array namespace the result must belong to.
    ndims : tuple of int
        The numbers of dimensions that are accepted.
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
    >>> import numpy as np
    >>> as_float_array([1, 2, 3], "input", np)
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
    if array.ndim not in ndims:
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


def _module_name(xp: Any) -> str:
    return getattr(xp, "__name__", "").replace("array_api_compat.", "")


def _move(value: Any, xp: Any) -> Any:
    """Copy an array into another library's namespace (e.g. NumPy -> CuPy), via the host."""
    from nnbook.backend import to_numpy

    return xp.asarray(to_numpy(value))


def require_finite(array: Any, name: str) -> None:
    """Raise ``ValueError`` if ``array`` holds NaN or infinity (a broken weight poisons everything).

    Examples
    --------
    >>> import numpy as np
    >>> require_finite(np.array([1.0, np.nan]), "weights")
    Traceback (most recent call last):
    ...
    ValueError: weights must be finite numbers; got 1 NaN or infinite value(s) of 2
    """
    xp = namespace(array)
    bad = int(xp.sum(xp.astype(~xp.isfinite(array), xp.int64)))
    if bad:
        raise ValueError(
            f"{name} must be finite numbers; got {bad} NaN or infinite value(s) of {array.size}"
        )
