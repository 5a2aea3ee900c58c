"""Keeping what you trained: a network saved to one .npz file comes back bit for bit, and a
file that is not a good nnbook file is refused, before anything is built, saying why."""

import io
import itertools
import os
import pickle
import re
from pathlib import Path

import array_api_strict as xs
import hypothesis.extra.numpy as hnp
import nbformat
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nnbook
from nnbook.activations import NAMES
from nnbook.saving import FORMAT_VERSION, NetworkFileError, load_layers

# ---------------------------------------------------------------------------- round trips


@st.composite
def networks(draw):
    """A network of 1 to 4 layers with random sizes, activations, alphas, dtype and weights."""
    dtype = draw(st.sampled_from([np.float32, np.float64]))
    sizes = draw(st.lists(st.integers(1, 6), min_size=2, max_size=5))
    layers = []
    for n_in, n_out in itertools.pairwise(sizes):
        numbers = st.floats(-1e3, 1e3, width=np.finfo(dtype).bits)  # -0.0 and subnormals too
        W = draw(hnp.arrays(dtype, (n_out, n_in), elements=numbers))
        b = draw(hnp.arrays(dtype, (n_out,), elements=numbers))
        name = draw(st.sampled_from(NAMES))
        alpha = draw(st.floats(0.0, 1.0, exclude_max=True)) if name == "leaky_relu" else None
        layers.append(nnbook.Layer(W, b, name, alpha=alpha))
    return nnbook.Network(layers)


@settings(max_examples=60, deadline=None)
@given(net=networks(), seed=st.integers(0, 2**32 - 1))
def test_a_loaded_network_is_the_saved_one_bit_for_bit(tmp_path_factory, net, seed):
    path = tmp_path_factory.getbasetemp() / "round_trip.npz"  # overwritten by every example
    net.save(path)
    loaded = nnbook.Network.load(path)
    for a, b in zip(net.layers, loaded.layers, strict=True):
        assert a.activation == b.activation  # name and alpha
        for saved, back in ((a.weights, b.weights), (a.bias, b.bias)):
            assert back.dtype == saved.dtype and back.shape == saved.shape
            assert back.tobytes() == saved.tobytes()  # every bit, -0.0 included
    x = (
        np.random.default_rng(seed)
        .normal(size=(5, net.sizes[0]))
        .astype(net.layers[0].weights.dtype)
    )
    with np.errstate(all="ignore"):  # large weights may overflow: the same inf on both sides
        assert net(x).tobytes() == loaded(x).tobytes()


def test_a_single_layer_saves_and_loads_too(tmp_path):
    layer = nnbook.Layer([[1.0, -2.0], [0.5, 0.0]], [0.25, -1.0], "leaky_relu", alpha=0.2)
    layer.save(tmp_path / "layer.npz")
    loaded = nnbook.Layer.load(tmp_path / "layer.npz")
    assert loaded.activation == layer.activation
    np.testing.assert_array_equal(loaded([[3.0, 1.0]]), layer([[3.0, 1.0]]))


def test_a_string_path_works_as_well_as_a_pathlib_path(tmp_path):
    net = nnbook.Network.from_sizes([3, 2], seed=0)
    net.save(str(tmp_path / "net.npz"))
    assert nnbook.Network.load(str(tmp_path / "net.npz")).sizes == [3, 2]


def test_the_file_is_plain_numpy_holding_the_documented_arrays(tmp_path):
    net = nnbook.Network(
        [
            nnbook.Layer(np.ones((3, 2), np.float32), np.zeros(3, np.float32), "relu"),
            nnbook.Layer(np.ones((1, 3)), np.zeros(1), "leaky_relu", alpha=0.2),
        ]
    )
    net.save(tmp_path / "net.npz")
    with np.load(tmp_path / "net.npz", allow_pickle=False) as npz:  # no nnbook needed to read it
        assert sorted(npz.files) == [
            "activations",
            "alphas",
            "bias_0",
            "bias_1",
            "dtypes",
            "nnbook_format",
            "weights_0",
            "weights_1",
        ]
        assert npz["nnbook_format"] == FORMAT_VERSION == 1
        assert npz["activations"].tolist() == ["relu", "leaky_relu"]
        np.testing.assert_array_equal(npz["alphas"], [np.nan, 0.2])
        assert npz["dtypes"].tolist() == ["float32", "float64"]
        assert npz["weights_0"].dtype == np.float32 and npz["weights_1"].shape == (1, 3)


def test_a_network_held_by_another_array_library_is_saved_as_numpy(tmp_path):
    # The CPU side of "saved on a GPU, loaded on a CPU": arrays that are not NumPy's
    # (here array-api-strict's; on a GPU CuPy's) are copied to NumPy for the file.
    reference = nnbook.Network.from_sizes([4, 5, 3], activation="tanh", seed=2)
    strict = nnbook.Network(
        [
            nnbook.Layer(xs.asarray(la.weights), xs.asarray(la.bias), la.activation)
            for la in reference.layers
        ]
    )
    strict.save(tmp_path / "strict.npz")
    loaded = nnbook.Network.load(tmp_path / "strict.npz")
    assert all(isinstance(la.weights, np.ndarray) for la in loaded.layers)
    x = np.random.default_rng(0).normal(size=(6, 4))
    np.testing.assert_array_equal(loaded(x), nnbook.to_numpy(strict(xs.asarray(x))))


# ---------------------------------------------------------------------------- on a real GPU


@pytest.fixture
def on_gpu():
    nnbook.use_device("gpu")
    yield
    nnbook.use_device("auto")


@pytest.mark.gpu
def test_a_network_saved_on_the_gpu_loads_on_the_cpu_unchanged(tmp_path, on_gpu):
    gpu_net = nnbook.Network.from_sizes([8, 16, 4], activation="tanh", seed=3)
    gpu_net.save(tmp_path / "gpu.npz")
    nnbook.use_device("cpu")
    cpu_net = nnbook.Network.load(tmp_path / "gpu.npz")
    assert isinstance(cpu_net.layers[0].weights, np.ndarray)
    for a, b in zip(gpu_net.layers, cpu_net.layers, strict=True):
        np.testing.assert_array_equal(nnbook.to_numpy(a.weights), b.weights)
        np.testing.assert_array_equal(nnbook.to_numpy(a.bias), b.bias)


@pytest.mark.gpu
def test_a_network_saved_on_the_cpu_loads_on_the_gpu_and_gives_the_same_outputs(tmp_path, on_gpu):
    import cupy

    nnbook.use_device("cpu")
    cpu_net = nnbook.Network.from_sizes([8, 16, 4], activation="relu", seed=4)
    cpu_net.save(tmp_path / "cpu.npz")
    nnbook.use_device("gpu")
    gpu_net = nnbook.Network.load(tmp_path / "cpu.npz")
    assert isinstance(gpu_net.layers[0].weights, cupy.ndarray)
    x = np.random.default_rng(1).normal(size=(32, 8))
    np.testing.assert_allclose(nnbook.to_numpy(gpu_net(x)), cpu_net(x), rtol=1e-12)


@pytest.mark.gpu
def test_a_round_trip_on_the_gpu_gives_bit_identical_outputs(tmp_path, on_gpu):
    net = nnbook.Network.from_sizes([8, 16, 4], activation="sigmoid", seed=5)
    net.save(tmp_path / "gpu.npz")
    loaded = nnbook.Network.load(tmp_path / "gpu.npz")
    x = np.random.default_rng(2).normal(size=(32, 8))
    np.testing.assert_array_equal(nnbook.to_numpy(loaded(x)), nnbook.to_numpy(net(x)))


# ---------------------------------------------------------------------------- saving safely


@pytest.fixture
def old_file(tmp_path):
    """A good file from an earlier save, which a failed save must leave as it is."""
    path = tmp_path / "digits.npz"
    nnbook.Network.from_sizes([3, 4, 2], seed=0).save(path)
    return path


def test_an_interrupted_save_leaves_the_old_file_intact(old_file, monkeypatch):
    before = old_file.read_bytes()

    def savez_dies_halfway(file, **arrays):
        file.write(before[: len(before) // 2])  # a real start of an .npz, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez", savez_dies_halfway)
    with pytest.raises(OSError, match="No space left"):
        nnbook.Network.from_sizes([3, 9, 2], seed=1).save(old_file)
    assert old_file.read_bytes() == before
    assert os.listdir(old_file.parent) == [old_file.name]  # no temporary file left behind
    monkeypatch.undo()
    assert nnbook.Network.load(old_file).sizes == [3, 4, 2]


def test_saving_again_replaces_the_file(old_file):
    nnbook.Network.from_sizes([3, 9, 2], seed=1).save(old_file)
    assert nnbook.Network.load(old_file).sizes == [3, 9, 2]


def test_a_name_without_npz_is_refused_naming_the_fix(tmp_path):
    net = nnbook.Network.from_sizes([3, 2], seed=0)
    with pytest.raises(ValueError, match=r"name ends in \.npz .*; use '.*digits\.npz'"):
        net.save(tmp_path / "digits")
    assert os.listdir(tmp_path) == []


def test_saving_into_a_missing_folder_says_which_folder_and_what_to_do(tmp_path):
    net = nnbook.Network.from_sizes([3, 2], seed=0)
    with pytest.raises(FileNotFoundError, match=r"the folder '.*models' does not exist; create"):
        net.save(tmp_path / "models" / "digits.npz")


def test_weights_that_are_not_finite_are_not_saved(old_file):
    before = old_file.read_bytes()
    net = nnbook.Network.from_sizes([3, 4, 2], seed=0)
    net.layers[1].weights[0, 0] = np.nan  # by hand: fit itself never leaves a NaN weight
    with pytest.raises(
        ValueError, match=r"weights_1 must hold finite numbers; .*; nothing was written"
    ):
        net.save(old_file)
    assert old_file.read_bytes() == before


def test_something_that_is_not_a_file_name_is_refused():
    with pytest.raises(TypeError, match="must be named by a str or a Path; got int 3"):
        nnbook.Network.load(3)


def test_loading_a_missing_file_names_the_current_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"there is no such file.*current folder is"):
        nnbook.Network.load(tmp_path / "nowhere.npz")


# ---------------------------------------------------------------------------- bad files


def good_network():
    """A 3-4-2 network, relu then leaky ReLU (alpha 0.1), with weights easy to recognise."""
    return nnbook.Network(
        [
            nnbook.Layer(np.full((4, 3), 0.5), np.zeros(4), "relu"),
            nnbook.Layer(np.full((2, 4), -0.25), np.ones(2), "leaky_relu", alpha=0.1),
        ]
    )


def good_arrays():
    """The arrays of good_network's file, written out by hand (format 1)."""
    first, second = good_network().layers
    return {
        "nnbook_format": np.array(FORMAT_VERSION),
        "activations": np.array(["relu", "leaky_relu"]),
        "alphas": np.array([np.nan, 0.1]),
        "dtypes": np.array(["float64", "float64"]),
        "weights_0": first.weights,
        "bias_0": first.bias,
        "weights_1": second.weights,
        "bias_1": second.bias,
    }


def changed(**changes):
    """A bad file's arrays: the good ones with some replaced (a value) or removed (None)."""
    arrays = {**good_arrays(), **changes}
    return {key: value for key, value in arrays.items() if value is not None}


def test_the_good_arrays_are_exactly_what_save_writes(tmp_path):
    # Each bad file below differs from these arrays in one way only, so that way is the reason.
    good_network().save(tmp_path / "good.npz")
    with np.load(tmp_path / "good.npz") as npz:
        written = dict(npz)
    expected = good_arrays()
    assert sorted(written) == sorted(expected)
    for key, array in expected.items():
        np.testing.assert_array_equal(written[key], array)
        assert written[key].dtype.kind == array.dtype.kind


#: Every refusal names the file once, then the problem (matched from its first word).
CANNOT_LOAD = r"^cannot load '[^']*bad\.npz': "

BAD_ARRAYS = {  # what is wrong: (the file's arrays, how the problem is named)
    "no format version: not nnbook's": (
        changed(nnbook_format=None),
        "it is not a file nnbook wrote: an .npz without the array 'nnbook_format'",
    ),
    "a newer format version": (
        changed(nnbook_format=np.array(FORMAT_VERSION + 1)),
        f"it was written by a newer nnbook \\(format {FORMAT_VERSION + 1}\\); this nnbook reads "
        f"up to format {FORMAT_VERSION}: upgrade nnbook$",
    ),
    "format version 0": (changed(nnbook_format=np.array(0)), "format 0 does not exist"),
    "a format version that is not an integer": (
        changed(nnbook_format=np.array(1.0)),
        "'nnbook_format' must be one integer, the format version; got array\\(1\\.\\)",
    ),
    "a missing array": (changed(bias_1=None), r"missing array\(s\) \['bias_1'\]; 2 layer"),
    "an extra array": (
        changed(weights_2=np.ones((1, 2))),
        r"unexpected array\(s\) \['weights_2'\]; 2 layer",
    ),
    "no activations list": (changed(activations=None), r"missing array\(s\) \['activations'\]"),
    "no layers at all": (
        changed(activations=np.array([], dtype=str)),
        "'activations' must list one activation name per layer",
    ),
    "shapes that do not chain": (
        changed(weights_1=np.ones((2, 5))),
        r"the layers do not chain: weights_0 has shape \(4, 3\), 4 outputs, but weights_1 has "
        r"shape \(2, 5\), 5 inputs",
    ),
    "a bias of the wrong length": (
        changed(bias_0=np.zeros(3)),
        r"bias_0 must be 1-D with one number per neuron, shape \(4,\); got shape \(3,\)",
    ),
    "a 1-D weight matrix": (
        changed(weights_0=np.ones(4)),
        r"weights_0 must be a non-empty 2-D float array \(M, N\); got shape \(4,\)",
    ),
    "a NaN weight": (
        changed(weights_1=np.array([[0.0, np.nan, 0.0, 0.0], [0.0] * 4])),
        "weights_1 must hold finite numbers; its first bad value is nan at row 0, column 1",
    ),
    "an infinite bias": (
        changed(bias_0=np.array([0.0, np.inf, 0.0, 0.0])),
        "bias_0 must hold finite numbers; its first bad value is inf",
    ),
    "an unknown activation name": (
        changed(activations=np.array(["softplus", "leaky_relu"])),
        r"activations\[0\] is 'softplus', which nnbook does not know; it knows sigmoid, tanh",
    ),
    "leaky ReLU with an alpha out of range": (
        changed(alphas=np.array([np.nan, 1.5])),
        r"alphas\[1\]: leaky ReLU's alpha must be in \[0, 1\)",
    ),
    "an alpha for an activation that takes none": (
        changed(alphas=np.array([0.3, 0.1])),
        r"alphas\[0\] is 0.3, but activations\[0\] is relu, which takes no alpha",
    ),
    "a dtype list that disagrees with the arrays": (
        changed(dtypes=np.array(["float32", "float64"])),
        r"dtypes\[0\] says float32, but weights_0 is float64",
    ),
    "integer weights": (
        changed(dtypes=np.array(["int64", "float64"]), weights_0=np.ones((4, 3), dtype=int)),
        r"dtypes\[0\] must be one of float16, float32, float64; got 'int64'",
    ),
    "a Python object (which only unpickling could read)": (
        changed(activations=np.array(["relu", "leaky_relu"], dtype=object)),
        "it holds Python objects, which nnbook never unpickles",
    ),
}


@pytest.mark.parametrize("arrays, message", BAD_ARRAYS.values(), ids=BAD_ARRAYS.keys())
def test_a_bad_file_is_refused_saying_what_is_wrong(tmp_path, arrays, message):
    np.savez(tmp_path / "bad.npz", **arrays)  # allows pickles: the object-array case needs one
    with pytest.raises(NetworkFileError, match=CANNOT_LOAD + message):
        nnbook.Network.load(tmp_path / "bad.npz")


def good_file_bytes(tmp_path):
    good_network().save(tmp_path / "good.npz")
    return (tmp_path / "good.npz").read_bytes()


def truncated(tmp_path):
    return good_file_bytes(tmp_path)[:-100]  # a copy that stopped early


def corrupted(tmp_path):
    data = bytearray(good_file_bytes(tmp_path))
    where = data.find(np.full((2, 4), -0.25).tobytes())  # weights_1's numbers in the zip
    assert where > 0, "weights_1's numbers are stored as they are (no compression)"
    data[where + 3] ^= 0xFF  # one byte changed on the way
    return bytes(data)


def npy_bytes():
    buffer = io.BytesIO()
    np.save(buffer, np.ones(3))
    return buffer.getvalue()


BAD_BYTES = {
    "an empty file": (lambda tmp_path: b"", r"it is empty \(0 bytes\)"),
    "a text file": (
        lambda tmp_path: b"weights: 0.5 0.5 0.5\n",
        "it is not a file nnbook wrote: nnbook files are NumPy .npz archives",
    ),
    "a single .npy array": (
        lambda tmp_path: npy_bytes(),  # np.save's format, one array
        r"it is a single NumPy array \(.npy\), not a file nnbook wrote",
    ),
    "a zip truncated at the end": (truncated, "it is truncated or corrupt"),
    "a zip with one byte changed": (corrupted, r"it is truncated or corrupt \(Bad CRC-32"),
}


@pytest.mark.parametrize("make, message", BAD_BYTES.values(), ids=BAD_BYTES.keys())
def test_a_damaged_or_foreign_file_is_refused_saying_what_is_wrong(tmp_path, make, message):
    (tmp_path / "bad.npz").write_bytes(make(tmp_path))
    with pytest.raises(NetworkFileError, match=CANNOT_LOAD + message):
        nnbook.Network.load(tmp_path / "bad.npz")


class _Trap:
    """Unpickling this would create a file: the proof that loading never runs a file's code."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_pickle_is_refused_without_running_its_code(tmp_path):
    marker = tmp_path / "the pickle ran code"
    (tmp_path / "trap.npz").write_bytes(pickle.dumps(_Trap(marker)))
    with pytest.raises(NetworkFileError, match="nnbook never unpickles anything"):
        nnbook.Network.load(tmp_path / "trap.npz")
    assert not marker.exists()


def test_a_network_file_is_refused_by_layer_load_pointing_to_network_load(tmp_path):
    np.savez(tmp_path / "net.npz", **good_arrays())
    with pytest.raises(NetworkFileError, match="holds a network of 2 layers; load it with nnbook"):
        nnbook.Layer.load(tmp_path / "net.npz")


def test_a_bad_file_is_refused_before_any_layer_is_built(tmp_path, monkeypatch):
    np.savez(tmp_path / "bad.npz", **changed(bias_1=np.array([0.0, np.nan])))
    built = []

    class CountedLayer(nnbook.Layer):
        def __init__(self, *args):
            built.append(args)
            super().__init__(*args)

    monkeypatch.setattr(nnbook.network, "Layer", CountedLayer)
    with pytest.raises(NetworkFileError, match="bias_1 must hold finite numbers"):
        nnbook.Network.load(tmp_path / "bad.npz")
    assert built == []  # the good first layer was not built either


def test_a_bad_file_error_is_a_value_error(tmp_path):
    (tmp_path / "bad.npz").write_bytes(b"not an archive")
    with pytest.raises(ValueError, match=r"cannot load '.*bad\.npz'"):
        load_layers(tmp_path / "bad.npz")


# ---------------------------------------------------------------------------- in the course


def test_chapter_7_loads_back_its_trained_network_with_the_same_accuracy():
    chapter = Path(__file__).resolve().parents[1] / "notebooks" / "09_training_a_real_network.ipynb"
    printed = "".join(
        out.get("text", "")
        for cell in nbformat.read(chapter, as_version=4).cells
        if cell.cell_type == "code"
        for out in cell.outputs
    )
    trained = re.search(r"final test accuracy: ([\d.]+%)", printed)
    loaded = re.search(r"test accuracy of the loaded network: ([\d.]+%)", printed)
    assert trained and loaded and loaded.group(1) == trained.group(1)
    assert "the same outputs as the trained network, bit for bit: True" in printed
