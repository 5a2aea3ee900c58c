"""The exercise checks: right answers pass, typical mistakes get their specific hint.

The "correct" solutions below are written independently of nnbook.exercises' references
(loops, other NumPy calls), so a wrong reference would make these tests fail.
"""

import importlib
import inspect
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from finite_differences import central_differences
from numpy import tanh as tanh_bound_before_the_check
from test_module_structure import import_graph

import nnbook
from nnbook import exercises as ex
from nnbook.exercises.chapters import CHAPTER_OF_TOPIC

# --------------------------------------------------------------------------------------
# Learner-style correct solutions, written without looking at the references
# --------------------------------------------------------------------------------------


def _rows(x):
    """Treat a vector as a batch of one row; remember whether to unwrap."""
    x = np.asarray(x, dtype=float)
    return (x[None, :], True) if x.ndim == 1 else (x, False)


def weighted_sum(x, w, b):
    batch, single = _rows(x)
    z = np.array([sum(xi * wi for xi, wi in zip(row, w, strict=True)) + b for row in batch])
    return z[0] if single else z


def neuron_output(x, w, b, phi):
    return phi(weighted_sum(x, w, b))


def threshold(w, b):
    return (0.0 - b) / w


def flatten_image(image):
    return np.array([pixel for row in image for pixel in row])


def layer_outputs(x, weights, biases):
    return np.array(
        [1 / (1 + math.exp(-(np.dot(x, w) + b))) for w, b in zip(weights, biases, strict=True)]
    )


def count_parameters(sizes):
    return sum(sizes[i] * sizes[i + 1] + sizes[i + 1] for i in range(len(sizes) - 1))


def layer_forward(a, W, b, phi):
    batch, single = _rows(a)
    out = np.array([[row @ W[i] + b[i] for i in range(W.shape[0])] for row in batch])
    return phi(out[0] if single else out)


def layer_forward_columns(x, W, b, phi):
    return layer_forward(x.T, W, b, phi).T


def network_forward(a, layers, phi):
    for W, b in layers:
        a = layer_forward(a, W, b, phi)
    return a


def tanh(x):
    return (np.exp(2 * x) - 1) / (np.exp(2 * x) + 1)


def sigmoid_derivative(x):
    return np.exp(-x) / (1 + np.exp(-x)) ** 2


def leaky_relu(x, alpha):
    return np.maximum(x, alpha * x)


def leaky_relu_derivative(x, alpha):
    return np.where(x < 0, alpha, 1.0)  # 1 at the kink: also accepted


def compose_linear(W1, b1, W2, b2):
    # Read the combined layer off by feeding it the unit vectors and zero.
    n = W1.shape[1]
    b = (b1 @ W2.T) + b2
    W = np.stack([(np.eye(n)[j] @ W1.T + b1) @ W2.T + b2 - b for j in range(n)], axis=1)
    return W, b


def abs_from_relus(x):
    return np.maximum(x, 0) + np.maximum(-x, 0)


def triangle_bump(x):
    return np.interp(x, [-1.0, 0.0, 1.0], [0.0, 1.0, 0.0])  # the corners, joined by lines


def append_one(a):
    a = np.asarray(a, dtype=float)
    return np.hstack([a, np.ones((*a.shape[:-1], 1))])


def fold_bias(W, b):
    return np.column_stack([W, b])


def folded_layer_forward(a, W_folded, phi):
    return phi(append_one(a) @ W_folded.T)


def mse(y_pred, y_true):
    d = (y_pred - y_true).ravel()
    return float(d @ d) / d.size


def mse_gradient(y_pred, y_true):
    return 2 * (y_pred - y_true) / np.prod(y_pred.shape)


def weight_gradient(delta, a_prev):
    return sum(np.outer(delta[i], a_prev[i]) for i in range(delta.shape[0]))


def sgd_step(W, grad, lr):
    new = W.copy()
    new -= lr * grad
    return new


def momentum_step(W, v, grad, lr, mu):
    step = mu * v - lr * grad
    return W + step, step


def layer_backward(dA, z, a_prev, W, phi_prime):
    # entry by entry, with loops over the batch: dL/dz, then what each W_ij, b_i, a_kj gets
    delta = dA * phi_prime(z)
    B, M = delta.shape
    dW = np.zeros_like(W)
    db = np.zeros(M)
    for k in range(B):
        dW += np.outer(delta[k], a_prev[k])
        db += delta[k]
    dA_prev = np.array([[delta[k] @ W[:, j] for j in range(W.shape[1])] for k in range(B)])
    return dW, db, dA_prev


def backward_pass(dA, activations, zs, weights, phi_prime):
    grads = [None] * len(weights)
    for k in reversed(range(len(weights))):
        dW, db, dA = layer_backward(dA, zs[k], activations[k], weights[k], phi_prime)
        grads[k] = (dW, db)
    return grads


def minibatches(n, batch_size, rng):
    order = list(rng.permutation(n))
    batches = []
    while order:
        batches.append(np.array(order[:batch_size]))
        order = order[batch_size:]
    return batches


def train(params, X, y, gradients, epochs, batch_size, lr, rng):
    epoch_losses = []
    for _ in range(epochs):
        batches = minibatches(len(X), batch_size, rng)
        losses = []
        for rows in batches:
            loss, grads = gradients(params, X[rows], y[rows])
            params = [p - lr * g for p, g in zip(params, grads, strict=True)]
            losses.append(loss)
        epoch_losses.append(sum(losses) / len(losses))
    return params, epoch_losses


def early_stopping_epoch(validation_losses, patience):
    best = 0
    for i in range(len(validation_losses)):
        if validation_losses[i] < validation_losses[best]:
            best = i
        if i - best == patience:
            break
    return best + 1


CORRECT = {
    f.__name__: f
    for f in [
        weighted_sum,
        neuron_output,
        threshold,
        flatten_image,
        layer_outputs,
        count_parameters,
        layer_forward,
        layer_forward_columns,
        network_forward,
        tanh,
        sigmoid_derivative,
        leaky_relu,
        leaky_relu_derivative,
        compose_linear,
        abs_from_relus,
        triangle_bump,
        append_one,
        fold_bias,
        folded_layer_forward,
        mse,
        mse_gradient,
        weight_gradient,
        sgd_step,
        momentum_step,
        layer_backward,
        backward_pass,
        minibatches,
        train,
        early_stopping_epoch,
    ]
}


def check(name, function):
    return getattr(ex, f"check_{name}")(function, quiet=True)


# --------------------------------------------------------------------------------------
# Coverage of the registry
# --------------------------------------------------------------------------------------


def test_every_chapter_has_two_to_four_exercises():
    for chapter in range(1, 10):
        assert 2 <= len(ex.exercises_for_chapter(chapter)) <= 4, chapter


def test_every_exercise_has_a_check_function_and_a_correct_solution_here():
    assert set(ex.EXERCISES) == set(CORRECT)
    for name in ex.EXERCISES:
        assert callable(getattr(ex, f"check_{name}"))


def test_unknown_chapter_is_a_clear_error():
    with pytest.raises(ValueError, match="no exercises for chapter 10"):
        ex.exercises_for_chapter(10)


def test_an_exercise_with_an_unknown_topic_is_refused_naming_the_known_topics():
    with pytest.raises(ValueError, match=r"unknown exercise topic 'neurons'; expected one of \["):
        ex.Exercise("neurons", "f", "F", "Write f.", "def f(): ...", abs, cases=())


# --------------------------------------------------------------------------------------
# The package's layout: one module per topic, an engine that knows none of them
# --------------------------------------------------------------------------------------

PACKAGE = Path(ex.__file__).parent


@pytest.mark.parametrize("topic", sorted(CHAPTER_OF_TOPIC))
def test_each_topic_module_holds_exercises_of_its_own_topic_only(topic):
    module = importlib.import_module(f"nnbook.exercises.{topic}")
    checks = [name for name in module.__all__ if name.startswith("check_")]
    assert checks
    assert {ex.EXERCISES[name.removeprefix("check_")].topic for name in checks} == {topic}


def test_every_exercise_has_its_check_in_its_topic_module():
    for name, exercise in ex.EXERCISES.items():
        module = importlib.import_module(f"nnbook.exercises.{exercise.topic}")
        assert getattr(module, f"check_{name}") is getattr(ex, f"check_{name}")


def test_only_the_package_init_imports_the_topic_modules():
    topics = {f"nnbook.exercises.{topic}" for topic in CHAPTER_OF_TOPIC}
    graph = import_graph(PACKAGE.parent)
    assert {module for module, imported in graph.items() if imported & topics} == {
        "nnbook.exercises"
    }


def test_import_nnbook_loads_neither_the_exercises_nor_the_authoring_tools():
    code = "import sys, nnbook; print(sorted(m for m in sys.modules if m.startswith('nnbook.')))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert "nnbook.exercises" not in loaded
    assert "nnbook.authoring" not in loaded


# --------------------------------------------------------------------------------------
# Correct answers pass; stubs are "not attempted"
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_correct_solution_passes(name):
    result = check(name, CORRECT[name])
    assert result.passed, result.message
    assert bool(result) is True
    assert result.message.startswith("Passed!")


@pytest.mark.parametrize("name", sorted(CORRECT))
def test_passed_message_lists_every_case_checked(name):
    result = check(name, CORRECT[name])
    for case in ex.EXERCISES[name].cases:
        assert case.label in result.message


@pytest.mark.parametrize("name", sorted(ex.EXERCISES))
def test_stub_defines_a_function_with_the_reference_signature_that_is_not_attempted(name):
    exercise = ex.EXERCISES[name]
    namespace = {}
    exec(exercise.stub, namespace)  # defining the stub must not raise
    stub = namespace[name]
    expected = list(inspect.signature(CORRECT[name]).parameters)
    assert list(inspect.signature(stub).parameters) == expected
    result = check(name, stub)
    assert result.status == "not attempted"
    assert not result


def test_not_attempted_message_is_polite_without_traceback(capsys):
    def weighted_sum(x, w, b):
        raise NotImplementedError

    result = ex.check_weighted_sum(weighted_sum)
    printed = capsys.readouterr()
    assert printed.err == ""
    assert printed.out.strip() == result.message
    assert "Not attempted yet" in result.message
    assert "Traceback" not in printed.out


def test_check_prints_once_and_jupyter_shows_nothing_more(capsys):
    result = ex.check_mse(mse)
    assert capsys.readouterr().out.count("Passed!") == 1
    assert result._ipython_display_() is None  # the display hook adds no second copy


# --------------------------------------------------------------------------------------
# Typical mistakes get their specific hint
# --------------------------------------------------------------------------------------


def _train_variant(
    step_sign=-1.0,
    total=np.mean,
    first_only=False,
    use_lr=True,
    shuffle_each_epoch=True,
    drop_last=False,
    by_rows=False,
):
    """A learner-style training loop, right or with one mistake switched on."""

    def variant(params, X, y, gradients, epochs, batch_size, lr, rng):
        losses = []
        for epoch in range(epochs):
            if shuffle_each_epoch or epoch == 0:
                order = rng.permutation(len(X))
            stop = len(X) - len(X) % batch_size if drop_last else len(X)
            batch_losses, row_total = [], 0.0
            for start in range(0, stop, batch_size):
                rows = order[:batch_size] if first_only else order[start : start + batch_size]
                loss, grads = gradients(params, X[rows], y[rows])
                step = lr if use_lr else 1.0
                params = [p + step_sign * step * g for p, g in zip(params, grads, strict=True)]
                batch_losses.append(loss)
                row_total += loss * len(rows)
            losses.append(row_total / len(X) if by_rows else total(batch_losses))
        return params, losses

    return variant


train_shuffled_once = _train_variant(shuffle_each_epoch=False, by_rows=True)
train_dropping_the_last_batch = _train_variant(drop_last=True)
train_uphill = _train_variant(step_sign=1.0)
train_without_lr = _train_variant(use_lr=False)
train_summing_the_losses = _train_variant(total=np.sum)
train_on_the_first_batch_only = _train_variant(first_only=True)


MISTAKES = [
    ("weighted_sum", lambda x, w, b: x @ w, "forget the bias"),
    ("weighted_sum", lambda x, w, b: np.sum(x * w) + b, "Each row of a batch"),
    ("neuron_output", lambda x, w, b, phi: x @ w + b, "forget to pass it through phi"),
    ("neuron_output", lambda x, w, b, phi: phi(x @ w) + b, "added the bias after phi"),
    ("neuron_output", lambda x, w, b, phi: phi(x @ w), "forget the bias"),
    ("threshold", lambda w, b: b / w, "wrong sign"),
    ("threshold", lambda w, b: -w / b, "Upside down"),
    ("flatten_image", lambda image: image.T.reshape(-1), "column by column"),
    ("flatten_image", lambda image: image.reshape(1, -1), "The numbers are right"),
    (
        "layer_outputs",
        lambda x, ws, bs: np.array([1 / (1 + np.exp(-(x @ w))) for w in ws]),
        "forget the biases",
    ),
    (
        "count_parameters",
        lambda s: sum(s[i] * s[i + 1] for i in range(len(s) - 1)),
        "forget the biases",
    ),
    (
        "count_parameters",
        lambda s: sum(s[i] * s[i + 1] for i in range(len(s) - 1)) + sum(s),
        "input layer has no biases",
    ),
    (
        "layer_forward",
        lambda a, W, b, phi: phi(a @ W + b) if W.shape[0] == W.shape[1] else phi(a @ W.T + b),
        "forget to transpose W",
    ),
    (
        "layer_forward",
        lambda a, W, b, phi: phi(W @ a.T + b[:, None]) if a.ndim == 2 else phi(W @ a + b),
        "Did you compute W @ a",
    ),
    ("layer_forward", lambda a, W, b, phi: phi(a @ W.T), "forget the bias"),
    (
        "layer_forward_columns",
        lambda x, W, b, phi: (
            phi(W @ x + b) if x.shape[1] == W.shape[0] else phi(W @ x + b[:, None])
        ),
        "wrong axis",
    ),
    ("layer_forward_columns", lambda x, W, b, phi: phi(x.T @ W.T + b), "Did you use the row form"),
    (
        "network_forward",
        lambda a, layers, phi: phi(a @ layers[0][0].T + layers[0][1]),
        "first layer only",
    ),
    ("tanh", lambda x: (np.exp(x) + np.exp(-x)) / (np.exp(x) - np.exp(-x)), "coth"),
    ("tanh", lambda x: 1 / (1 + np.exp(-x)), "sigmoid"),
    ("sigmoid_derivative", lambda x: 1 / (1 + np.exp(-x)), "the sigmoid itself"),
    ("sigmoid_derivative", lambda x: (s := 1 / (1 + np.exp(-x))) * (1 + s), "MINUS"),
    ("leaky_relu", lambda x, alpha: np.where(x >= 0, alpha * x, x), "wrong side"),
    ("leaky_relu", lambda x, alpha: np.maximum(x, 0), "plain ReLU"),
    ("leaky_relu_derivative", lambda x, alpha: np.where(x > 0, alpha, 1.0), "wrong side"),
    ("leaky_relu_derivative", lambda x, alpha: np.where(x > 0, 1.0, 0.0), "plain ReLU"),
    (
        "leaky_relu_derivative",
        lambda x, alpha: np.where(x >= 0, x, alpha * x),
        "value, not its slope",
    ),
    (
        "compose_linear",
        lambda W1, b1, W2, b2: (
            (W2 @ W1, b1 + b2) if len(b1) == len(b2) else (W2 @ W1, W2 @ b1 + b2)
        ),
        "also passes through",
    ),
    ("compose_linear", lambda W1, b1, W2, b2: (W1.T @ W2.T, W2 @ b1 + b2), "transposed"),
    (
        "compose_linear",
        lambda W1, b1, W2, b2: (
            (W1 @ W2, W2 @ b1 + b2) if W1.shape == W2.shape else (W2 @ W1, W2 @ b1 + b2)
        ),
        "order of the product",
    ),
    ("abs_from_relus", lambda x: np.maximum(x, 0) - np.maximum(-x, 0), "just x again"),
    ("triangle_bump", lambda x: np.maximum(x + 1, 0) - np.maximum(x, 0), "stays at 1"),
    (
        "append_one",
        lambda a: np.concatenate([np.ones((*a.shape[:-1], 1)), a], axis=-1),
        "put the 1 first",
    ),
    (
        "append_one",
        lambda a: np.vstack([a, np.ones(a.shape[-1])]) if a.ndim == 2 else np.append(a, 1.0),
        "row of ones",
    ),
    (
        "fold_bias",
        lambda W, b: np.vstack([W, b]) if W.shape[0] == W.shape[1] else np.column_stack([W, b]),
        "as a row",
    ),
    ("fold_bias", lambda W, b: np.column_stack([b, W]), "first column"),
    (
        "folded_layer_forward",
        lambda a, Wf, phi: phi(np.concatenate([np.ones((*a.shape[:-1], 1)), a], axis=-1) @ Wf.T),
        "put the 1 first",
    ),
    ("mse", lambda p, t: np.sum((p - t) ** 2), "take their mean"),
    ("mse", lambda p, t: np.mean(np.abs(p - t)), "ABSOLUTE"),
    ("mse_gradient", lambda p, t: (p - t) / p.size, "factor 2"),
    ("mse_gradient", lambda p, t: 2 * (t - p) / p.size, "sign is flipped"),
    ("weight_gradient", lambda d, a: a.T @ d, "swap"),
    ("weight_gradient", lambda d, a: d.T @ a / len(d), "divided by the batch size"),
    ("sgd_step", lambda W, g, lr: W + lr * g, "uphill"),
    ("momentum_step", lambda W, v, g, lr, mu: (W + v, mu * v - lr * g), "OLD step"),
    ("momentum_step", lambda W, v, g, lr, mu: (W - lr * g, -lr * g), "forgot the old one"),
    ("momentum_step", lambda W, v, g, lr, mu: (W + v - lr * g, v - lr * g), "fraction mu"),
    ("layer_backward", lambda dA, z, a, W, p: (dA.T @ a, dA.sum(0), dA @ W), "left out phi'(z)"),
    (
        "layer_backward",
        lambda dA, z, a, W, p: ((d := dA * p(z)).T @ a, d.sum(0), d @ W.T),
        "did you transpose W?",
    ),
    (
        "layer_backward",
        lambda dA, z, a, W, p: ((d := dA * p(z)).T @ a / len(d), d.sum(0) / len(d), d @ W),
        "divided by the batch size",
    ),
    (
        "layer_backward",
        lambda dA, z, a, W, p: (
            (d := dA * p(z)).T @ a / len(d),
            d.sum(0) / len(d),
            d @ W / len(d),
        ),
        "divided all three by the batch size",
    ),
    (
        "layer_backward",
        lambda dA, z, a, W, p: ((d := dA * p(z)).T @ a, d.mean(0), d @ W),
        "the mean of delta over the batch, not its sum",
    ),
    ("layer_backward", lambda dA, z, a, W, p: ((d := dA * p(z)).T @ a, d @ W), "forget db"),
    ("layer_backward", lambda dA, z, a, W, p: ((d := dA * p(z)).T @ a, d, d @ W), "summed over"),
    (
        "layer_backward",
        lambda dA, z, a, W, p: ((d := dA * p(z)).T @ a, d.sum(1), d @ W),
        "wrong axis",
    ),
    (
        "layer_backward",
        lambda dA, z, a, W, p: ((d := dA * p(z)).T @ a, d.sum(0), dA @ W),
        "use delta, not dA",
    ),
    (
        "layer_backward",
        lambda dA, z, a, W, p: (a.T @ (d := dA * p(z)), d.sum(0), d @ W),
        "factors swapped",
    ),
    (
        "backward_pass",
        lambda dA, acts, zs, Ws, p: backward_pass(dA, acts, zs, Ws, p)[::-1],
        "wrong order",
    ),
    (
        "backward_pass",
        lambda dA, acts, zs, Ws, p: [
            layer_backward(dA, zs[k], acts[k], Ws[k], p)[:2] for k in range(len(Ws))
        ],
        "hand its dA_prev back",
    ),
    (
        "backward_pass",
        lambda dA, acts, zs, Ws, p: [g[0] for g in backward_pass(dA, acts, zs, Ws, p)],
        "return a pair (dW, db)",
    ),
    (
        "backward_pass",
        lambda dA, acts, zs, Ws, p: backward_pass(
            dA, acts, zs, Ws, lambda z: p(z) if z is zs[-1] else np.ones_like(z)
        ),
        "every layer multiplies by phi'",
    ),
    (
        "backward_pass",
        lambda dA, acts, zs, Ws, p: backward_pass(dA, acts[1:], zs, Ws, p),
        "its own output",
    ),
    (
        "backward_pass",
        lambda dA, acts, zs, Ws, p: backward_pass(dA, acts, acts[1:], Ws, p),
        "phi_prime takes z: use zs[k]",
    ),
    ("minibatches", lambda n, b, rng: [np.arange(n)[i : i + b] for i in range(0, n, b)], "shuffle"),
    (
        "minibatches",
        lambda n, b, rng: np.split(rng.permutation(n)[: n - n % b], n // b) if n >= b else [],
        "dropped the last",
    ),
    ("train", train_shuffled_once, "same order"),
    ("train", train_dropping_the_last_batch, "dropped the last"),
    ("train", train_uphill, "uphill"),
    ("train", train_without_lr, "scale each step by lr"),
    ("train", train_summing_the_losses, "mean"),
    ("train", train_on_the_first_batch_only, "first batch"),
    ("early_stopping_epoch", lambda v, p: int(np.argmin(v)) + 1, "never sees what comes after"),
    ("early_stopping_epoch", lambda v, p: early_stopping_epoch(v, p) - 1, "count from 1"),
]


@pytest.mark.parametrize(
    "name, wrong, hint", MISTAKES, ids=[f"{m[0]}-{m[2] or 'crash'}" for m in MISTAKES]
)
def test_typical_mistake_fails_with_its_specific_hint(name, wrong, hint):
    result = check(name, wrong)
    assert not result.passed
    assert result.status in ("failed", "error")
    if hint is not None:
        assert hint in result.hint, result.message


def test_transposed_weights_hint_names_the_shapes():
    result = ex.check_layer_forward(
        lambda a, W, b, phi: phi(W @ a.T + b[:, None]) if a.ndim == 2 else phi(W @ a + b),
        quiet=True,
    )
    assert "has shape (2, 4); expected (4, 2)" in result.hint


def test_wrong_answer_shows_the_input_the_answer_and_the_expected_value():
    result = ex.check_weighted_sum(lambda x, w, b: x @ w, quiet=True)
    assert "one input vector with 3 values" in result.message
    assert "x = [ 1.  2. -1.]" in result.message
    assert "your answer: -2" in result.message
    assert "expected:    -1.5" in result.message  # 0.5 - 0.5 - 2 + 0.5 by hand


def test_kink_of_leaky_relu_derivative_accepts_either_slope():
    left = ex.check_leaky_relu_derivative(lambda x, a: np.where(x > 0, 1.0, a), quiet=True)
    right = ex.check_leaky_relu_derivative(lambda x, a: np.where(x >= 0, 1.0, a), quiet=True)
    assert left.passed and right.passed


def test_batch_crash_is_reported_briefly_with_the_input_and_a_hint(capsys):
    result = ex.check_weighted_sum(lambda x, w, b: w @ x + b)
    out = capsys.readouterr().out
    assert result.status == "error"
    assert "stopped with ValueError: matmul" in out
    assert "a batch of 4 inputs" in out
    assert "x @ w handles both" in out
    assert "Traceback" not in out and "File " not in out
    assert len(out.splitlines()) < 15


def test_crash_in_learner_code_reports_type_and_message():
    def layer_forward(a, W, b, phi):
        raise KeyError("oops")

    result = ex.check_layer_forward(layer_forward, quiet=True)
    assert result.status == "error"
    assert "stopped with KeyError: 'oops'" in result.message


def test_forgotten_return_is_named():
    def append_one(a):
        np.append(a, 1.0)

    assert "forget the `return`" in ex.check_append_one(append_one, quiet=True).hint


def test_changing_an_input_in_place_fails_even_with_the_right_answer():
    def sgd_step(W, grad, lr):
        W -= lr * grad
        return W

    result = ex.check_sgd_step(sgd_step, quiet=True)
    assert not result.passed
    assert "changed its input W in place" in result.hint


def test_passing_a_result_instead_of_the_function_is_explained():
    result = ex.check_mse(0.5, quiet=True)
    assert not result.passed
    assert "needs your function itself" in result.message


def test_learner_warnings_do_not_leak_to_stderr(capsys):
    ex.check_tanh(lambda x: (np.exp(x) + np.exp(-x)) / (np.exp(x) - np.exp(-x)))  # 1/0 at x=0
    ex.check_weighted_sum(lambda x, w, b: np.log(-1.0) + x @ w + b)  # invalid value: nan
    assert capsys.readouterr().err == ""


def test_nan_answer_gets_a_nan_hint():
    result = ex.check_mse(lambda p, t: np.nan, quiet=True)
    assert "nan" in result.hint


def test_integer_answers_are_compared_exactly():
    result = ex.check_count_parameters(lambda s: count_parameters(s) + 1e-9, quiet=True)
    assert not result.passed


# --------------------------------------------------------------------------------------
# The checks never reveal the solution
# --------------------------------------------------------------------------------------

SOLUTION_FRAGMENTS = {
    "weighted_sum": "x @ w + b",
    "layer_forward": "a @ W.T + b",
    "compose_linear": "W2 @ W1",
    "sigmoid_derivative": "sigmoid(x) * (1 - sigmoid(x))",
    "mse_gradient": "2 * (y_pred - y_true) / y_pred.size",
    "weight_gradient": "delta.T @ a_prev",
    "layer_backward": "delta.T @ a_prev",
    "fold_bias": "b[:, None]",
    "leaky_relu": "np.where(x >= 0, x, alpha * x)",
}


@pytest.mark.parametrize("name", sorted(SOLUTION_FRAGMENTS))
def test_messages_never_contain_the_reference_code(name):
    reference_source = inspect.getsource(ex.EXERCISES[name].reference)
    assert SOLUTION_FRAGMENTS[name] in reference_source  # the fragment really is the solution
    messages = [check(name, lambda *args: np.zeros(3)).message]
    messages += [check(name, m[1]).message for m in MISTAKES if m[0] == name]
    messages.append(check(name, CORRECT[name]).message)
    for message in messages:
        assert SOLUTION_FRAGMENTS[name] not in message
        assert "lambda" not in message and "def " not in message


# --------------------------------------------------------------------------------------
# The references are right: against nnbook, loops and finite differences
# --------------------------------------------------------------------------------------


def reference(name):
    return ex.EXERCISES[name].reference


def test_reference_activations_match_nnbook():
    x = np.linspace(-4, 4, 17)
    np.testing.assert_allclose(reference("tanh")(x), nnbook.to_numpy(nnbook.tanh(x)))
    np.testing.assert_allclose(reference("sigmoid_derivative")(x), nnbook.sigmoid_derivative(x))
    np.testing.assert_allclose(reference("leaky_relu")(x, 0.1), nnbook.leaky_relu(x, alpha=0.1))
    np.testing.assert_allclose(
        reference("leaky_relu_derivative")(x, 0.1), nnbook.leaky_relu_derivative(x, alpha=0.1)
    )


def test_reference_layer_and_folding_match_nnbook():
    rng = np.random.default_rng(0)
    W, b, a = rng.normal(size=(3, 4)), rng.normal(size=3), rng.normal(size=(5, 4))
    layer = nnbook.Layer(W, b, "sigmoid")
    np.testing.assert_allclose(reference("layer_forward")(a, W, b, ex.sigmoid), layer(a))
    np.testing.assert_allclose(reference("fold_bias")(W, b), nnbook.fold_bias(W, b))
    np.testing.assert_allclose(reference("append_one")(a), nnbook.append_ones(a))
    np.testing.assert_allclose(
        reference("folded_layer_forward")(a, nnbook.fold_bias(W, b), ex.sigmoid), layer(a)
    )


def test_reference_compose_linear_equals_two_layers_in_a_row():
    rng = np.random.default_rng(1)
    W1, b1, W2, b2 = (rng.normal(size=s) for s in [(4, 3), 4, (2, 4), 2])
    W, b = reference("compose_linear")(W1, b1, W2, b2)
    a = rng.normal(size=(6, 3))
    np.testing.assert_allclose(a @ W.T + b, (a @ W1.T + b1) @ W2.T + b2)


def test_reference_bump_and_abs_are_the_curves_they_claim():
    x = np.linspace(-3, 3, 61)
    np.testing.assert_allclose(reference("triangle_bump")(x), np.clip(1 - np.abs(x), 0, None))
    np.testing.assert_allclose(reference("abs_from_relus")(x), np.abs(x))


def test_reference_derivatives_match_finite_differences():
    x = np.array([-2.5, -0.3, 0.4, 1.7])
    sig, dsig = ex.sigmoid, reference("sigmoid_derivative")
    np.testing.assert_allclose(dsig(x), (sig(x + 1e-6) - sig(x - 1e-6)) / 2e-6, rtol=1e-6)
    lrelu, dlrelu = reference("leaky_relu"), reference("leaky_relu_derivative")
    numeric = (lrelu(x + 1e-6, 0.1) - lrelu(x - 1e-6, 0.1)) / 2e-6
    np.testing.assert_allclose(dlrelu(x, 0.1), numeric, rtol=1e-6)


def test_reference_mse_gradient_matches_finite_differences():
    rng = np.random.default_rng(2)
    y_pred, y_true = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    mse_ref = reference("mse")
    numeric = central_differences(lambda p: mse_ref(p, y_true), y_pred)
    np.testing.assert_allclose(reference("mse_gradient")(y_pred, y_true), numeric, atol=1e-7)


def test_reference_weight_gradient_matches_finite_differences_of_a_layer_loss():
    rng = np.random.default_rng(3)
    W, b = rng.normal(size=(2, 3)), rng.normal(size=2)
    a_prev, target = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))

    def loss(weights):
        return reference("mse")(a_prev @ weights.T + b, target)  # identity activation

    delta = reference("mse_gradient")(a_prev @ W.T + b, target)  # dL/dz, since phi' = 1
    np.testing.assert_allclose(
        reference("weight_gradient")(delta, a_prev), central_differences(loss, W), atol=1e-7
    )


def test_reference_sgd_step_lowers_a_quadratic_loss():
    W = np.array([[1.0, -2.0]])
    step = reference("sgd_step")(W, 2 * W, 0.1)  # gradient of sum(W^2)
    assert np.sum(step**2) < np.sum(W**2)


def test_reference_train_takes_exactly_the_steps_of_nnbook_fit():
    # fit shuffles with default_rng(seed).permutation(n) once per epoch, like the task says.
    from nnbook.data import load_moons
    from nnbook.training import fit, gradient_function, parameters

    X, y = load_moons(n=50, seed=0)
    net = nnbook.Network.from_sizes([2, 5, 2], "tanh", output_activation="identity", seed=0)
    start, gradients = parameters(net), gradient_function(net)
    args = (start, X, y, gradients, 3, 8, 0.2)
    params, losses = reference("train")(*args, np.random.default_rng(4))
    history = fit(net, X, y, epochs=3, batch_size=8, lr=0.2, seed=4, progress=False)
    for mine, theirs in zip(params, parameters(net), strict=True):
        np.testing.assert_allclose(mine, theirs, rtol=1e-12)
    # fit weighs every row the same (the last batch of 2 counts less): the accepted variant
    accepted = ex.EXERCISES["train"].also_accept[0](*args, np.random.default_rng(4))[1]
    np.testing.assert_allclose(accepted, history.loss, rtol=1e-12)
    assert losses[-1] < losses[0]  # and training lowered the loss


def test_train_that_weighs_each_row_equally_also_passes():
    train_by_rows = _train_variant(by_rows=True)

    assert check("train", train_by_rows).passed


def test_reference_minibatches_use_every_row_once():
    batches = reference("minibatches")(10, 4, np.random.default_rng(0))
    assert [len(b) for b in batches] == [4, 4, 2]
    assert sorted(np.concatenate(batches)) == list(range(10))


def test_reference_count_parameters_matches_nnbook_network():
    net = nnbook.Network.from_sizes([5, 4, 3], seed=0)
    total = sum(la.weights.size + la.bias.size for la in net.layers)
    assert reference("count_parameters")([5, 4, 3]) == total


# --------------------------------------------------------------------------------------
# A shortcut the task rules out is caught, however it is reached
# --------------------------------------------------------------------------------------


def test_tanh_written_with_np_tanh_is_refused_saying_what_to_build_it_from():
    result = ex.check_tanh(lambda x: np.tanh(x), quiet=True)
    assert not result.passed
    assert "build it from np.exp; your function called np.tanh" in result.hint


def test_tanh_written_with_math_tanh_is_refused():
    result = ex.check_tanh(np.vectorize(lambda v: math.tanh(v)), quiet=True)
    assert "your function called math.tanh" in result.hint


def test_tanh_written_with_nnbook_tanh_is_refused():
    result = ex.check_tanh(lambda x: nnbook.tanh(x), quiet=True)
    assert "your function called nnbook.tanh" in result.hint


def test_tanh_bound_before_the_check_is_still_refused():
    result = ex.check_tanh(lambda x: tanh_bound_before_the_check(x), quiet=True)
    assert "your function called np.tanh" in result.hint


def test_a_shortcut_whose_error_the_learner_catches_is_still_refused():
    def tanh(x):
        try:
            return np.tanh(x)
        except BaseException:
            return np.tanh(x)

    assert "your function called np.tanh" in ex.check_tanh(tanh, quiet=True).hint


@pytest.mark.parametrize(
    "shortcut, called",
    [
        (lambda x: np.abs(x), "np.abs"),
        (lambda x: np.absolute(x), "np.absolute"),
        (lambda x: abs(x), "abs"),
        (lambda x: np.array([abs(v) for v in x.ravel()]).reshape(x.shape), "abs"),
    ],
    ids=["np.abs", "np.absolute", "abs", "abs-in-a-loop"],
)
def test_abs_from_relus_refuses_every_spelling_of_abs(shortcut, called):
    result = ex.check_abs_from_relus(shortcut, quiet=True)
    assert not result.passed
    assert f"your function called {called}." in result.hint
    assert "ReLU" in result.hint


@pytest.mark.parametrize(
    "shortcut, called",
    [
        (lambda x: np.maximum(1 - np.abs(x), 0), "np.abs"),
        (lambda x: np.clip(1 - np.maximum(x, -x), 0, 1), "np.clip"),
        (lambda x: (1 - np.maximum(x, -x)).clip(0, 1), "np.clip"),
    ],
    ids=["np.abs", "np.clip", "the clip method"],
)
def test_triangle_bump_refuses_abs_and_clip(shortcut, called):
    result = ex.check_triangle_bump(shortcut, quiet=True)
    assert not result.passed
    assert f"your function called {called}." in result.hint


def test_a_shortcut_is_a_failure_that_says_so_in_plain_words():
    result = ex.check_abs_from_relus(lambda x: np.abs(x), quiet=True)
    assert result.status == "failed"
    assert result.message.startswith("Not yet: abs_from_relus called np.abs")


def test_a_shortcut_is_refused_only_during_the_check():
    refused = ex.check_triangle_bump(lambda x: np.clip(1 - abs(x), 0, 1), quiet=True)
    assert "your function called abs." in refused.hint
    assert abs(-2) == 2 and np.clip(3.0, 0, 1) == 1.0 and isinstance(np.abs, np.ufunc)


# --------------------------------------------------------------------------------------
# The tasks of 7.3 and 7.4 say what is wanted, not the formula
# --------------------------------------------------------------------------------------


def test_weight_gradient_task_gives_shapes_and_meaning_but_not_the_formula():
    exercise = ex.EXERCISES["weight_gradient"]
    for text in (exercise.task, exercise.stub):
        assert "\\delta^\\top" not in text and "delta^T" not in text and "delta.T" not in text
    for shape in ("(B, M)", "(B, N)", "(M, N)"):
        assert shape in exercise.task


def test_sgd_step_task_describes_the_goal_not_the_update_rule():
    task = ex.EXERCISES["sgd_step"].task
    assert "gradient-descent step" not in task  # the chapter's name for w - lr * dL/dw
    assert "lower" in task and "`lr`" in task and "`grad`" in task


# --------------------------------------------------------------------------------------
# Only real numbers pass; a near miss shows the digits that differ
# --------------------------------------------------------------------------------------


def test_an_answer_with_an_imaginary_part_never_passes():
    result = ex.check_mse(lambda p, t: np.mean((p - t) ** 2) + 1e-3j, quiet=True)
    assert not result.passed
    assert "complex numbers" in result.hint


def test_an_array_with_an_imaginary_part_never_passes():
    result = ex.check_sgd_step(lambda W, g, lr: W - lr * g + 1e-3j, quiet=True)
    assert not result.passed
    assert "complex numbers (dtype complex128)" in result.hint


def test_a_complex_answer_with_zero_imaginary_part_does_not_pass_either():
    result = ex.check_sgd_step(lambda W, g, lr: (W - lr * g).astype(complex), quiet=True)
    assert not result.passed
    assert "complex" in result.hint


def test_an_array_of_python_objects_does_not_pass():
    result = ex.check_sgd_step(lambda W, g, lr: (W - lr * g).astype(object), quiet=True)
    assert not result.passed
    assert "dtype=object" in result.hint


def test_a_number_written_as_text_does_not_pass():
    result = ex.check_count_parameters(lambda s: str(count_parameters(s)), quiet=True)
    assert not result.passed
    assert "text" in result.hint


def test_a_near_miss_prints_enough_digits_to_see_the_difference():
    result = ex.check_count_parameters(lambda s: count_parameters(s) + 1e-9, quiet=True)
    assert "your answer: 13.000000001\n" in result.message
    assert "expected:    13\n" in result.message


def test_a_near_miss_in_an_array_prints_enough_digits_to_see_the_difference():
    def sgd_step(W, grad, lr):
        return W - lr * grad + 5e-8  # just beyond the tolerance near zero

    result = ex.check_sgd_step(sgd_step, quiet=True)
    answer = result.message.split("your answer:")[1].split("expected:")[0]
    expected = result.message.split("expected:")[1].split("Hint:")[0]
    assert answer.split() != expected.split()


def test_a_wrong_item_inside_a_nested_answer_is_named_without_crashing_the_check():
    def backward_pass(dA, activations, zs, weights, phi_prime):
        grads = CORRECT["backward_pass"](dA, activations, zs, weights, phi_prime)
        return [(dW, db.reshape(1, -1)) for dW, db in grads]  # db as a row: wrong shape

    result = ex.check_backward_pass(backward_pass, quiet=True)
    assert result.status == "failed"
    assert (
        "the second item inside the first item of your answer (index [0][1]) has shape (1, 2); "
        "expected shape (2,)"
    ) in result.hint


def test_reference_layer_backward_matches_nnbook_and_finite_differences():
    from nnbook.backprop import layer_backward as library_layer_backward
    from nnbook.exercises.backpropagation import tanh_derivative

    rng = np.random.default_rng(4)
    W, b = rng.normal(size=(2, 3)), rng.normal(size=2)
    a_prev, target = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))

    def loss(W_=W, b_=b, a_=a_prev):
        return reference("mse")(np.tanh(a_ @ W_.T + b_), target)

    z = a_prev @ W.T + b
    dA = reference("mse_gradient")(np.tanh(z), target)  # carries the 1/n of the mean
    dW, db, dA_prev = reference("layer_backward")(dA, z, a_prev, W, tanh_derivative)
    np.testing.assert_allclose(dW, central_differences(lambda v: loss(W_=v), W), atol=1e-7)
    np.testing.assert_allclose(db, central_differences(lambda v: loss(b_=v), b), atol=1e-7)
    np.testing.assert_allclose(
        dA_prev, central_differences(lambda v: loss(a_=v), a_prev), atol=1e-7
    )
    lib = library_layer_backward(nnbook.Layer(W, b, "tanh"), a_prev, dA)
    np.testing.assert_allclose(dW, lib.weights)
    np.testing.assert_allclose(db, lib.bias)
    np.testing.assert_allclose(dA_prev, lib.input)


def test_reference_backward_pass_matches_nnbook_network_gradients():
    from nnbook.backprop import network_backward
    from nnbook.exercises.backpropagation import sigmoid_derivative

    net = nnbook.Network.from_sizes([3, 4, 5, 2], "sigmoid", seed=5)
    rng = np.random.default_rng(5)
    X, T = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))
    activations, zs = [X], []
    for layer in net.layers:
        zs.append(activations[-1] @ layer.weights.T + layer.bias)
        activations.append(ex.sigmoid(zs[-1]))
    dA = reference("mse_gradient")(activations[-1], T)
    ours = reference("backward_pass")(
        dA, activations, zs, [la.weights for la in net.layers], sigmoid_derivative
    )
    _, theirs = network_backward(net, X, T, loss="mse")
    assert len(ours) == len(theirs) == 3
    for (dW, db), grad in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(dW, grad.weights, atol=1e-12)
        np.testing.assert_allclose(db, grad.bias, atol=1e-12)


def test_a_list_of_the_wrong_length_is_told_how_many_items_it_holds():
    result = ex.check_minibatches(lambda n, batch_size, rng: [rng.permutation(n)], quiet=True)
    assert "Your answer holds 1 item; expected 3." in result.hint


def test_a_random_generator_and_numpy_numbers_in_a_list_are_shown_plainly():
    from nnbook.exercises.answers import format_value

    assert format_value(np.random.default_rng(0)).startswith("a seeded NumPy random generator")
    assert format_value([np.float64(0.5), np.float64(0.25)]) == "[0.5  0.25]"
    assert format_value([1, 2.5]) == "[1, 2.5]"  # plain Python numbers as Python writes them


def test_a_list_answer_of_the_wrong_length_is_told_in_items_a_tuple_in_things_to_return():
    def backward_pass(dA, activations, zs, weights, phi_prime):
        return CORRECT["backward_pass"](dA, activations, zs, weights, phi_prime)[-1:]

    def layer_backward(dA, z, a_prev, W, phi_prime):
        return CORRECT["layer_backward"](dA, z, a_prev, W, phi_prime)[:2]

    listed = ex.check_backward_pass(backward_pass, quiet=True)
    assert "Your answer holds 1 item; expected" in listed.hint, listed.hint
    tupled = ex.check_layer_backward(layer_backward, quiet=True)
    assert "Your answer holds 2 items; return 3, e.g. `return first, second, third`" in tupled.hint
