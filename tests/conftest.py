"""Shared test setup: every test starts on the CPU unless it asks otherwise."""

import pytest

import nnbook
from nnbook import backend


@pytest.fixture(autouse=True)
def _cpu_by_default():
    """Tests run on the device that `auto` picks, restored afterwards."""
    saved = dict(backend._state)
    yield
    backend._state.update(saved)


def pytest_collection_modifyitems(config, items):
    """Skip tests marked `gpu` when no GPU is usable, saying why."""
    if nnbook.gpu_available():
        return
    reason = f"needs a usable GPU: {backend._probe_gpu()[1]}"
    for item in items:
        if "gpu" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))
