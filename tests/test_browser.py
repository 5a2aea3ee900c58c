"""The widgets in a real browser: JupyterLab 4 + Debian's Chromium, driven by Playwright.

A hermetic JupyterLab (temporary root, config, data, runtime, settings and workspace
directories; no token; 127.0.0.1 on a free port) serves temporary copies of the chapters in
``WIDGETS`` (chapters 1, 5, 7 and 9, one widget each). Chromium opens each, runs all cells,
moves a widget slider with the keyboard and checks that the plotted image changed. On
failure, screenshots go to ``test-artifacts/browser/``. Chromium is never downloaded: CI
installs Debian's ``chromium`` package, and there (``CI`` set in the environment) a missing
``/usr/bin/chromium`` is a failure. On a learner's machine without it the test is skipped
with the reason, so the README's test command still works there.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
# Each widget: (its notebook, the label of a slider to move, a key that moves it).
WIDGETS = {
    "explorer": (ROOT / "notebooks" / "05_activation_functions.ipynb", "value at x", "ArrowRight"),
    "playground": (ROOT / "notebooks" / "01_the_neuron.ipynb", "w1", "ArrowLeft"),
    "descent": (
        ROOT / "notebooks" / "07_learning_as_going_downhill.ipynb",
        "learning rate",
        "ArrowRight",
    ),
    "boundary": (ROOT / "notebooks" / "09_training_a_real_network.ipynb", "epoch", "ArrowRight"),
}
SERVER_START_S = 90  # JupyterLab on 2 busy cores can take a while
WIDGET_S = 120  # from "Restart and Run All" to the explorer's slider on screen
CHANGE_S = 30  # from a key press to a new picture

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A running JupyterLab serving the WIDGETS notebooks; yields (base url, log)."""
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "root"
    root.mkdir()
    for notebook, _, _ in WIDGETS.values():
        shutil.copy(notebook, root / notebook.name)
    env = dict(os.environ)
    for name, sub in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_SETTINGS_DIR", "settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ("IPYTHONDIR", "ipython"),
    ]:
        env[name] = str(tmp / sub)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    news = tmp / "settings" / "@jupyterlab" / "apputils-extension"
    news.mkdir(parents=True)  # no "get notified about Jupyter news?" toast over the page
    (news / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    notebook_settings = tmp / "settings" / "@jupyterlab" / "notebook-extension"
    notebook_settings.mkdir(parents=True)  # render every cell, so off-screen widgets exist too
    (notebook_settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    port = free_port()
    log_path = tmp / "jupyterlab.log"
    command = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",  # lets the test start a kernel over REST
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no PyPI look-ups
    ]  # fmt: skip
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # CI containers run as root
        command.append("--allow-root")
    with open(log_path, "wb") as log:
        server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_S
        while True:
            if server.poll() is not None:
                pytest.fail(f"jupyter lab exited with {server.returncode}:\n{tail(log_path)}")
            try:
                with urllib.request.urlopen(f"{base}/api/status", timeout=5) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"jupyter lab not up after {SERVER_START_S} s:\n{tail(log_path)}")
            time.sleep(0.5)
        yield base, log_path
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text("utf-8", "replace").splitlines()[-lines:])


@pytest.fixture
def page(lab):
    if not CHROMIUM.exists():
        reason = (
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); "
            "this test never downloads a browser"
        )
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, timeout=60_000
        )
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            context.set_default_timeout(60_000)
            yield context.new_page()
        finally:
            browser.close()


class Failure(AssertionError):
    pass


def check(page, condition: bool, message: str, shot: str, log: Path) -> None:
    """Assert, saving a screenshot (and naming it) when the assertion fails."""
    if condition:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{shot}.png"
    try:
        page.screenshot(path=str(path), full_page=True)
        saved = f"screenshot saved to {path}"
    except Exception as error:  # the page may be gone
        saved = f"no screenshot ({error})"
    raise Failure(f"{message}; {saved}\n--- jupyter lab log ---\n{tail(log)}")


def wait_until(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def slider_handle(page, description: str):
    """The draggable handle of the ipywidgets slider labelled ``description``."""
    label = page.locator("label.widget-label", has_text=re.compile(f"^{re.escape(description)}$"))
    slider = page.locator(".widget-slider", has=label)
    return slider.locator(".noUi-handle").first, slider.locator(".widget-readout").first


def accept_kernel_dialog(page) -> bool:
    """Answer JupyterLab's "Select Kernel" dialog (shown when the kernel list comes late)
    with its default, the notebook's own kernel. True once no dialog is open."""
    dialog = page.locator(".jp-Dialog")
    if dialog.count():
        accept = dialog.locator(".jp-Dialog-button.jp-mod-accept")
        if accept.count():
            accept.first.click()
        return False
    return True


def kernel_idle(page) -> bool:
    return page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count() > 0


def widget_image(page, description: str):
    """The plot image of the nnbook widget that has a slider labelled ``description``."""
    label = page.locator("label.widget-label", has_text=re.compile(f"^{re.escape(description)}$"))
    box = page.locator(".jp-OutputArea-output > .widget-vbox", has=label)
    return box.locator("img.widget-image").first


def moves_picture(page, log, description: str, image, key: str, name: str) -> None:
    """Focus a slider, press ``key`` a few times, and require a new picture."""
    handle, readout = slider_handle(page, description)
    check(
        page,
        wait_until(lambda: accept_kernel_dialog(page) and handle.is_visible(), WIDGET_S),
        f"{name}: no '{description}' slider on screen {WIDGET_S} s after Restart and Run All",
        f"{name}-no-widget",
        log,
    )
    handle.scroll_into_view_if_needed()
    image.wait_for(state="visible")
    check(
        page,
        wait_until(lambda: (image.get_attribute("src") or "").startswith("blob:"), CHANGE_S),
        f"{name}: the widget image never got a picture",
        f"{name}-no-image",
        log,
    )
    before_src, before_text = image.get_attribute("src"), readout.inner_text()
    before_pixels = image.screenshot()
    handle.focus()
    for _ in range(4):
        handle.press(key)
    check(
        page,
        wait_until(lambda: readout.inner_text() != before_text, CHANGE_S),
        f"{name}: the '{description}' slider did not move on {key} (readout {before_text!r})",
        f"{name}-slider-stuck",
        log,
    )
    check(
        page,
        wait_until(lambda: image.get_attribute("src") != before_src, CHANGE_S),
        f"{name}: moving '{description}' to {readout.inner_text()} left the plot image unchanged",
        f"{name}-image-unchanged",
        log,
    )
    page.wait_for_timeout(300)  # let the new picture paint before comparing pixels
    check(
        page,
        image.screenshot() != before_pixels,
        f"{name}: the image src changed but its pixels did not",
        f"{name}-pixels-unchanged",
        log,
    )


@pytest.mark.parametrize("name", list(WIDGETS))
def test_widget_responds_in_jupyterlab(lab, page, name):
    base, log = lab
    notebook, slider, key = WIDGETS[name]
    try:
        # A workspace of its own, so the page does not reopen the other test's notebook.
        url = f"{base}/lab/workspaces/{name}/tree/{notebook.name}"
        drive(page, url, log, name, slider, key)
    except Failure:
        raise
    except Exception as error:  # a Playwright timeout, say: still leave a screenshot
        check(page, False, f"{type(error).__name__}: {error}", f"{name}-error", log)


def start_kernel(url: str) -> None:
    """Start the notebook's kernel session through the REST API before the page opens.

    Left to the page, a kernel still starting on a busy machine can be replaced by
    the one a late "Select Kernel" dialog asks for, and "Run All" lands on the dead one.
    With the session in place the page simply connects to it.
    """
    base, path = re.match(r"(.*)/lab/workspaces/[^/]+/tree/(.*)", url).groups()
    body = json.dumps(
        {"path": path, "name": path, "type": "notebook", "kernel": {"name": "python3"}}
    )
    request = urllib.request.Request(
        f"{base}/api/sessions", data=body.encode(), method="POST",
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=60):
        pass


def drive(page, url: str, log: Path, name: str, slider: str, key: str) -> None:
    """Open the notebook, run all cells, move the slider, watch the picture change."""
    start_kernel(url)  # so the page finds a ready kernel and asks nothing
    page.goto(url, wait_until="domcontentloaded")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(state="visible", timeout=90_000)
    check(
        page,
        wait_until(lambda: accept_kernel_dialog(page) and kernel_idle(page), 90),
        "the kernel never became idle",
        f"{name}-kernel-not-idle",
        log,
    )
    # "Restart & Run All", as a learner would check a notebook: a fresh kernel runs every
    # cell in order (plain "Run All" can race a kernel that is still connecting).
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile("^Kernel$")).first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Restart Kernel and Run All Cells").first.click()
    page.locator(".jp-Dialog .jp-Dialog-button.jp-mod-accept").first.click()  # "Restart"
    moves_picture(page, log, slider, widget_image(page, slider), key, name)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    check(page, errors.count() == 0, "a cell wrote to stderr", f"{name}-stderr", log)
