"""Writing a file so that the path holds either the old file or the whole new one, never a mix.

A save that dies halfway (a full disk, a crash, Ctrl+C at the wrong moment) must not destroy
the good file it was about to replace. So nothing is ever written over the target: the bytes
go to a temporary file in the same folder, are flushed to the disk, and only then is the
temporary file renamed over the target with :func:`os.replace`, which swaps the two in one
step. Anyone opening the path sees the old file or the new one. On any failure the temporary
file is removed and the old file is left exactly as it was.

Examples
--------
>>> import os, tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     path = write_atomically(os.path.join(folder, "hello.txt"), lambda f: f.write(b"hi"))
...     print(path.name, path.read_bytes())
hello.txt b'hi'
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["write_atomically"]

#: How :func:`os.open` creates the temporary file: new (never an existing one), write-only.
_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def write_atomically(path: str | os.PathLike[str], write: Callable[[BinaryIO], object]) -> Path:
    """Call ``write(file)`` on a temporary file, then rename it over ``path`` in one step.

    The temporary file sits in the same folder as ``path`` (a rename only replaces a file
    atomically within one file system) under a hidden name such as ``.net.npz.1f2e3d4c.tmp``.
    It gets the permissions any newly created file gets. If ``write`` or anything after it
    fails, including a ``KeyboardInterrupt``, the temporary file is deleted, the error goes on
    to the caller, and whatever was at ``path`` before is untouched.

    Parameters
    ----------
    path : str or os.PathLike
        The file to create or replace. Its folder must exist.
    write : callable
        Called once with a binary file object open for writing; its return value is ignored.

    Returns
    -------
    Path
        ``path``, as a :class:`pathlib.Path`.

    Raises
    ------
    FileNotFoundError
        If the folder does not exist (the message names it and how to create it).
    IsADirectoryError
        If ``path`` is a folder.
    NotADirectoryError
        If what should be the folder is a file.
    PermissionError
        If the folder does not let us create files.

    Examples
    --------
    >>> import os, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_atomically(os.path.join(folder, "missing", "x.bin"), lambda f: None)
    Traceback (most recent call last):
    ...
    FileNotFoundError: cannot write '...x.bin': the folder '...missing' does not exist; ...
    """
    target = Path(os.fspath(path))
    folder = target.parent
    _check_folder(target, folder)
    fd, temporary = _create_temporary(target, folder)
    try:
        with os.fdopen(fd, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())  # the bytes are on the disk before the name points at them
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_folder(folder)
    return target


def _check_folder(target: Path, folder: Path) -> None:
    if target.is_dir():
        raise IsADirectoryError(
            f"cannot write {str(target)!r}: it is a folder; give the path of a file "
            f"(for example {str(target / 'name')!r})"
        )
    if not folder.exists():
        raise FileNotFoundError(
            f"cannot write {str(target)!r}: the folder {str(folder)!r} does not exist; create "
            f"it first (os.makedirs({str(folder)!r}, exist_ok=True)) or write somewhere else"
        )
    if not folder.is_dir():
        raise NotADirectoryError(
            f"cannot write {str(target)!r}: {str(folder)!r} is a file, not a folder; "
            "choose a path inside a folder"
        )


def _create_temporary(target: Path, folder: Path) -> tuple[int, Path]:
    """A new hidden file beside ``target``: (open descriptor, its path)."""
    while True:
        temporary = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(temporary, _FLAGS, 0o666), temporary
        except FileExistsError:  # another writer drew the same name: draw again
            continue
        except PermissionError as exc:
            raise PermissionError(
                f"cannot write {str(target)!r}: no permission to create files in "
                f"{str(folder)!r}; choose a folder you can write to"
            ) from exc


def _sync_folder(folder: Path) -> None:
    """Make the rename itself survive a power cut (POSIX; Windows cannot open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # the file is complete and renamed; only the folder's flush failed
    finally:
        os.close(fd)
