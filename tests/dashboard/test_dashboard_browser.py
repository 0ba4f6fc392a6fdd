"""The whole dashboard in a real browser: `streamlit run` on the built warehouse, then Chromium.

Every page must draw its Plotly charts with no error text, while every request that leaves the
machine is blocked, so the pages are proven to render offline.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from shoplens.serve import dashboard_command, dashboard_env
from shoplens.warehouse import Warehouse
from tests.process_groups import stop_process_group

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# url path (st.Page's default: the file name; the default page is "/") -> charts and CSV downloads drawn.
PAGES = {
    "overview": ("", 3, 4),  # and the insights table
    "customers": ("customers", 3, 3),
    "geography": ("geography", 4, 4),
    "conversion": ("conversion", 14, 14),
    "funnel": ("funnel", 4, 4),
    "carts": ("carts", 5, 7),  # and the product and category tables
    "time_patterns": ("time_patterns", 4, 4),
}
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"streamlit did not answer on {url} within {timeout} s")


@pytest.fixture
def dashboard_server(clickstream_warehouse: Warehouse, tmp_path: Path) -> Iterator[str]:
    """`streamlit run dashboard/app.py` on a free port, as the read-only role; its own process group."""
    port = _free_port()
    # The same command `shoplens dashboard` runs, bound to loopback and without a file watcher.
    command = dashboard_command(port) + ["--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]
    log = (tmp_path / "streamlit.log").open("wb")
    process = subprocess.Popen(
        command,
        env=dashboard_env(clickstream_warehouse),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(url, process)
        yield url
    finally:
        stop_process_group(process)
        log.close()


@pytest.mark.slow
def test_every_page_draws_its_charts_offline_without_errors(dashboard_server: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` (CI does).")
    from playwright.sync_api import Route, sync_playwright

    shots = Path(os.environ.get("SHOPLENS_SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    blocked: list[str] = []

    def offline(route: Route) -> None:
        host = route.request.url.split("/")[2].split(":")[0] if "://" in route.request.url else ""
        if host in LOCAL_HOSTS or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 3000})
            page.route("**/*", offline)
            for name, (path, charts, downloads) in PAGES.items():
                page.goto(f"{dashboard_server}/{path}", wait_until="domcontentloaded")
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=90_000)
                page.wait_for_function(
                    f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
                    timeout=90_000,
                )
                # Let the script run finish (the running indicator goes away) before reading the page.
                page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=90_000)
                text = page.inner_text("body")
                page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
                assert page.locator('[data-testid="stException"]').count() == 0, name
                assert "Traceback" not in text, name
                assert "Error" not in text, name
                assert page.locator(".js-plotly-plot").count() == charts, name
                assert page.get_by_text("Download CSV").count() == downloads, name
                # A read-only product: no developer menu, no "Deploy" button for viewers.
                assert page.get_by_text("Deploy", exact=True).count() == 0, name
        finally:
            browser.close()
    assert not blocked, blocked
