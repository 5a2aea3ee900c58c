"""A time limit for the learner's function: a loop that never ends is stopped, not waited on.

An infinite loop is a common beginner's bug (a ``while`` loop whose condition never changes),
and a check that waits for it forever looks like a frozen notebook. A check therefore calls the
learner's function through :func:`call_with_time_limit`, which raises
:class:`TimeLimitExceeded` inside that function once its time is up. How, depends on where the
check runs:

* **On the main thread, where the system has** ``SIGALRM`` (Linux and macOS; a Jupyter kernel
  runs cells on its main thread, and so does a plain script): an alarm timer,
  :func:`signal.setitimer`. Its handler raises at the learner's next Python instruction, and it
  also wakes a ``time.sleep`` or an ``input()``.
* **Elsewhere** (Windows, which has no ``SIGALRM``, or a check run on another thread, where
  Python allows no signal handler): a watchdog thread asks CPython to raise the same exception
  in the checking thread (``PyThreadState_SetAsyncExc``). That stops Python loops too, but a
  sleep ends first.

Neither can cut one long C call short, such as a NumPy operation on a huge array: nothing but
ending the process can, and a Ctrl-C waits for it too. The stop comes as soon as that call
returns. So that the learner does not face a silent hang meanwhile, ``on_stuck`` (when given)
is called once, from the watchdog thread, when the function is still running a second past its
limit. (Interpreters without ``PyThreadState_SetAsyncExc``, such as PyPy, off the main thread:
only ``on_stuck`` then; the function runs to its end.)

:class:`TimeLimitExceeded` derives from :class:`BaseException`, as :class:`KeyboardInterrupt`
does, so that an ``except Exception:`` in the learner's code does not swallow it, and it is
raised again every quarter second while the function keeps running, in case the learner's code
caught it anyway. It is a class of its own, not a KeyboardInterrupt, so a real Ctrl-C (or
Jupyter's "interrupt the kernel") still raises KeyboardInterrupt and stops everything. However
the function ends, the alarm is cancelled and the previous ``SIGALRM`` handler, with any timer
it had running, is put back.

Examples
--------
>>> def countdown(n):
...     while n > 0:
...         pass  # forgot n -= 1
>>> try:
...     call_with_time_limit(countdown, (3,), seconds=0.1)
... except TimeLimitExceeded:
...     print("stopped after 0.1 seconds")
stopped after 0.1 seconds
>>> call_with_time_limit(max, (2, 5), seconds=1.0)
5
"""

from __future__ import annotations

import ctypes
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["TimeLimitExceeded", "call_with_time_limit"]

#: While the function keeps running past its limit, it is stopped again this often (seconds).
_AGAIN_S = 0.25
#: The function still runs this long after its limit: it is stuck in one long C call.
STUCK_AFTER_S = 1.0


class TimeLimitExceeded(BaseException):
    """Raised inside the learner's function when it runs past its time limit.

    Not an :class:`Exception`, so that ``except Exception:`` does not swallow it, and not a
    :class:`KeyboardInterrupt`, so that a real Ctrl-C is never mistaken for it.
    """


def call_with_time_limit(
    function: Callable[..., Any],
    args: Sequence[Any],
    seconds: float,
    on_stuck: Callable[[], None] | None = None,
) -> Any:
    """Call ``function(*args)``; raise :class:`TimeLimitExceeded` in it after ``seconds``.

    Parameters
    ----------
    function : callable
        The function to run (the learner's).
    args : sequence
        Its positional arguments.
    seconds : float
        How long it may run.
    on_stuck : callable, optional
        Called once, with no arguments and from another thread, if the function is still
        running :data:`STUCK_AFTER_S` seconds after its limit (stuck in one long C call).

    Returns
    -------
    object
        What ``function`` returned.

    Raises
    ------
    TimeLimitExceeded
        If the function ran past its limit. Anything the function raises passes through.

    Examples
    --------
    >>> call_with_time_limit(sorted, ([3, 1, 2],), seconds=1.0)
    [1, 2, 3]
    """
    alarm = _alarm_possible()
    interrupt = not alarm and _raise_in_thread is not None
    watchdog = _Watchdog(seconds, on_stuck, interrupt) if on_stuck or interrupt else None
    if watchdog:
        watchdog.start()
    try:
        return _with_alarm(function, args, seconds) if alarm else function(*args)
    finally:
        if watchdog:
            watchdog.stop()


def _alarm_possible() -> bool:
    """True on the main thread of a system with ``SIGALRM``, whose handler is Python's to set."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) is not None  # None: a handler set outside Python
    )


def _on_alarm(signum: int, frame: Any) -> None:
    """Stop the learner's function, unless the alarm finds this module's own bookkeeping."""
    if frame is not None and frame.f_code not in _OWN_CODE:
        raise TimeLimitExceeded


def _settle() -> None:
    """Do nothing: calling it lets Python run an alarm that is still pending, here, harmlessly."""


def _with_alarm(function: Callable[..., Any], args: Sequence[Any], seconds: float) -> Any:
    previous_handler = signal.signal(signal.SIGALRM, _on_alarm)
    started = time.monotonic()
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_REAL, seconds, _AGAIN_S)
    try:
        return function(*args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _settle()
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay > 0:  # someone else's timer was running: let it go on
            left = previous_delay - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6), previous_interval)


def _find_raise_in_thread() -> Callable[[int, Any], int] | None:
    """CPython's ``PyThreadState_SetAsyncExc``, or None where there is none (PyPy)."""
    api = getattr(ctypes, "pythonapi", None)
    return getattr(api, "PyThreadState_SetAsyncExc", None)


_raise_in_thread = _find_raise_in_thread()


class _Watchdog:
    """Watches the thread that called it: stops its function after ``seconds`` (when
    ``interrupt``), and calls ``on_stuck`` once if the function outlives its limit by
    :data:`STUCK_AFTER_S`. It acts only while that thread is inside the function."""

    def __init__(
        self, seconds: float, on_stuck: Callable[[], None] | None, interrupt: bool
    ) -> None:
        self._target = threading.get_ident()
        self._seconds = seconds
        self._on_stuck = on_stuck
        self._interrupt = interrupt
        self._lock = threading.Lock()
        self._running = True
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="nnbook-time-limit", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _inside_function(self) -> bool:
        """True while the watched thread runs code called by the function under watch."""
        frame = sys._current_frames().get(self._target)
        if frame is None or frame.f_code in _OWN_CODE:
            return False
        while frame is not None:
            if frame.f_code in _CALLERS:
                return True
            frame = frame.f_back
        return False

    def _watch(self) -> None:
        started = time.monotonic()
        told = self._on_stuck is None
        if self._done.wait(self._seconds):
            return
        while True:
            with self._lock:
                if not self._running:
                    return
                inside = self._inside_function()
                if inside and self._interrupt:
                    _raise_in_thread(
                        ctypes.c_ulong(self._target), ctypes.py_object(TimeLimitExceeded)
                    )
                stuck = time.monotonic() - started >= self._seconds + STUCK_AFTER_S
                if inside and stuck and not told:
                    told = True
                    self._on_stuck()
            if self._done.wait(_AGAIN_S):
                return

    def stop(self) -> None:
        """Called by the watched thread when the function is over: no stop may arrive after."""
        while True:
            try:
                with self._lock:
                    self._running = False
                    if self._interrupt:  # withdraw a stop asked for but not yet delivered
                        _raise_in_thread(ctypes.c_ulong(self._target), None)
                break
            except TimeLimitExceeded:  # delivered just now, in here: the function is over anyway
                continue
        self._done.set()


_CALLERS = {call_with_time_limit.__code__, _with_alarm.__code__}
_OWN_CODE = _CALLERS | {
    _settle.__code__,
    _Watchdog.stop.__code__,
    _Watchdog.start.__code__,
    _Watchdog.__init__.__code__,
}
