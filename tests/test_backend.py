"""Device choice: a GPU only when a real computation on it works; otherwise NumPy, and say why."""

import os
import subprocess
import sys
import types

import array_api_strict as xs
import numpy as np
import pytest

import nnbook
from nnbook import backend


def fresh_python(code, **env):
    """Run code in a new interpreter, so nothing cached in this process can leak in."""
    environment = {**os.environ, **env}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def fresh_probe(monkeypatch):
    """Forget the cached probe and device, and restore them after the test."""
    saved = dict(backend._state)
    backend._state.update(device=None, reason=None, probe=None)
    yield
    backend._state.update(saved)


def fake_cupy(works):
    module = types.ModuleType("cupy")
    module.__version__ = "0.0-fake"
    module.calls = 0

    def arange(n, dtype=None):
        module.calls += 1
        if not works:
            raise RuntimeError("cudaErrorNoDevice: no CUDA-capable device is detected\nmore")
        return FakeArray(np.arange(n, dtype=float))

    module.arange = arange
    module.float64 = np.float64
    module.cuda = types.SimpleNamespace()  # no device properties: the name falls back
    return module


class FakeArray:
    def __init__(self, data):
        self.data = data

    def __matmul__(self, other):
        return FakeArray(self.data @ other.data)

    def get(self):
        return self.data


def test_auto_falls_back_to_numpy_when_cupy_imports_but_the_gpu_fails(fresh_probe, monkeypatch):
    monkeypatch.setitem(sys.modules, "cupy", fake_cupy(works=False))
    assert nnbook.use_device("auto") == "cpu"
    assert "smoke test failed" in nnbook.device_reason()
    assert "cudaErrorNoDevice" in nnbook.device_reason()
    assert backend.xp().__name__ == "array_api_compat.numpy"


def test_auto_picks_the_gpu_when_the_smoke_test_computes_correctly(fresh_probe, monkeypatch):
    monkeypatch.setitem(sys.modules, "cupy", fake_cupy(works=True))
    assert nnbook.use_device("auto") == "gpu"
    assert "computed on" in nnbook.device_reason()


def test_the_gpu_probe_runs_only_once(fresh_probe, monkeypatch):
    cupy = fake_cupy(works=False)
    monkeypatch.setitem(sys.modules, "cupy", cupy)
    for _ in range(3):
        nnbook.use_device("auto")
        nnbook.gpu_available()
    assert cupy.calls == 1


def test_auto_falls_back_when_cupy_is_not_installed(fresh_probe, monkeypatch):
    monkeypatch.setitem(sys.modules, "cupy", None)  # makes `import cupy` raise ImportError
    assert nnbook.use_device("auto") == "cpu"
    assert "not importable" in nnbook.device_reason()


def test_forcing_the_gpu_without_one_is_a_clear_error(fresh_probe, monkeypatch):
    monkeypatch.setitem(sys.modules, "cupy", fake_cupy(works=False))
    with pytest.raises(nnbook.GPUUnavailableError, match="GPU was asked for but cannot be used"):
        nnbook.use_device("gpu")


def test_forcing_the_cpu_never_probes_the_gpu(fresh_probe, monkeypatch):
    cupy = fake_cupy(works=True)
    monkeypatch.setitem(sys.modules, "cupy", cupy)
    assert nnbook.use_device("cpu") == "cpu"
    assert cupy.calls == 0


def test_unknown_device_choice_is_refused():
    with pytest.raises(ValueError, match="device must be one of auto, cpu, gpu; got 'tpu'"):
        nnbook.use_device("tpu")


def test_environment_variable_chooses_the_device():
    out = fresh_python(
        "import nnbook; print(nnbook.device(), nnbook.device_reason())", NNBOOK_DEVICE="cpu"
    )
    assert out == "cpu the CPU was chosen explicitly"


def test_bad_environment_variable_names_the_variable():
    code = "import nnbook\ntry:\n    nnbook.device()\nexcept ValueError as e:\n    print(e)"
    out = fresh_python(code, NNBOOK_DEVICE="quantum")
    assert "NNBOOK_DEVICE" in out and "'quantum'" in out


def test_real_environment_chooses_numpy_and_says_why_when_no_gpu_works():
    """The case that matters in the wild: cupy-cuda12x installed, no usable GPU (like CI)."""
    code = (
        "import nnbook, numpy as np\n"
        "print(nnbook.device())\n"
        "print(nnbook.device_reason())\n"
        "net = nnbook.Network.from_sizes([3, 2], seed=0)\n"
        "print(type(net(np.ones(3))).__module__)"
    )
    lines = fresh_python(code, NNBOOK_DEVICE="auto").splitlines()
    if nnbook.gpu_available():
        assert lines[0] == "gpu"
    else:
        assert lines[0] == "cpu"
        assert lines[1].startswith("no usable GPU, so NumPy on the CPU: CuPy")
        assert lines[2] == "numpy"


def test_to_numpy_passes_numpy_arrays_through_and_converts_lists():
    a = np.arange(3.0)
    assert nnbook.to_numpy(a) is a
    np.testing.assert_array_equal(nnbook.to_numpy([1.0, 2.0]), [1.0, 2.0])


def test_to_numpy_reads_another_librarys_read_only_array():
    data = np.arange(3.0)
    data.flags.writeable = False  # as NumPy 1 marks every array it imports through DLPack
    np.testing.assert_array_equal(nnbook.to_numpy(xs.asarray(data)), [0.0, 1.0, 2.0])


def test_importing_nnbook_loads_neither_cupy_nor_matplotlib():
    code = (
        "import sys, nnbook\n"
        "heavy = ('cupy', 'matplotlib', 'ipywidgets', 'sklearn')\n"
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    assert fresh_python(code) == "[]"
