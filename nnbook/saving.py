"""Keeping a trained network: one ``.npz`` file of plain arrays, checked in full on loading.

A network is nothing but numbers and a few names: each layer's weight matrix ``W`` (M, N),
its bias ``b`` (M,) and its activation. The file is NumPy's own ``.npz`` format (a zip of
``.npy`` arrays), read with ``allow_pickle=False``: loading a file only ever reads numbers and
text, and never runs code, so a file from a stranger is safe to open. Format 1 holds:

=================  ==================  ============================================
array              dtype, shape        what it holds
=================  ==================  ============================================
``nnbook_format``  int64, ()           the format version, 1 (marks an nnbook file)
``activations``    str, (L,)           each layer's activation, e.g. ``relu``
``alphas``         float64, (L,)       leaky ReLU's alpha; NaN for other activations
``dtypes``         str, (L,)           each layer's float dtype, e.g. ``float32``
``weights_k``      dtypes[k], (M, N)   layer k's weights, for k = 0 ... L-1
``bias_k``         dtypes[k], (M,)     layer k's bias
=================  ==================  ============================================

Arrays are stored as they are (float32 stays float32), so a round trip is exact. Arrays on a
GPU are copied to NumPy for the file, and :func:`load_layers` puts them on the current device:
a file saved on a GPU loads on a CPU-only machine, and the other way round.

This module knows layers only as :class:`LayerRecord` (weights, bias, activation);
``Layer.save``, ``Network.save`` and their ``load`` twins build on it.

Examples
--------
>>> import os, tempfile
>>> import numpy as np
>>> from nnbook.activations import get_activation
>>> W, b = np.eye(2, dtype=np.float32), np.zeros(2, dtype=np.float32)
>>> record = LayerRecord(W, b, get_activation("relu"))
>>> with tempfile.TemporaryDirectory() as folder:
...     path = os.path.join(folder, "tiny.npz")
...     save_layers(path, [record])
...     print(sorted(np.load(path).files))
...     (back,) = load_layers(path)
['activations', 'alphas', 'bias_0', 'dtypes', 'nnbook_format', 'weights_0']
>>> back.activation.name, back.weights.dtype
('relu', dtype('float32'))
"""

from __future__ import annotations

import math
import os
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

import numpy as np

from nnbook import backend
from nnbook.activations import NAMES, Activation, check_alpha, get_activation
from nnbook.arrays import Array, require_finite
from nnbook.files import write_atomically

__all__ = [
    "DTYPES",
    "FORMAT_VERSION",
    "SUFFIX",
    "LayerRecord",
    "NetworkFileError",
    "PathLike",
    "load_layer",
    "load_layers",
    "save_layers",
]

#: The newest format this nnbook writes and reads.
FORMAT_VERSION = 1
#: Every saved file's name ends in this; nothing is added to a name silently.
SUFFIX = ".npz"
#: The float dtypes a saved layer may hold.
DTYPES = ("float16", "float32", "float64")
#: Anything that names a file: a string or a :class:`pathlib.Path`.
PathLike = str | os.PathLike[str]

#: Called with a problem's description; raises the error that fits (saving or loading).
Refuse = Callable[[str], NoReturn]

_HEADER = ("nnbook_format", "activations", "alphas", "dtypes")
_DAMAGED = (
    "the file is damaged or was changed after nnbook wrote it; save the network again, "
    "or ask for a fresh copy"
)


class NetworkFileError(ValueError):
    """A file that nnbook cannot load as a network: not nnbook's, newer, damaged or edited."""


class LayerRecord(NamedTuple):
    """One layer as plain data: what is saved, and what ``Layer(*record)`` is built from."""

    weights: Array
    """(M, N) array: row i holds neuron i's weights."""
    bias: Array
    """(M,) array: one bias per neuron."""
    activation: Activation
    """The activation, with leaky ReLU's alpha in its params."""


def save_layers(path: PathLike, layers: Sequence[LayerRecord]) -> None:
    """Write ``layers`` to ``path`` in nnbook's ``.npz`` format, atomically.

    The file appears complete or not at all: an interrupted save leaves any older file at
    ``path`` as it was (see :func:`nnbook.files.write_atomically`). The arrays are checked
    first with the same rules :func:`load_layers` applies, so a file that is written can
    always be loaded.

    Parameters
    ----------
    path : str or os.PathLike
        Must end in ``.npz`` and lie in a folder that exists.
    layers : sequence of LayerRecord
        At least one; arrays of any library (NumPy, CuPy...) are copied to NumPy.

    Raises
    ------
    ValueError
        If the name does not end in ``.npz``, or a weight is NaN or infinite (nothing is
        written).
    FileNotFoundError
        If the folder does not exist.
    """
    target = _checked_path(path, "save to")
    layers = list(layers)
    if not layers or not all(isinstance(layer, LayerRecord) for layer in layers):
        raise TypeError(f"save_layers needs a non-empty list of LayerRecord; got {_kinds(layers)}")
    arrays = _to_arrays(layers)

    def refuse(problem: str) -> NoReturn:
        raise ValueError(f"cannot save to {str(target)!r}: {problem}; nothing was written")

    _check(arrays, refuse)
    write_atomically(target, lambda file: np.savez(file, **arrays))


def load_layers(path: PathLike) -> list[LayerRecord]:
    """Read a file written by :func:`save_layers`, checking all of it before returning anything.

    The arrays come back on the current device (:func:`nnbook.backend.xp`), with the dtype
    they were saved with.

    Raises
    ------
    FileNotFoundError
        If there is no file at ``path``.
    NetworkFileError
        (a ``ValueError``) If the file is not one nnbook wrote, comes from a newer nnbook,
        is truncated or corrupt, or holds missing or extra arrays, shapes that do not chain,
        non-finite numbers or an unknown activation. The message says which.
    """
    target = _checked_path(path, "load")

    def refuse(problem: str) -> NoReturn:
        raise NetworkFileError(f"cannot load {str(target)!r}: {problem}")

    arrays = _read(target, refuse)
    _check(arrays, lambda problem: refuse(f"{problem}; {_DAMAGED}"))
    xp = backend.xp()
    return [
        LayerRecord(
            xp.asarray(arrays[f"weights_{k}"]),
            xp.asarray(arrays[f"bias_{k}"]),
            get_activation(name, None if name != "leaky_relu" else float(alpha)),
        )
        for k, (name, alpha) in enumerate(
            zip(arrays["activations"].tolist(), arrays["alphas"].tolist(), strict=True)
        )
    ]


def load_layer(path: PathLike) -> LayerRecord:
    """Like :func:`load_layers` for a file that must hold exactly one layer."""
    layers = load_layers(path)
    if len(layers) != 1:
        raise NetworkFileError(
            f"cannot load {str(path)!r} as one layer: it holds a network of {len(layers)} "
            "layers; load it with nnbook.Network.load"
        )
    return layers[0]


def _checked_path(path: PathLike, verb: str) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(
            f"the file to {verb} must be named by a str or a Path; got {type(path).__name__} "
            f"{path!r}"
        )
    target = Path(os.fspath(path))
    if target.suffix.lower() != SUFFIX:
        raise ValueError(
            f"cannot {verb} {str(target)!r}: an nnbook file's name ends in {SUFFIX} "
            f"(nothing is added silently); use {str(target.with_name(target.name + SUFFIX))!r}"
        )
    return target


def _to_arrays(layers: list[LayerRecord]) -> dict[str, np.ndarray]:
    """The records as the file's named arrays (format 1), all in NumPy."""
    weights = [backend.to_numpy(layer.weights) for layer in layers]
    arrays: dict[str, np.ndarray] = {
        "nnbook_format": np.array(FORMAT_VERSION, dtype=np.int64),
        "activations": np.array([layer.activation.name for layer in layers]),
        "alphas": np.array(
            [dict(layer.activation.params).get("alpha", math.nan) for layer in layers],
            dtype=np.float64,
        ),
        "dtypes": np.array([str(w.dtype) for w in weights]),
    }
    for k, (layer, w) in enumerate(zip(layers, weights, strict=True)):
        arrays[f"weights_{k}"] = w
        arrays[f"bias_{k}"] = backend.to_numpy(layer.bias)
    return arrays


def _read(target: Path, refuse: Refuse) -> dict[str, Any]:
    """Every array in the file, read with allow_pickle=False, once its version is known."""
    try:
        file = open(target, "rb")
    except FileNotFoundError:
        raise FileNotFoundError(
            f"cannot load {str(target)!r}: there is no such file; check the name and the "
            f"folder (the current folder is {os.getcwd()!r})"
        ) from None
    with file:
        start = file.read(6)
        file.seek(0)
        if not start:
            refuse(f"it is empty (0 bytes); {_DAMAGED}")
        try:
            npz = np.load(file, allow_pickle=False)
        except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
            if start.startswith(b"PK") or "pickle" not in str(exc):
                refuse(f"it is truncated or corrupt ({exc}); {_DAMAGED}")
            refuse(
                "it is not a file nnbook wrote: nnbook files are NumPy .npz archives, and "
                "nnbook never unpickles anything (unpickling a stranger's file can run code)"
            )
        if not isinstance(npz, np.lib.npyio.NpzFile):
            refuse(
                "it is a single NumPy array (.npy), not a file nnbook wrote; nnbook files "
                "come from net.save(...)"
            )
        with npz:
            if "nnbook_format" not in npz.files:
                found = ", ".join(sorted(npz.files)[:8]) or "nothing"
                refuse(
                    f"it is not a file nnbook wrote: an .npz without the array "
                    f"'nnbook_format' (it holds {found}); nnbook files come from net.save(...)"
                )
            # The version first: a newer format may hold what this nnbook cannot even read.
            _check_version(_arrays(npz, ["nnbook_format"], refuse)["nnbook_format"], refuse)
            return _arrays(npz, npz.files, refuse)


def _arrays(npz: Any, keys: Sequence[str], refuse: Refuse) -> dict[str, Any]:
    """The named members of an open .npz, or a refusal saying why they cannot be read."""
    try:
        return {key: npz[key] for key in keys}
    except (ValueError, OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        if "pickle" in str(exc):
            refuse(
                "it holds Python objects, which nnbook never unpickles (unpickling a "
                f"stranger's file can run code); {_DAMAGED}"
            )
        refuse(f"it is truncated or corrupt ({exc}); {_DAMAGED}")


def _check_version(version: Any, refuse: Refuse) -> None:
    if not (isinstance(version, np.ndarray) and version.shape == () and version.dtype.kind in "iu"):
        refuse(f"'nnbook_format' must be one integer, the format version; got {version!r}")
    if int(version) > FORMAT_VERSION:
        refuse(
            f"it was written by a newer nnbook (format {int(version)}); this nnbook reads up "
            f"to format {FORMAT_VERSION}: upgrade nnbook"
        )
    if int(version) < 1:
        refuse(f"format {int(version)} does not exist (versions start at 1); {_DAMAGED}")


def _check(arrays: dict[str, Any], refuse: Refuse) -> None:
    """Refuse (with a message naming the problem) anything :func:`load_layers` cannot build."""
    missing = [key for key in _HEADER if key not in arrays]
    if missing:
        refuse(f"missing array(s) {missing}")
    names, alphas, dtypes = arrays["activations"], arrays["alphas"], arrays["dtypes"]
    if not (_is(names, "U", 1) and names.size > 0):
        refuse(f"'activations' must list one activation name per layer; got {names!r}")
    n = names.size
    expected = set(_HEADER) | {f"{kind}_{k}" for k in range(n) for kind in ("weights", "bias")}
    missing, extra = sorted(expected - set(arrays)), sorted(set(arrays) - expected)
    if missing or extra:
        found = [f"missing array(s) {missing}"] * bool(missing)
        found += [f"unexpected array(s) {extra}"] * bool(extra)
        refuse(f"{' and '.join(found)}; {n} layer(s) need exactly {sorted(expected)}")
    if not (_is(alphas, "f", 1) and _is(dtypes, "U", 1) and alphas.size == dtypes.size == n):
        refuse(
            f"'alphas' (floats) and 'dtypes' (names) must have one entry per layer ({n}); "
            f"got {alphas!r} and {dtypes!r}"
        )
    rows = zip(names.tolist(), alphas.tolist(), dtypes.tolist(), strict=True)
    for k, (name, alpha, dtype) in enumerate(rows):
        _check_layer(k, arrays[f"weights_{k}"], arrays[f"bias_{k}"], name, alpha, dtype, refuse)
        if k and arrays[f"weights_{k}"].shape[1] != arrays[f"weights_{k - 1}"].shape[0]:
            refuse(
                f"the layers do not chain: weights_{k - 1} has shape "
                f"{arrays[f'weights_{k - 1}'].shape}, {arrays[f'weights_{k - 1}'].shape[0]} "
                f"outputs, but weights_{k} has shape {arrays[f'weights_{k}'].shape}, "
                f"{arrays[f'weights_{k}'].shape[1]} inputs"
            )


def _check_layer(
    k: int, weights: Any, bias: Any, name: str, alpha: float, dtype: str, refuse: Refuse
) -> None:
    if name not in NAMES:
        refuse(
            f"activations[{k}] is {name!r}, which nnbook does not know; it knows {', '.join(NAMES)}"
        )
    if name == "leaky_relu":
        try:
            check_alpha(alpha)
        except (TypeError, ValueError) as exc:
            refuse(f"alphas[{k}]: {exc}")
    elif not math.isnan(alpha):
        refuse(
            f"alphas[{k}] is {alpha}, but activations[{k}] is {name}, which takes no alpha (NaN)"
        )
    if dtype not in DTYPES:
        refuse(f"dtypes[{k}] must be one of {', '.join(DTYPES)}; got {dtype!r}")
    if not (_is(weights, "f", 2) and weights.size > 0):
        refuse(f"weights_{k} must be a non-empty 2-D float array (M, N); got {_describe(weights)}")
    if not (_is(bias, "f", 1) and bias.shape == weights.shape[:1]):
        refuse(
            f"bias_{k} must be 1-D with one number per neuron, shape {weights.shape[:1]}; "
            f"got {_describe(bias)}"
        )
    if weights.dtype != dtype or bias.dtype != dtype:
        refuse(
            f"dtypes[{k}] says {dtype}, but weights_{k} is {weights.dtype} "
            f"and bias_{k} is {bias.dtype}"
        )
    for key, array in ((f"weights_{k}", weights), (f"bias_{k}", bias)):
        try:
            require_finite(array, key)
        except ValueError as exc:
            refuse(str(exc))


def _is(value: Any, kind: str, ndim: int) -> bool:
    """A NumPy array of this dtype kind ('f' float, 'U' text) and number of dimensions."""
    return isinstance(value, np.ndarray) and value.dtype.kind == kind and value.ndim == ndim


def _describe(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return f"shape {value.shape} and dtype {value.dtype}"
    return type(value).__name__


def _kinds(values: Sequence[Any]) -> str:
    return f"[{', '.join(type(v).__name__ for v in values)}]" if values else "an empty list"
