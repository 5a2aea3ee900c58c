"""Shortcuts a task rules out: the learner's function runs with them switched off.

Some tasks ask the learner to build a function from simpler parts: tanh from ``np.exp``, not
``np.tanh``; ``|x|`` from ReLU hinges, not ``np.abs``. A check keeps that rule honestly by
running the learner's function inside :func:`watching`, which catches a ruled-out function
however it is reached:

* by its name, looked up while the function runs: each name the task rules out (``np.tanh``,
  ``math.tanh``, the built-in ``abs``...), and every other NumPy name for the same function
  (``np.absolute`` is ``np.abs``), is replaced by a stand-in that raises :class:`ShortcutUsed`;
* by any other road: the learner's input arrays come as :class:`WatchedArray` views, which report
  a ruled-out NumPy operation on them or on anything computed from them, whether it was reached
  through a name bound before the check (``from numpy import tanh``) or an array method
  (``x.clip(0, 1)``).

Everything is put back when the function ends, however it ends. The stand-ins act only on the
checking thread, and library code (NumPy, the standard library, installed packages) may use a
ruled-out function inside one of its own (``np.isclose`` takes an ``abs``): that is no
shortcut. The first use is also remembered, so a function that catches the error and carries
on is still reported.

What it cannot see: the same result computed inside a NumPy function that is not ruled out
(``np.linalg.norm`` of a single number is its absolute value), or an array method called on a
plain copy of the input (``np.array(x).clip(0, 1)``).

Examples
--------
>>> with watching(["np.tanh"]) as watch:
...     try:
...         np.tanh(0.5)
...     except ShortcutUsed as used:
...         print("caught", used.name)
caught np.tanh
>>> isinstance(np.tanh, np.ufunc)  # back after the watch
True
"""

from __future__ import annotations

import builtins
import importlib
import os
import sys
import sysconfig
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np

__all__ = ["ShortcutUsed", "Watch", "WatchedArray", "resolve", "watching"]

#: How a shortcut's module is written in a task (``np.tanh``), and which module that is.
_MODULE_NAMES = {"np": "numpy"}


class ShortcutUsed(BaseException):
    """Raised inside the learner's function when it calls a function its task rules out.

    Not an :class:`Exception`, so that ``except Exception:`` in the learner's code lets it
    through. ``name`` is the function as the learner wrote it, e.g. ``"np.tanh"``.
    """

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def resolve(shortcut: str) -> tuple[ModuleType, str, Any]:
    """The module, attribute name and function that ``shortcut`` names.

    ``"np.tanh"`` is NumPy's ``tanh``, ``"math.tanh"`` the math module's, ``"nnbook.tanh"``
    nnbook's; a name without a dot (``"abs"``) is a built-in.

    Raises
    ------
    ValueError
        If no such function exists (the message names the shortcut).

    Examples
    --------
    >>> module, name, function = resolve("np.abs")
    >>> module.__name__, name, function is np.absolute
    ('numpy', 'abs', True)
    """
    where, _, name = shortcut.rpartition(".")
    try:
        module = importlib.import_module(_MODULE_NAMES.get(where, where)) if where else builtins
        function = getattr(module, name)
        while isinstance(function, _StandIn):  # a check on another thread is running
            function = function._function
    except (ImportError, AttributeError):
        raise ValueError(
            f"unknown shortcut {shortcut!r}: write it as np.NAME, math.NAME, nnbook.NAME "
            "or a built-in's name"
        ) from None
    if not callable(function):
        raise ValueError(f"shortcut {shortcut!r} is not a function")
    return module, name, function


@dataclass
class Watch:
    """What :func:`watching` watches for, and the first ruled-out function the learner used."""

    names: frozenset[str]
    thread: int
    used: str | None = None

    def caught(self, name: str) -> None:
        """Remember the first use, and stop the learner's function there."""
        if self.used is None:
            self.used = name
        raise ShortcutUsed(name)

    def arrays(self, values: Sequence[Any]) -> list[Any]:
        """The learner's inputs, each NumPy array as a :class:`WatchedArray` view of itself."""
        if not self.names:
            return list(values)
        return [v.view(WatchedArray) if type(v) is np.ndarray else v for v in values]


#: The watch on, per thread (a check on one thread never watches another's arrays).
_watches = threading.local()


#: Where the standard library and installed packages live: code there is not the learner's.
_LIBRARIES = tuple(
    os.path.join(os.path.normcase(os.path.realpath(path)), "")
    for path in {sysconfig.get_path(key) for key in ("stdlib", "platstdlib", "purelib", "platlib")}
    if path
)


def _library_uses_it_itself(frame: Any, names: frozenset[str]) -> bool:
    """True when ``frame`` is library code that names one of ``names`` itself.

    ``np.isclose`` computes an ``abs`` inside: not the learner's shortcut. A library function
    merely handed the shortcut (``np.vectorize(math.tanh)``) does not name it, and NumPy's array
    methods written in Python (``x.clip`` runs ``numpy._core._methods._clip``) act for the
    learner: both count as the learner's calls.
    """
    if frame.f_globals.get("__name__", "").endswith("._methods"):
        return False
    path = os.path.normcase(os.path.realpath(frame.f_code.co_filename))
    return path.startswith(_LIBRARIES) and not names.isdisjoint(frame.f_code.co_names)


def _caller(frame: Any) -> Any:
    """The first frame, from ``frame`` outwards, that is not this module's."""
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back
    return frame


class _StandIn:
    """Takes a ruled-out function's place while a check runs: on the checking thread, a call
    is caught unless library code makes it for itself; any other call goes to the function."""

    def __init__(self, function: Any, name: str, looked_up: str, watch: Watch) -> None:
        self._function = function
        self._name = name
        self._looked_up = frozenset({looked_up})
        self._watch = watch

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if threading.get_ident() == self._watch.thread:
            caller = _caller(sys._getframe(1))
            if caller is None or not _library_uses_it_itself(caller, self._looked_up):
                self._watch.caught(self._name)
        return self._function(*args, **kwargs)

    def __getattr__(self, attribute: str) -> Any:  # np.abs.reduce, np.tanh.__name__...
        if attribute.startswith("_") and not attribute.startswith("__"):
            raise AttributeError(attribute)  # its own, not yet set (a copy being made)
        return getattr(self._function, attribute)

    def __repr__(self) -> str:
        return repr(self._function)


class WatchedArray(np.ndarray):
    """A NumPy array that reports the ruled-out operations done on it while a watch is on.

    NumPy hands every ufunc applied to it (``np.tanh(x)``, ``abs(x)``, ``x.clip(0, 1)``,
    ``x + 1``...) to :meth:`__array_ufunc__`, which checks the ufunc's name against the watch,
    then computes on plain arrays and hands back a watched array, so that whatever is computed
    from the input is watched too. Outside a watch it behaves as a plain array. It prints as
    one, and is called ``ndarray`` in error messages, so that the learner sees what the chapter
    shows.
    """

    def __array_ufunc__(self, ufunc: np.ufunc, method: str, *inputs: Any, **kwargs: Any) -> Any:
        watch = getattr(_watches, "current", None)
        if (
            watch is not None
            and ufunc.__name__ in watch.names
            and threading.get_ident() == watch.thread
        ):
            caller = _caller(sys._getframe(1))
            if caller is None or not _library_uses_it_itself(caller, watch.names):
                watch.caught(f"np.{ufunc.__name__}")
        plain = tuple(_plain(value) for value in inputs)
        out = kwargs.get("out")
        if out is not None:
            kwargs["out"] = tuple(_plain(value) for value in out)
        result = getattr(ufunc, method)(*plain, **kwargs)
        if out is not None:
            return out[0] if len(out) == 1 else out
        if isinstance(result, tuple):
            return tuple(_watched(value) for value in result)
        return _watched(result)

    def __repr__(self) -> str:
        return repr(self.view(np.ndarray))


WatchedArray.__name__ = WatchedArray.__qualname__ = "ndarray"


def _plain(value: Any) -> Any:
    return value.view(np.ndarray) if isinstance(value, WatchedArray) else value


def _watched(value: Any) -> Any:
    return value.view(WatchedArray) if type(value) is np.ndarray else value


def _stand_ins(shortcuts: Sequence[str], watch: Watch) -> Iterator[tuple[Any, str, Any, Any]]:
    """(module, attribute, function, stand-in) for every name of every ruled-out function."""
    seen = set()
    for shortcut in shortcuts:
        module, name, function = resolve(shortcut)
        prefix = "" if module is builtins else shortcut.rpartition(".")[0] + "."
        others = (alias for alias, value in vars(module).items() if value is function)
        aliases = [name, *sorted(set(others) - {name})]
        for alias in aliases:
            if (module, alias) not in seen:
                seen.add((module, alias))
                yield module, alias, function, _StandIn(function, prefix + alias, alias, watch)


def _names(shortcuts: Sequence[str]) -> frozenset[str]:
    """The ufunc names a watched array refuses: each shortcut's name and its function's."""
    names = set()
    for shortcut in shortcuts:
        _, name, function = resolve(shortcut)
        names.update({name, getattr(function, "__name__", name)})
    return frozenset(names)


@contextmanager
def watching(shortcuts: Sequence[str]) -> Iterator[Watch]:
    """While the block runs, the ``shortcuts`` raise :class:`ShortcutUsed` on this thread.

    Parameters
    ----------
    shortcuts : sequence of str
        The ruled-out functions, as a learner writes them: ``"np.tanh"``, ``"math.tanh"``,
        ``"abs"``... Empty: nothing is watched.

    Yields
    ------
    Watch
        Its :meth:`Watch.arrays` turns the learner's inputs into watched arrays; its ``used``
        names the first shortcut the learner's code called, if any.

    Examples
    --------
    >>> with watching(["abs"]) as watch:
    ...     x = watch.arrays([np.array([-1.0, 2.0])])[0]
    ...     try:
    ...         y = np.maximum(x, 0) + np.maximum(-x, 0)  # allowed: ReLU hinges
    ...         y = abs(x)
    ...     except ShortcutUsed:
    ...         pass
    >>> watch.used
    'abs'
    """
    watch = Watch(_names(shortcuts), threading.get_ident())
    swaps = list(_stand_ins(shortcuts, watch))
    previous = getattr(_watches, "current", None)
    try:
        for module, name, _function, stand_in in swaps:
            setattr(module, name, stand_in)
        _watches.current = watch
        yield watch
    finally:
        _watches.current = previous
        for module, name, function, _stand_in in reversed(swaps):
            setattr(module, name, function)
