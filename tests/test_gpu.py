"""On a real GPU: the same math, on CuPy arrays, equal to NumPy's. Skipped without a usable GPU."""

import numpy as np
import pytest

import nnbook

pytestmark = pytest.mark.gpu


@pytest.fixture
def on_gpu():
    nnbook.use_device("gpu")
    yield
    nnbook.use_device("auto")


def test_network_built_on_the_gpu_holds_cupy_arrays_and_answers_numpy_with_numpy(on_gpu):
    import cupy

    net = nnbook.Network.from_sizes([8, 16, 4], seed=0)
    assert isinstance(net.layers[0].weights, cupy.ndarray)
    assert isinstance(net(np.ones((3, 8))), np.ndarray)  # computed on the GPU, copied back
    assert isinstance(net(cupy.ones((3, 8))), cupy.ndarray)  # stays on the GPU


def test_fit_keeps_the_data_on_the_gpu_for_the_whole_run(on_gpu, monkeypatch):
    import cupy

    from nnbook import training

    seen = []
    real = training.forward_backward

    def spy(network, X, target, loss):
        seen.append((type(X), type(target)))
        return real(network, X, target, loss)

    monkeypatch.setattr(training, "forward_backward", spy)
    net = nnbook.Network.from_sizes([8, 16, 3], output_activation="identity", seed=0)
    X, y = np.random.default_rng(0).normal(size=(40, 8)), np.arange(40) % 3
    training.fit(net, X, y, epochs=2, batch_size=8, progress=False)
    assert len(seen) == 10 and set(seen) == {(cupy.ndarray, cupy.ndarray)}


def test_gpu_results_equal_cpu_results(on_gpu):
    x = np.random.default_rng(0).normal(size=(32, 8))
    gpu_net = nnbook.Network.from_sizes([8, 16, 4], activation="tanh", seed=3)
    nnbook.use_device("cpu")
    cpu_net = nnbook.Network.from_sizes([8, 16, 4], activation="tanh", seed=3)
    np.testing.assert_allclose(nnbook.to_numpy(gpu_net(x)), cpu_net(x), rtol=1e-10)


def test_folding_and_activations_work_on_the_gpu(on_gpu):
    net = nnbook.Network.from_sizes([5, 6, 3], activation="sigmoid", seed=1)
    x = np.random.default_rng(1).normal(size=(4, 5))
    np.testing.assert_allclose(nnbook.to_numpy(net.fold()(x)), nnbook.to_numpy(net(x)), rtol=1e-12)


def test_to_numpy_brings_gpu_arrays_home(on_gpu):
    import cupy

    back = nnbook.to_numpy(cupy.arange(3.0))
    assert isinstance(back, np.ndarray)
    np.testing.assert_array_equal(back, [0.0, 1.0, 2.0])
