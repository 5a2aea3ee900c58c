"""NumPy in, NumPy out: every answer comes back as the kind of array the caller passed in.

The weights may live elsewhere (on the GPU through CuPy, or here, on the CPU, as
array-api-strict arrays standing in for "another library"): the math runs where the
weights are and the result is brought back. An input of the weights' own kind stays
there (the fast path). Lists and plain numbers count as NumPy.
"""

import array_api_strict as xs
import numpy as np
import pytest

import nnbook
from nnbook.backprop import forward_pass, layer_backward, network_backward
from nnbook.losses import cross_entropy_gradient, log_softmax, mse_gradient, softmax
from nnbook.training import predict

RNG = np.random.default_rng(11)
STRICT = type(xs.asarray(0.0))


def cupy_or_skip():
    if not nnbook.gpu_available():
        pytest.skip(f"needs a usable GPU: {nnbook.backend._probe_gpu()[1]}")
    import cupy

    return cupy


# Each kind: (how to make an array of it from NumPy, the type its results must have).
KINDS = {
    "numpy": (lambda a: a, np.ndarray),
    "list": (lambda a: a.tolist(), np.ndarray),
    "strict": (lambda a: xs.asarray(a), STRICT),
    "cupy": (lambda a: cupy_or_skip().asarray(a), None),
}
CPU_KINDS = ["numpy", "list", "strict"]


@pytest.fixture(params=[*CPU_KINDS, pytest.param("cupy", marks=pytest.mark.gpu)])
def kind(request):
    """How the caller hands data over, and the array type it must get back."""
    make, expected = KINDS[request.param]
    if request.param == "cupy":
        expected = cupy_or_skip().ndarray
    return make, expected


@pytest.fixture(params=["numpy", "strict", pytest.param("cupy", marks=pytest.mark.gpu)])
def where_weights_live(request):
    """The weights' own kind: NumPy, array-api-strict, or CuPy on a real GPU."""
    make, _ = KINDS[request.param]
    return make


def network(make_weights):
    reference = nnbook.Network.from_sizes([4, 5, 3], activation="tanh", seed=2)
    layers = [
        nnbook.Layer(make_weights(la.weights), make_weights(la.bias), la.activation)
        for la in reference.layers
    ]
    return nnbook.Network(layers), reference


def check(result, expected_type, reference):
    assert type(result) is expected_type, f"got {type(result).__name__}"
    np.testing.assert_allclose(nnbook.to_numpy(result), reference, rtol=1e-12, atol=1e-15)


def test_a_layer_answers_in_the_callers_kind(kind, where_weights_live):
    make, expected = kind
    net, reference = network(where_weights_live)
    x = RNG.normal(size=(3, 4))
    layer, ref_layer = net.layers[0], reference.layers[0]
    check(layer(make(x)), expected, ref_layer(x))
    check(layer.pre_activation(make(x)), expected, ref_layer.pre_activation(x))
    check(layer.fold()(make(x)), expected, ref_layer(x))


def test_a_network_answers_in_the_callers_kind_at_every_layer(kind, where_weights_live):
    make, expected = kind
    net, reference = network(where_weights_live)
    x = RNG.normal(size=(2, 4))
    check(net(make(x)), expected, reference(x))
    check(net.fold()(make(x)), expected, reference(x))
    for got, ref in zip(
        net.forward(make(x), return_activations=True),
        reference.forward(x, return_activations=True),
        strict=True,
    ):
        check(got, expected, ref)


def test_a_neuron_answers_in_the_callers_kind(kind, where_weights_live):
    make, expected = kind
    w, x = RNG.normal(size=3), RNG.normal(size=(2, 3))
    neuron = nnbook.Neuron(where_weights_live(w), 0.5, "sigmoid")
    reference = nnbook.Neuron(w, 0.5, "sigmoid")
    check(neuron(make(x)), expected, reference(x))
    check(neuron.weighted_sum(make(x)), expected, reference.weighted_sum(x))


def test_gradients_and_predictions_answer_in_the_callers_kind(kind, where_weights_live):
    make, expected = kind
    net, reference = network(where_weights_live)
    X, y = RNG.normal(size=(5, 4)), np.array([0, 2, 1, 1, 0])
    check(predict(net, make(X)), expected, predict(reference, X))
    _, grads = network_backward(net, make(X), y)
    _, ref_grads = network_backward(reference, X, y)
    for g, r in zip(grads, ref_grads, strict=True):
        check(g.weights, expected, r.weights)
        check(g.bias, expected, r.bias)
    acts, zs = forward_pass(net, make(X))
    ref_acts, ref_zs = forward_pass(reference, X)
    for got, ref in zip(acts + zs, ref_acts + ref_zs, strict=True):
        check(got, expected, ref)
    upstream = RNG.normal(size=(5, 5))
    g = layer_backward(net.layers[0], make(X), make(upstream))
    r = layer_backward(reference.layers[0], X, upstream)
    check(g.input, expected, r.input)


def test_functions_without_weights_answer_in_the_callers_kind(kind):
    make, expected = kind
    z = RNG.normal(size=(2, 3))
    for phi in (nnbook.sigmoid, nnbook.relu_derivative, nnbook.leaky_relu):
        check(phi(make(z)), expected, phi(z))
    check(softmax(make(z)), expected, softmax(z))
    check(log_softmax(make(z)), expected, log_softmax(z))
    check(cross_entropy_gradient(make(z), [0, 2]), expected, cross_entropy_gradient(z, [0, 2]))
    check(mse_gradient(make(z), make(z * 0)), expected, mse_gradient(z, z * 0))
    check(nnbook.append_ones(make(z)), expected, nnbook.append_ones(z))
    check(nnbook.unfold_bias(make(z))[1], expected, z[:, -1])


def test_data_of_the_weights_own_kind_is_not_copied():
    layer = nnbook.Layer(np.eye(3), np.zeros(3), "identity")
    x = np.arange(3.0)
    assert layer.enter(x)[0] is x


def test_your_numbers_stay_where_you_gave_them_and_nnbooks_own_go_to_the_device(monkeypatch):
    strict_namespace = type(xs.asarray(0.0)).__array_namespace__(xs.asarray(0.0))
    monkeypatch.setattr(nnbook.backend, "xp", lambda: strict_namespace)  # a stand-in device
    from_lists = nnbook.Layer([[1.0, 2.0]], [0.5], "relu")
    assert type(from_lists.weights) is np.ndarray
    made_by_nnbook = nnbook.Network.from_sizes([2, 3, 1], seed=0)
    assert type(made_by_nnbook.layers[0].weights) is STRICT
    on_device = nnbook.to_numpy(made_by_nnbook(xs.ones((1, 2))))
    check(made_by_nnbook(np.ones((1, 2))), np.ndarray, on_device)
