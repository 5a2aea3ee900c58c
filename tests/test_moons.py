"""The two moons: generated points in the plane, two classes no straight line separates."""

import sys

import numpy as np
import pytest

from nnbook.data import load_moons


def test_the_same_seed_gives_the_same_points_and_another_seed_other_points():
    X, y = load_moons(n=50, seed=3)
    again_X, again_y = load_moons(n=50, seed=3)
    other_X, _ = load_moons(n=50, seed=4)
    np.testing.assert_array_equal(X, again_X)
    np.testing.assert_array_equal(y, again_y)
    assert not np.array_equal(X, other_X)


def test_n_points_in_two_columns_with_labels_0_and_1_split_evenly():
    X, y = load_moons(n=201)
    assert X.shape == (201, 2) and X.dtype == np.float64
    assert y.shape == (201,) and y.dtype == np.int64
    assert set(np.unique(y)) == {0, 1}
    assert np.bincount(y).tolist() == [100, 101]  # n // 2 and n - n // 2


def test_without_noise_each_class_lies_on_its_half_circle():
    X, y = load_moons(n=40, noise=0.0)
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0)  # radius 1 around (0, 0)
    assert (upper[:, 1] >= -1e-12).all()  # its upper half
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert (lower[:, 1] <= 0.5 + 1e-12).all()  # the lower half around (1, 0.5)


def test_noise_is_the_spread_around_the_half_circles():
    X, _ = load_moons(n=4000, noise=0.1, seed=1)
    clean, _ = load_moons(n=4000, noise=0.0, seed=1)  # same shuffle, same points before noise
    assert np.std(X - clean) == pytest.approx(0.1, rel=0.05)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"n": 1}, ValueError, r"n \(the number of points\) must be an integer >= 2; got 1"),
        ({"n": 10.5}, TypeError, r"n \(the number of points\) must be an integer"),
        ({"noise": -0.1}, ValueError, r"noise \(a standard deviation\) must be .*>= 0; got -0.1"),
        ({"noise": "0.2"}, TypeError, r"noise \(a standard deviation\) must be a real number"),
        ({"seed": -1}, ValueError, r"seed \(or None for fresh randomness\)"),
    ],
)
def test_bad_arguments_are_refused_by_name(kwargs, error, message):
    with pytest.raises(error, match=message):
        load_moons(**kwargs)


def test_missing_sklearn_gives_an_install_hint(monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn.datasets", None)
    with pytest.raises(ImportError, match=r"two moons .*nnbook\[train\]"):
        load_moons()
