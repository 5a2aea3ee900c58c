"""Shared test setup: each test runs on the device that ``auto`` (or NNBOOK_DEVICE) picks,
and whatever device a test switches to is put back afterwards."""

import pytest

import nnbook
from nnbook import backend


@pytest.fixture(autouse=True)
def _device_restored():
    """A test may call use_device; the device chosen before it comes back afterwards."""
    with nnbook.using_device(nnbook.device()):
        yield


def pytest_collection_modifyitems(config, items):
    """Skip tests marked `gpu` when no GPU is usable, saying why."""
    if nnbook.gpu_available():
        return
    reason = f"needs a usable GPU: {backend._probe_gpu()[1]}"
    for item in items:
        if "gpu" in item.keywords:
            item.add_marker(pytest.mark.skip(reason=reason))
