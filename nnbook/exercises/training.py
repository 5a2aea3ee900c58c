"""Exercises on training a real network: shuffled mini-batches, the training loop, early stopping.

The training loop works on a flat list of parameters ``[W_1, b_1, W_2, b_2, ...]`` and a
``gradients(params, X_batch, y_batch) -> (loss, grads)`` function
(:func:`nnbook.training.gradient_function`), so the learner writes the loop, not
backpropagation again. Shuffling uses the ``rng`` it is given, ``rng.permutation(n)`` once per
epoch, so a right loop gives exactly the reference's numbers.

Examples
--------
>>> import numpy as np
>>> def minibatches(n, batch_size, rng):
...     return [np.arange(n)[i : i + batch_size] for i in range(0, n, batch_size)]
>>> check_minibatches(minibatches, quiet=True).hint
'You never shuffled: draw a new order with rng.permutation(n) and cut that into batches.'
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from nnbook.exercises.checking import register
from nnbook.exercises.shared import NET_3_4_2, arr
from nnbook.exercises.spec import Case, Exercise, Mistake
from nnbook.layer import Layer
from nnbook.network import Network
from nnbook.training import gradient_function

__all__ = ["TOPIC", "check_early_stopping_epoch", "check_minibatches", "check_train"]

TOPIC = "training"


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


# ------------------------------------------------------------------ shuffled mini-batches


def _minibatches(
    n: int, batch_size: int, rng: np.random.Generator, *, shuffle: bool = True, keep_last=True
) -> tuple[np.ndarray, ...]:
    order = rng.permutation(n) if shuffle else np.arange(n)
    stop = n if keep_last else n - n % batch_size
    return tuple(order[start : start + batch_size] for start in range(0, stop, batch_size))


check_minibatches = register(
    Exercise(
        topic=TOPIC,
        name="minibatches",
        returns_list=True,
        title="Shuffled mini-batches",
        task=(
            "Write `minibatches(n, batch_size, rng)`: shuffle the row numbers `0 .. n-1` "
            "with\n`rng.permutation(n)` (`rng` is a NumPy random generator), cut them into "
            "consecutive batches of\n`batch_size` and return a list of arrays. The last batch "
            "may be smaller."
        ),
        stub=(
            "def minibatches(n, batch_size, rng):\n"
            '    """A list of arrays of row numbers: 0 .. n-1 shuffled, in batches."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=_minibatches,
        cases=(
            Case(
                "n = 10 rows in batches of 4 (the last has 2)",
                {"n": 10, "batch_size": 4, "rng": _rng(0)},
            ),
            Case(
                "n = 8 in batches of 4 (no rows left over)",
                {"n": 8, "batch_size": 4, "rng": _rng(1)},
            ),
            Case(
                "a batch bigger than the data (n = 5, batch_size = 8)",
                {"n": 5, "batch_size": 8, "rng": _rng(2)},
            ),
            Case("batches of 1 (n = 6)", {"n": 6, "batch_size": 1, "rng": _rng(3)}),
        ),
        mistakes=(
            Mistake(
                lambda n, batch_size, rng: _minibatches(n, batch_size, rng, shuffle=False),
                "You never shuffled: draw a new order with rng.permutation(n) and cut that into "
                "batches.",
            ),
            Mistake(
                lambda n, batch_size, rng: _minibatches(n, batch_size, rng, keep_last=False),
                "You dropped the last, smaller batch: its rows would never be learned from. "
                "Keep it.",
            ),
            Mistake(
                lambda n, batch_size, rng: tuple(
                    np.array_split(rng.permutation(n), max(n // batch_size, 1))
                ),
                "Every batch but the last must have exactly batch_size rows; np.array_split "
                "spreads the rows evenly instead.",
            ),
        ),
        hint="Shuffle once with rng.permutation(n), then take slices order[start:start + "
        "batch_size] for start = 0, batch_size, 2 * batch_size, ...",
        crash_hint="rng.permutation(n) gives the shuffled row numbers; slicing past the end of "
        "an array is allowed and simply stops at the end.",
        exact=True,
    )
)


# ------------------------------------------------------------------ the training loop


def _train(
    params: Sequence[np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    gradients: Callable[..., tuple[float, list[np.ndarray]]],
    epochs: int,
    batch_size: int,
    lr: float,
    rng: np.random.Generator,
    *,
    shuffle: str = "each epoch",
    keep_last: bool = True,
    sign: float = -1.0,
    step_size: bool = True,
    average: str = "per batch",
    same_batch: bool = False,
) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
    """The reference, and with its options the typical mistakes."""
    params = list(params)
    n = len(X)
    once = rng.permutation(n) if shuffle == "once" else None
    epoch_losses = []
    for _ in range(epochs):
        order = {"each epoch": None, "once": once, "never": np.arange(n)}[shuffle]
        if order is None:
            order = rng.permutation(n)
        stop = n if keep_last else n - n % batch_size
        total, batch_losses = 0.0, []
        for start in range(0, stop, batch_size):
            batch = order[:batch_size] if same_batch else order[start : start + batch_size]
            loss, grads = gradients(params, X[batch], y[batch])
            scale = lr if step_size else 1.0
            params = [p + sign * scale * g for p, g in zip(params, grads, strict=True)]
            total += loss * len(batch)
            batch_losses.append(loss)
        if average == "per example":
            epoch_losses.append(total / stop)
        elif average == "per batch":
            epoch_losses.append(float(np.mean(batch_losses)))
        else:
            epoch_losses.append(float(np.sum(batch_losses)))
    return tuple(params), np.array(epoch_losses)


def _mistake(**how: Any) -> Callable[..., Any]:
    return lambda *args: _train(*args, **how)


def _tiny_data(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3)).round(2)
    return X, (X[:, 0] + X[:, 1] > X[:, 2]).astype(np.int64)


_NET = Network([Layer(W, b, "tanh") for W, b in NET_3_4_2[:1]] + [
    Layer(NET_3_4_2[1][0], NET_3_4_2[1][1], "identity")
])  # fmt: skip
_GRADIENTS = gradient_function(_NET)
_PARAMS = [p for W, b in NET_3_4_2 for p in (W, b)]
_X10, _Y10 = _tiny_data(0, 10)
_X8, _Y8 = _tiny_data(1, 8)


def _train_case(label: str, X: Any, y: Any, epochs: int, batch_size: int, lr: float, seed: int):
    args = {
        "params": _PARAMS,
        "X": X,
        "y": y,
        "gradients": _GRADIENTS,
        "epochs": epochs,
        "batch_size": batch_size,
        "lr": lr,
        "rng": _rng(seed),
    }
    return Case(label, args)


check_train = register(
    Exercise(
        topic=TOPIC,
        name="train",
        title="The training loop",
        task=(
            "Write `train(params, X, y, gradients, epochs, batch_size, lr, rng)`: mini-batch "
            "SGD. `params` is a\nlist `[W_1, b_1, W_2, b_2, ...]`; `gradients(params, "
            "X_batch, y_batch)` returns `(loss, grads)`:\nthe batch's mean loss and one "
            "gradient per parameter. Each epoch, your `minibatches` (Exercise 9.1)\nshuffles "
            "and cuts the rows (one `rng.permutation(len(X))` per epoch); each batch updates "
            "every\nparameter as `p - lr * g` (chapter 7). Return the new parameters (new "
            "arrays; leave `params`\nunchanged) and each epoch's loss, the mean of its "
            "batches' losses."
        ),
        stub=(
            "def train(params, X, y, gradients, epochs, batch_size, lr, rng):\n"
            '    """Mini-batch SGD: (new params, the training loss of each epoch)."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=_train,
        cases=(
            _train_case("8 rows, batches of 4, 3 epochs", _X8, _Y8, 3, 4, 0.3, 1),
            _train_case(
                "10 rows, batches of 4 (the last has 2), 3 epochs", _X10, _Y10, 3, 4, 0.5, 0
            ),
            _train_case(
                "one batch holding all 10 rows (plain gradient descent), 2 epochs",
                _X10,
                _Y10,
                2,
                10,
                0.5,
                2,
            ),
            _train_case("batches of 3, one epoch", _X10, _Y10, 1, 3, 1.0, 3),
        ),
        also_accept=(_mistake(average="per example"),),  # each row weighs the same: also right
        mistakes=(
            Mistake(
                _mistake(shuffle="once"),
                "You shuffled once, before the first epoch, so every epoch met the batches in "
                "the same order. Draw a new order at the start of each epoch.",
            ),
            Mistake(
                _mistake(shuffle="never"),
                "You never shuffled: call rng.permutation(len(X)) at the start of each epoch "
                "and take the batches from that order.",
            ),
            Mistake(
                _mistake(keep_last=False),
                "You dropped the last, smaller batch: its rows are never learned from. Keep it.",
            ),
            Mistake(
                _mistake(sign=1.0),
                "You stepped uphill: the gradient points where the loss grows, so subtract it.",
            ),
            Mistake(_mistake(step_size=False), "Don't forget to scale each step by lr."),
            Mistake(
                _mistake(average="sum"),
                "The parameters are right, but you added up the batch losses: an epoch's loss "
                "is their mean.",
            ),
            Mistake(
                _mistake(same_batch=True),
                "Every step used the first batch of the epoch again: step through the batches, "
                "order[start:start + batch_size], moving start on by batch_size.",
            ),
        ),
        hint="Per epoch: order = rng.permutation(len(X)); per batch: its rows, gradients on "
        "them, then every parameter steps against its own gradient, scaled by lr.",
        crash_hint="params and the grads list line up one to one: zip(params, grads) pairs each "
        "parameter with its gradient. X[batch] picks a batch's rows from an array of row "
        "numbers.",
    )
)


# ------------------------------------------------------------------ early stopping


def _early_stopping_epoch(validation_losses: Any, patience: int, *, ties: str = "first") -> int:
    best_epoch, best = 1, np.inf
    for epoch, loss in enumerate(validation_losses, start=1):
        if loss < best or (ties == "last" and loss == best):
            best_epoch, best = epoch, loss
        elif epoch - best_epoch >= patience:
            break
    return best_epoch


_WAVY = arr(0.9, 0.6, 0.5, 0.55, 0.52, 0.45, 0.5, 0.6, 0.7)

check_early_stopping_epoch = register(
    Exercise(
        topic=TOPIC,
        name="early_stopping_epoch",
        title="Stopping early",
        task=(
            "Write `early_stopping_epoch(validation_losses, patience)`. Training remembers "
            "the epoch (counting\nfrom 1) with the lowest validation loss so far; only a "
            "strictly lower loss is better. Once\n`patience` epochs pass without a better "
            "one, it stops. Return the epoch whose network it keeps: the\nbest seen before "
            "stopping (or before the list ends)."
        ),
        stub=(
            "def early_stopping_epoch(validation_losses, patience):\n"
            '    """The epoch (counting from 1) whose network early stopping keeps."""\n'
            "    raise NotImplementedError  # replace this line with your code"
        ),
        reference=_early_stopping_epoch,
        cases=(
            Case(
                "a dip, then a rise, patience 2",
                {"validation_losses": arr(1.0, 0.7, 0.5, 0.6, 0.8, 0.9), "patience": 2},
            ),
            Case(
                "a better epoch after a short bump, patience 3 waits for it",
                {"validation_losses": _WAVY, "patience": 3},
            ),
            Case(
                "the same losses, patience 2 stops before it",
                {"validation_losses": _WAVY, "patience": 2},
            ),
            Case(
                "a tie with the best (not better), patience 3",
                {"validation_losses": arr(0.8, 0.4, 0.6, 0.4, 0.7, 0.3), "patience": 3},
            ),
            Case(
                "still improving at the last epoch",
                {"validation_losses": arr(0.9, 0.8, 0.7, 0.65), "patience": 2},
            ),
        ),
        mistakes=(
            Mistake(
                lambda validation_losses, patience: int(np.argmin(validation_losses)) + 1,
                "That is the lowest loss of the whole list; but training stops once patience "
                "epochs pass without a better one, and never sees what comes after.",
            ),
            Mistake(
                lambda validation_losses, patience: (
                    _early_stopping_epoch(validation_losses, patience) - 1
                ),
                "Epochs count from 1: the first loss in the list is epoch 1.",
            ),
            Mistake(
                lambda validation_losses, patience: _early_stopping_epoch(
                    validation_losses, patience, ties="last"
                ),
                "A loss equal to the best is not better: keep the earlier epoch (compare with "
                "<, not <=).",
            ),
        ),
        hint="Walk through the losses with their epoch numbers, keep the best epoch and its "
        "loss, and stop when epoch - best_epoch reaches patience.",
        exact=True,
    )
)
