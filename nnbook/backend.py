"""Where the matrix math runs: a GPU through CuPy when one truly works, else NumPy.

``import cupy`` succeeds on plenty of machines that have no usable GPU (a CPU-only
Colab runtime, a laptop with the wheel but no driver). So nnbook decides by a real
smoke test: allocate a tiny array on the device and compute with it. Only when that
works does ``auto`` pick the GPU.

Choose with the ``NNBOOK_DEVICE`` environment variable (``auto``, ``cpu`` or ``gpu``)
before importing, or with :func:`use_device` at any time. The device holds the arrays
nnbook makes itself (a network's random initial weights, a loaded network). Numbers
you hand over stay the kind you gave, and every answer comes back as the kind of array
you passed in: NumPy in, NumPy out, even when the math ran on the GPU.

Examples
--------
>>> import nnbook
>>> nnbook.use_device("cpu")
'cpu'
>>> nnbook.device()
'cpu'
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import numpy as np

CHOICES = ("auto", "cpu", "gpu")
ENV_VAR = "NNBOOK_DEVICE"

_state: dict[str, Any] = {"device": None, "reason": None, "probe": None}


class GPUUnavailableError(RuntimeError):
    """Raised when the GPU is asked for by name but cannot be used."""


def _probe_gpu() -> tuple[bool, str]:
    """Try to use CuPy for real: allocate on the device, compute, copy back.

    Returns ``(usable, reason)``; the reason says what happened in plain words.
    The answer is cached: the probe runs at most once per process.
    """
    if _state["probe"] is not None:
        return _state["probe"]
    try:
        import cupy
    except Exception as exc:  # ImportError, or a broken install raising anything
        result = (False, f"CuPy is not importable ({type(exc).__name__}: {exc})")
    else:
        try:
            a = cupy.arange(4, dtype=cupy.float64)
            total = float((a @ a).get())  # allocation, a kernel and a copy back
            if total != 14.0:
                result = (False, f"the GPU smoke test computed {total}, expected 14.0")
            else:
                name = _gpu_name(cupy)
                result = (True, f"CuPy {cupy.__version__} computed on {name}")
        except Exception as exc:  # CUDARuntimeError, CUDADriverError, missing libs...
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            result = (
                False,
                f"CuPy is installed but the GPU smoke test failed "
                f"({type(exc).__name__}: {first_line})",
            )
    _state["probe"] = result
    return result


def _gpu_name(cupy: ModuleType) -> str:
    try:
        props = cupy.cuda.runtime.getDeviceProperties(cupy.cuda.Device().id)
        name = props["name"]
        return name.decode() if isinstance(name, bytes) else str(name)
    except Exception:
        return "the GPU"


def gpu_available() -> bool:
    """True when CuPy is installed *and* a tiny computation on the GPU succeeds.

    Examples
    --------
    >>> isinstance(gpu_available(), bool)
    True
    """
    return _probe_gpu()[0]


def use_device(choice: str = "auto") -> str:
    """Choose where nnbook's own new arrays live: ``"auto"``, ``"cpu"`` or ``"gpu"``.

    "Own" means the arrays nnbook makes: the random weights of
    :meth:`nnbook.Network.from_sizes` and a loaded network. Numbers you hand over stay
    the kind you gave (a list or NumPy array stays on the CPU), and every answer comes
    back as the kind of array you passed in.

    ``auto`` takes the GPU when :func:`gpu_available` says so, else the CPU, silently.
    ``gpu`` raises :class:`GPUUnavailableError` saying why when no GPU is usable.
    Returns the device now in use (``"cpu"`` or ``"gpu"``).

    Examples
    --------
    >>> use_device("cpu")
    'cpu'
    """
    if not isinstance(choice, str) or choice.strip().lower() not in CHOICES:
        raise ValueError(f"device must be one of {', '.join(CHOICES)}; got {choice!r}")
    choice = choice.strip().lower()
    if choice == "cpu":
        device_, reason = "cpu", "the CPU was chosen explicitly"
    else:
        usable, why = _probe_gpu()
        if usable:
            device_, reason = "gpu", why
        elif choice == "gpu":
            raise GPUUnavailableError(f"the GPU was asked for but cannot be used: {why}")
        else:
            device_, reason = "cpu", f"no usable GPU, so NumPy on the CPU: {why}"
    _state.update(device=device_, reason=reason)
    return device_


@contextmanager
def using_device(choice: str) -> Iterator[str]:
    """Use a device inside a ``with`` block, then go back to the one chosen before.

    Examples
    --------
    >>> _ = use_device("cpu")
    >>> with using_device("auto") as inside:
    ...     inside in ("cpu", "gpu")
    True
    >>> device()
    'cpu'
    """
    saved = dict(_state)
    try:
        yield use_device(choice)
    finally:
        _state.update(saved)


def _ensure_chosen() -> None:
    if _state["device"] is None:
        env = os.environ.get(ENV_VAR, "auto")
        try:
            use_device(env)
        except ValueError:
            raise ValueError(
                f"environment variable {ENV_VAR} must be one of {', '.join(CHOICES)}; got {env!r}"
            ) from None


def device() -> str:
    """The device nnbook's own new arrays go to: ``"cpu"`` or ``"gpu"``."""
    _ensure_chosen()
    return _state["device"]


def device_reason() -> str:
    """One sentence saying why :func:`device` is what it is.

    Examples
    --------
    >>> _ = use_device("cpu")
    >>> device_reason()
    'the CPU was chosen explicitly'
    """
    _ensure_chosen()
    return _state["reason"]


def xp() -> ModuleType:
    """The array-API namespace for the current device: CuPy's on the GPU, else NumPy's.

    Examples
    --------
    >>> _ = use_device("cpu")
    >>> xp().__name__
    'array_api_compat.numpy'
    """
    if device() == "gpu":
        import array_api_compat.cupy

        return array_api_compat.cupy
    import array_api_compat.numpy

    return array_api_compat.numpy


def to_numpy(array: Any) -> np.ndarray:
    """Bring an array back to the CPU as a NumPy array (for printing and plotting).

    Examples
    --------
    >>> to_numpy([1.0, 2.0])
    array([1., 2.])
    """
    if isinstance(array, np.ndarray):
        return array
    get = getattr(array, "get", None)  # CuPy
    if callable(get) and type(array).__module__.startswith("cupy"):
        return get()
    if hasattr(array, "__dlpack__"):  # array-api-strict, torch on the CPU, ...
        try:
            return np.from_dlpack(array)
        except BufferError:  # read-only data: NumPy before 2.1 cannot pass it through DLPack
            return np.from_dlpack(array.__array_namespace__().asarray(array, copy=True))
    return np.asarray(array)
