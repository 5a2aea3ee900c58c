"""Central finite differences for the gradient tests, independent of nnbook."""

import numpy as np


def central_differences(f, x, eps=1e-6):
    """The gradient of scalar ``f`` at ``x``: nudge each entry up and down by ``eps``."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[i] += eps
        down[i] -= eps
        grad[i] = (f(up) - f(down)) / (2 * eps)
    return grad
