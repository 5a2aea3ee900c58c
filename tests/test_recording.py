"""Training recorded epoch by epoch: the network after epoch k is the one k epochs of fit make.

The oracle is a fresh network trained with plain ``fit`` for k epochs, same seed.
"""

import numpy as np
import pytest

from nnbook import Network, to_numpy
from nnbook.recording import TrainingRecord, record_training
from nnbook.training import TrainingDivergedError, fit

SETTINGS = {"batch_size": 8, "lr": 0.3, "momentum": 0.9, "seed": 5, "progress": False}


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)  # the quadrants: not linearly separable
    return X, y


def fresh_network() -> Network:
    return Network.from_sizes([2, 6, 2], "tanh", output_activation="identity", seed=2)


def weights(network):
    return [to_numpy(a) for layer in network.layers for a in (layer.weights, layer.bias)]


def assert_same_network(a, b):
    for wa, wb in zip(weights(a), weights(b), strict=True):
        np.testing.assert_array_equal(wa, wb)


@pytest.fixture(scope="module")
def record(data):
    return record_training(fresh_network(), *data, epochs=8, **SETTINGS)


def test_the_record_holds_the_network_before_training_and_after_each_epoch(record):
    assert isinstance(record, TrainingRecord)
    assert record.epochs == 8 and len(record.networks) == 9
    assert_same_network(record.networks[0], fresh_network())


@pytest.mark.parametrize("k", [1, 2, 5, 8])
def test_the_network_after_epoch_k_is_what_k_epochs_of_fit_make(record, data, k):
    network = fresh_network()
    fit(network, *data, epochs=k, **SETTINGS)
    assert_same_network(record.networks[k], network)


def test_recording_trains_the_network_and_keeps_the_history_exactly_as_fit_does(data):
    recorded, plain = fresh_network(), fresh_network()
    record = record_training(recorded, *data, epochs=4, **SETTINGS)
    history = fit(plain, *data, epochs=4, **SETTINGS)
    assert_same_network(recorded, plain)
    assert record.history.loss == history.loss
    assert record.history.accuracy == history.accuracy


def test_the_recorded_networks_keep_their_own_weights(data):
    network = fresh_network()
    record = record_training(network, *data, epochs=2, **SETTINGS)
    kept = to_numpy(record.networks[-1].layers[0].weights).copy()
    network.layers[0].weights[0, 0] += 1.0  # changed in place after training
    np.testing.assert_array_equal(to_numpy(record.networks[-1].layers[0].weights), kept)
    assert len({id(n.layers[0].weights) for n in record.networks}) == 3


def test_validation_data_are_measured_as_fit_measures_them(data):
    X, y = data
    split = {"X_val": X[30:], "y_val": y[30:], **SETTINGS}
    record = record_training(fresh_network(), X[:30], y[:30], 3, **split)
    history = fit(fresh_network(), X[:30], y[:30], 3, **split)
    assert len(record.history.val_accuracy) == 3
    assert record.history.val_loss == history.val_loss


def test_a_run_stopped_at_the_target_accuracy_records_only_the_epochs_that_ran(data):
    record = record_training(fresh_network(), *data, epochs=200, target_accuracy=0.9, **SETTINGS)
    assert record.history.epochs < 200
    assert record.epochs == record.history.epochs


def test_a_diverging_run_raises_and_leaves_the_network_as_it_was(data):
    network = fresh_network()
    with pytest.raises(TrainingDivergedError, match="lr=1e"):
        record_training(network, *data, epochs=5, lr=1e6, progress=False)
    assert_same_network(network, fresh_network())


def test_record_training_refuses_something_that_is_not_a_network(data):
    with pytest.raises(TypeError, match="record_training needs a Network; got list"):
        record_training([[1.0, 2.0]], *data)


# --- fit's on_epoch_end, the hook the record is built on ------------------------------


def test_fit_calls_on_epoch_end_after_every_epoch_with_the_network(data):
    network, seen = fresh_network(), []
    fit(network, *data, epochs=3, on_epoch_end=lambda e, n: seen.append((e, n)), **SETTINGS)
    assert [epoch for epoch, _ in seen] == [1, 2, 3]
    assert all(n is network for _, n in seen)


def test_fit_refuses_an_on_epoch_end_that_cannot_be_called(data):
    network = fresh_network()
    with pytest.raises(TypeError, match=r"on_epoch_end must be a function .*got 3"):
        fit(network, *data, epochs=1, on_epoch_end=3, **SETTINGS)
    assert_same_network(network, fresh_network())


def test_an_on_epoch_end_that_fails_stops_training_at_that_epochs_weights(data):
    def stop_after_two(epoch, network):
        if epoch == 2:
            raise RuntimeError("enough")

    network, two_epochs = fresh_network(), fresh_network()
    fit(two_epochs, *data, epochs=2, **SETTINGS)
    with pytest.raises(RuntimeError, match="enough"):
        fit(network, *data, epochs=5, on_epoch_end=stop_after_two, **SETTINGS)
    assert_same_network(network, two_epochs)
