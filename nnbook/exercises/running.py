"""Running the learner's function for a check: whatever it does, the check gets to say so.

:func:`run_learner_function` calls the function once, on one case's inputs, and makes sure that
the call ends and leaves everything as it was:

* a time limit (:mod:`~nnbook.exercises.time_limit`): a loop that never ends is stopped and
  raises :class:`~nnbook.exercises.time_limit.TimeLimitExceeded`;
* ``exit()``, ``quit()`` and ``sys.exit()`` raise :class:`SystemExit` and nothing more: the
  built-in ``exit()`` would first close standard input, and in a Jupyter kernel ``exit()``
  raises nothing at all but shuts the kernel down after the cell, with every variable in it;
* the shortcuts the task rules out (:mod:`~nnbook.exercises.shortcuts`) raise
  :class:`~nnbook.exercises.shortcuts.ShortcutUsed`, even when the learner's code caught that;
* NumPy's warnings (overflow, division by zero) stay quiet: the answer itself says what went
  wrong.

Anything else the function raises passes through, :class:`KeyboardInterrupt` included: a real
Ctrl-C stops the check too.

Examples
--------
>>> run_learner_function(lambda x: 2 * x, [3.0], seconds=1.0)
6.0
>>> try:
...     run_learner_function(lambda x: exit(), [3.0], seconds=1.0)
... except SystemExit:
...     print("exit() reported, not obeyed")
exit() reported, not obeyed
"""

from __future__ import annotations

import builtins
import sys
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np

from nnbook.exercises.shortcuts import ShortcutUsed, watching
from nnbook.exercises.time_limit import call_with_time_limit

__all__ = ["run_learner_function"]


def run_learner_function(
    function: Callable[..., Any],
    args: Sequence[Any],
    seconds: float,
    shortcuts: Sequence[str] = (),
    on_stuck: Callable[[], None] | None = None,
) -> Any:
    """Call ``function(*args)`` the way a check does, and return its answer.

    Parameters
    ----------
    function : callable
        The learner's function.
    args : sequence
        Its inputs (copies: the function may change them).
    seconds : float
        The time limit.
    shortcuts : sequence of str
        Functions the task rules out, e.g. ``("np.tanh",)``.
    on_stuck : callable, optional
        Called once if the function is stuck in one long call past its limit.

    Raises
    ------
    TimeLimitExceeded
        The function ran past its limit.
    SystemExit
        It called ``exit()``, ``quit()`` or ``sys.exit()``, or raised SystemExit.
    ShortcutUsed
        It called a function that ``shortcuts`` rules out.
    """
    with (
        _exit_raises(),
        watching(shortcuts) as watch,
        warnings.catch_warnings(),
        np.errstate(all="ignore"),
    ):
        warnings.simplefilter("ignore")
        answer = call_with_time_limit(function, watch.arrays(args), seconds, on_stuck)
    if watch.used is not None:  # the learner's code caught ShortcutUsed and went on
        raise ShortcutUsed(watch.used)
    return answer


class _Exit:
    """Stands in for ``exit`` and ``quit`` (or a Jupyter kernel's ``ask_exit``) during a check:
    on the checking thread it raises SystemExit, without closing anything first."""

    def __init__(self, original: Callable[..., Any]) -> None:
        self._original = original
        self._thread = threading.get_ident()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if threading.get_ident() == self._thread:
            raise SystemExit(*args[:1])
        return self._original(*args, **kwargs)

    def __repr__(self) -> str:
        return repr(self._original)


def _jupyter_shell() -> Any:
    """The running IPython shell, if this is one (without importing IPython otherwise)."""
    ipython = sys.modules.get("IPython")
    get_ipython = getattr(ipython, "get_ipython", None)
    return get_ipython() if get_ipython else None


@contextmanager
def _exit_raises() -> Iterator[None]:
    """While the block runs, ``exit()`` and ``quit()`` raise SystemExit and nothing more."""
    exits = {name: vars(builtins)[name] for name in ("exit", "quit") if name in vars(builtins)}
    shell = _jupyter_shell()
    # In IPython, exit() sets keepkernel_on_exit, then calls ask_exit(), which ends the kernel.
    kernel = ("ask_exit", "keepkernel_on_exit") if hasattr(shell, "ask_exit") else ()
    saved = {name: getattr(shell, name, None) for name in kernel}
    own = set(vars(shell)) if kernel else set()
    try:
        for name, original in exits.items():
            setattr(builtins, name, _Exit(original))
        if kernel:
            shell.ask_exit = _Exit(saved["ask_exit"])
        yield
    finally:
        for name, original in exits.items():
            setattr(builtins, name, original)
        for name, value in saved.items():
            setattr(shell, name, value)
            if name not in own:  # it was the class's (a method, a default): drop the copy
                vars(shell).pop(name, None)
