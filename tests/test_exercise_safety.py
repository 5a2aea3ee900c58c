"""Whatever the learner's function does, the check ends, says what happened, and leaves the
kernel as it found it: a loop that never ends is stopped, exit() is reported instead of obeyed,
and a real Ctrl-C still interrupts.

The tests that run a function which never returns carry a ``timeout`` mark, so that a check
without a time limit fails them instead of hanging the suite.
"""

import re
import signal
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
from jupyter_client.manager import start_new_kernel

from nnbook import exercises as ex
from nnbook.exercises.time_limit import TimeLimitExceeded, call_with_time_limit

LIMIT = 0.2  # seconds: the tests' time limit, short so that the suite stays fast

#: For tests of the alarm signal itself, which Windows does not have.
unix_only = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs SIGALRM (Unix)")


def loops_forever(*args):
    while True:
        pass


def stuck_in_one_call(seconds):
    """An ``mse`` stuck for ``seconds`` in one call that no alarm interrupts, as in a long NumPy
    operation on a huge array: a sleep while this thread blocks the alarm signal (so that it
    waits, pending, until the call returns, just as it would for NumPy)."""

    def mse(y_pred, y_true):
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        try:
            time.sleep(seconds)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return 0.0

    return mse


def in_a_thread(action):
    """Run ``action`` on a new thread (where no signal can reach it); return what it returned."""
    box = []
    thread = threading.Thread(target=lambda: box.append(action()), daemon=True)
    thread.start()
    thread.join(timeout=20)
    assert box, "the check never returned"
    return box[0]


# --------------------------------------------------------------------------------------
# A function that never returns is stopped after the time limit, and the message says why
# --------------------------------------------------------------------------------------


@pytest.mark.timeout(30)
def test_a_loop_that_never_ends_is_stopped_and_named_as_the_likely_cause():
    def mse(y_pred, y_true):
        total, i = 0.0, 0
        while i < y_pred.size:  # forgot i += 1
            total += (y_pred.flat[i] - y_true.flat[i]) ** 2
        return total / y_pred.size

    result = ex.check_mse(mse, quiet=True, time_limit=LIMIT)
    assert result.status == "error"
    assert "mse was stopped after 0.2 seconds" in result.message
    assert "a loop that never ends" in result.hint
    assert "while" in result.hint


@unix_only
@pytest.mark.timeout(30)
def test_a_function_that_sleeps_is_stopped_after_the_time_limit():
    started = time.monotonic()
    result = ex.check_mse(lambda p, t: time.sleep(60), quiet=True, time_limit=LIMIT)
    assert result.status == "error" and "stopped after" in result.message
    assert time.monotonic() - started < 5


@pytest.mark.timeout(30)
def test_a_loop_that_catches_every_exception_is_still_stopped():
    def mse(y_pred, y_true):
        while True:
            try:
                time.sleep(0.01)
            except Exception:
                pass

    assert "stopped after" in ex.check_mse(mse, quiet=True, time_limit=LIMIT).message


@unix_only
@pytest.mark.timeout(30)
def test_a_long_call_that_cannot_be_interrupted_is_reported_when_it_returns():
    started = time.monotonic()
    result = ex.check_mse(stuck_in_one_call(1.5), quiet=True, time_limit=LIMIT)
    took = time.monotonic() - started
    assert result.status == "error"
    reported = float(re.search(r"mse ran for (\d+\.\d) seconds", result.message).group(1))
    assert 1.5 <= reported <= took + 0.05  # how long it really ran, well past the limit
    assert "NumPy" in result.hint


@pytest.mark.timeout(30)
def test_a_long_numpy_call_is_stopped_as_soon_as_it_returns():
    big = np.random.default_rng(0).random(2_000_000)

    def mse(y_pred, y_true):
        for _ in range(1000):
            np.sort(big)  # about 0.1 s each: never returns within the limit
        return 0.0

    started = time.monotonic()
    result = ex.check_mse(mse, quiet=True, time_limit=LIMIT)
    assert "stopped after" in result.message or "ran for" in result.message
    assert time.monotonic() - started < 5


@unix_only
@pytest.mark.timeout(30)
def test_while_stuck_in_a_long_call_the_check_says_it_is_still_waiting(capsys):
    ex.check_mse(stuck_in_one_call(2.0), time_limit=LIMIT)
    printed = capsys.readouterr().out
    assert "Still waiting for mse" in printed
    assert "interrupt the kernel" in printed
    assert printed.index("Still waiting") < printed.index("Not yet")


@pytest.mark.timeout(30)
def test_a_function_that_returns_in_time_passes_with_the_time_limit():
    def slow_but_fine(y_pred, y_true):
        time.sleep(0.05)
        return np.mean((y_pred - y_true) ** 2)

    assert ex.check_mse(slow_but_fine, quiet=True, time_limit=LIMIT).passed


def test_a_time_limit_that_is_not_a_positive_number_is_refused_in_words():
    with pytest.raises(ValueError, match="time_limit must be a positive number of seconds"):
        ex.check_mse(lambda p, t: 0.0, quiet=True, time_limit=0)


# --------------------------------------------------------------------------------------
# The kernel stays usable: the alarm is cancelled, the previous handler and timer are back
# --------------------------------------------------------------------------------------


@unix_only
def test_after_stopping_a_loop_the_previous_alarm_handler_and_its_timer_are_back():
    def outer_handler(signum, frame):
        raise AssertionError("the check never returned")

    previous = signal.signal(signal.SIGALRM, outer_handler)
    signal.setitimer(signal.ITIMER_REAL, 20)
    try:
        ex.check_mse(loops_forever, quiet=True, time_limit=LIMIT)
        assert signal.getsignal(signal.SIGALRM) is outer_handler
        remaining = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 15 < remaining <= 20
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@unix_only
@pytest.mark.timeout(30)
def test_after_stopping_a_loop_no_alarm_is_left_running():
    handler_before = signal.getsignal(signal.SIGALRM)
    ex.check_mse(loops_forever, quiet=True, time_limit=LIMIT)
    time.sleep(3 * LIMIT)  # a leftover alarm would raise here
    assert signal.getsignal(signal.SIGALRM) is handler_before
    assert signal.getitimer(signal.ITIMER_REAL)[1] == 0.0  # no repeating timer


@pytest.mark.timeout(30)
def test_a_shortcut_ruled_out_during_a_stopped_loop_is_back_afterwards():
    def tanh(x):
        while True:
            pass

    ex.check_tanh(tanh, quiet=True, time_limit=LIMIT)
    assert isinstance(np.tanh, np.ufunc)


# --------------------------------------------------------------------------------------
# Where no alarm signal is possible (another thread, or Windows), loops are still stopped
# --------------------------------------------------------------------------------------


def test_on_another_thread_a_loop_that_never_ends_is_still_stopped():
    result = in_a_thread(lambda: ex.check_mse(loops_forever, quiet=True, time_limit=LIMIT))
    assert "loops_forever was stopped after 0.2 seconds" in result.message


def test_without_alarm_signals_as_on_windows_a_loop_is_still_stopped():
    code = (
        "import signal\n"
        "signal.__dict__.pop('setitimer', None)  # as on Windows\n"
        "import nnbook.exercises\n"
        "def mse(y_pred, y_true):\n"
        "    while True:\n"
        "        pass\n"
        "nnbook.exercises.check_mse(mse, time_limit=0.2)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert "mse was stopped after 0.2 seconds" in run.stdout


def test_on_another_thread_a_long_sleep_is_not_a_silent_hang(capsys):
    result = in_a_thread(lambda: ex.check_mse(lambda p, t: time.sleep(2.5), time_limit=LIMIT))
    assert "Still waiting for mse" in capsys.readouterr().out
    assert re.search(r"mse ran for 2\.[5-9] seconds", result.message)


def test_on_another_thread_no_stop_arrives_after_the_check(capsys):
    def check_then_keep_busy():
        ex.check_mse(loops_forever, quiet=True, time_limit=LIMIT)
        deadline = time.monotonic() + 5 * LIMIT
        while time.monotonic() < deadline:  # a stray stop would land in this loop
            pass
        return "finished"

    assert in_a_thread(check_then_keep_busy) == "finished"


# --------------------------------------------------------------------------------------
# The time limit on its own: a real Ctrl-C is not mistaken for it
# --------------------------------------------------------------------------------------


@unix_only
@pytest.mark.timeout(30)
def test_a_real_keyboard_interrupt_passes_through_the_time_limit():
    ctrl_c = threading.Timer(0.2, signal.pthread_kill, (threading.get_ident(), signal.SIGINT))
    ctrl_c.start()
    handler_before = signal.getsignal(signal.SIGALRM)
    try:
        with pytest.raises(KeyboardInterrupt):
            call_with_time_limit(loops_forever, (), seconds=10)
    finally:
        ctrl_c.cancel()
    assert signal.getsignal(signal.SIGALRM) is handler_before


@pytest.mark.timeout(30)
def test_the_time_limit_raises_its_own_exception_which_except_exception_does_not_catch():
    assert not issubclass(TimeLimitExceeded, Exception)
    assert not issubclass(TimeLimitExceeded, KeyboardInterrupt)
    with pytest.raises(TimeLimitExceeded):
        call_with_time_limit(loops_forever, (), seconds=LIMIT)


@unix_only
@pytest.mark.timeout(30)
def test_a_real_ctrl_c_during_a_check_stops_the_check_and_lifts_its_watch():
    def tanh(x):
        while True:
            pass

    handler_before = signal.getsignal(signal.SIGALRM)
    ctrl_c = threading.Timer(0.2, signal.pthread_kill, (threading.get_ident(), signal.SIGINT))
    ctrl_c.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            ex.check_tanh(tanh, quiet=True, time_limit=10)
    finally:
        ctrl_c.cancel()
    assert isinstance(np.tanh, np.ufunc)
    assert signal.getsignal(signal.SIGALRM) is handler_before


# --------------------------------------------------------------------------------------
# exit() in the learner's code is reported, not obeyed
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "leave",
    [lambda: sys.exit(), lambda: sys.exit(1), lambda: exit(), lambda: quit()],
    ids=["sys.exit()", "sys.exit(1)", "exit()", "quit()"],
)
def test_exit_in_the_learner_code_is_reported_as_a_message(leave):
    def mse(y_pred, y_true):
        leave()

    result = ex.check_mse(mse, quiet=True)
    assert result.status == "error"
    assert "mse called exit(), which would stop the program" in result.message
    assert "return the answer instead" in result.hint


def test_raise_system_exit_is_reported_as_a_message():
    def mse(y_pred, y_true):
        raise SystemExit

    assert "called exit()" in ex.check_mse(mse, quiet=True).message


def test_exit_in_the_learner_code_does_not_close_standard_input(monkeypatch):
    class Input:
        closed = False

        def close(self):
            self.closed = True

    monkeypatch.setattr(sys, "stdin", Input())
    ex.check_mse(lambda p, t: exit(), quiet=True)
    assert not sys.stdin.closed


# --------------------------------------------------------------------------------------
# In a real Jupyter kernel: the learner keeps the kernel and everything defined in it
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kernel():
    """A real IPython kernel, with a variable the learner would not want to lose."""
    manager, client = start_new_kernel(kernel_name="python3")
    run_cell(client, "import nnbook.exercises\nmy_work = 42")
    yield client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


def run_cell(client, code, timeout=30):
    """Run ``code`` in the kernel like a notebook cell; return what it printed."""
    printed = []

    def collect(message):
        if message["msg_type"] == "stream":
            printed.append(message["content"]["text"])
        elif message["msg_type"] == "error":
            printed.append("\n".join(message["content"]["traceback"]))

    client.execute_interactive(code, timeout=timeout, output_hook=collect)
    return "".join(printed)


@unix_only
def test_in_a_kernel_a_loop_that_never_ends_is_stopped_and_the_kernel_keeps_working(kernel):
    code = (
        "def mse(y_pred, y_true):\n    while True:\n        pass\n"
        "nnbook.exercises.check_mse(mse, time_limit=0.5)"
    )
    assert "mse was stopped after 0.5 seconds" in run_cell(kernel, code)
    check = "import signal; print(my_work, signal.getsignal(signal.SIGALRM) == signal.SIG_DFL)"
    assert run_cell(kernel, check).split() == ["42", "True"]


def test_in_a_kernel_exit_is_reported_and_the_kernel_does_not_shut_down(kernel):
    code = "nnbook.exercises.check_mse(lambda y_pred, y_true: exit())"
    assert "called exit(), which would stop the program" in run_cell(kernel, code)
    time.sleep(1)  # a kernel asked to exit stops within a fraction of a second
    assert run_cell(kernel, "print(my_work)", timeout=10).strip() == "42"
