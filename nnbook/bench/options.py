"""What every benchmark command checks before it measures anything: its numbers and the device.

A benchmark can run for minutes, so a mistake in how it was started must stop it at once,
as a usage error (exit code 2) that names the flag or setting, what it expects and what
was given, never as a traceback after the measuring:

* :func:`number` is an argparse ``type=`` for numeric flags, built on
  :func:`nnbook.arrays.check_scalar`, so ``--repeats 0`` reads
  ``argument --repeats: must be an integer >= 1; got '0'``;
* :func:`device_setting_error` says what is wrong with ``NNBOOK_DEVICE`` (an unknown
  value, or ``gpu`` where no GPU works), or None when nnbook can use it.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="demo")
>>> _ = parser.add_argument("--lr", type=number(float, low=0, include_low=False))
>>> parser.parse_args(["--lr", "0.5"]).lr
0.5
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from typing import Any

from nnbook import backend
from nnbook.arrays import check_scalar

__all__ = ["device_setting_error", "number"]


def number(kind: type = float, **bounds: Any) -> Callable[[str], Any]:
    """An argparse ``type=`` that reads a ``kind`` (int or float) within ``bounds``.

    ``bounds`` are :func:`~nnbook.arrays.check_scalar`'s (``low``, ``high``,
    ``include_low``, ``include_high``); NaN and infinity are always refused. A bad value
    becomes argparse's usage error, which names the flag; the message says what is
    expected and ends with the text as typed.

    Examples
    --------
    >>> repeats = number(int, low=1)
    >>> repeats("3")
    3
    >>> repeats("1.5")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be an integer >= 1; got '1.5'
    >>> number(float, low=0, high=1)("nan")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be a real number in [0, 1]; got 'nan'
    """

    def parse(text: str) -> Any:
        try:
            return check_scalar(_read(text, kind), "", kind, **bounds)
        except (TypeError, ValueError) as exc:
            expected = str(exc).partition("; got ")[0].strip()
            raise argparse.ArgumentTypeError(f"{expected}; got {text!r}") from None

    return parse


def _read(text: str, kind: type) -> Any:
    """``text`` as a ``kind``, or ``text`` itself (which check_scalar refuses as a wrong kind)."""
    try:
        return int(text) if kind is int else float(text)
    except ValueError:
        return text


def device_setting_error() -> str | None:
    """What is wrong with the ``NNBOOK_DEVICE`` setting, or None when nnbook can use it.

    Choosing the device reads the variable; an unknown value, or ``gpu`` on a machine
    where no GPU works, would otherwise end a benchmark with a traceback once it first
    asks for the device, possibly after minutes of measuring.

    Examples
    --------
    >>> device_setting_error() is None  # the tests run with a valid setting
    True
    """
    try:
        backend.device()
    except ValueError as exc:  # names the variable, the bad value and the choices
        return str(exc)
    except backend.GPUUnavailableError as exc:
        value = os.environ.get(backend.ENV_VAR)
        return (
            f"environment variable {backend.ENV_VAR}={value!r} cannot be honoured: {exc}; set "
            f"{backend.ENV_VAR}=auto (the GPU when one works, else the CPU) or cpu, or unset it"
        )
    return None
