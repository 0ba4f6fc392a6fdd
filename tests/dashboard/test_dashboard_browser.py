"""The whole dashboard in a real browser: `streamlit run` on the built warehouse, then Chromium.

Every page must draw its Plotly charts with no error text, while every request that leaves the
machine is blocked, so the pages are proven to render offline.
"""

from __future__ import annotations

import json
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
# url path and query (st.Page's default path: the file name; the default page is "/") -> charts drawn.
# The visitors pages show one source: the events, through the link, as a shared view would.
EVENTS = "?session_source=events"
PAGES = {
    "overview": ("", 3),
    "customers": ("customers", 3),
    "geography": ("geography", 4),
    "conversion": (f"conversion{EVENTS}", 14),
    "funnel": (f"funnel{EVENTS}", 4),
    "carts": (f"carts{EVENTS}", 5),
    "time_patterns": (f"time_patterns{EVENTS}", 4),
    "live": ("live", 0),
    # sources, volume and slowest models (no chart on the glossary: its entries and table)
    "health": ("health", 3),
    "glossary": ("glossary", 0),
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


@pytest.fixture(scope="module")
def dashboard_server(
    clickstream_warehouse: Warehouse, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """`streamlit run dashboard/app.py` on a free port, as the read-only role; its own process group."""
    port = _free_port()
    # The same command `shoplens dashboard` runs, bound to loopback and without a file watcher.
    command = dashboard_command(port) + ["--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]
    log = (tmp_path_factory.mktemp("streamlit") / "streamlit.log").open("wb")
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


def _open(page, url: str, charts: int) -> None:
    """Go to `url` and wait until its script run is over and its charts have drawn their SVG."""
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stSidebar"]', timeout=90_000)
    if charts:  # every chart's SVG drawn, not only its container
        page.wait_for_function(
            """n => { const plots = [...document.querySelectorAll('.js-plotly-plot')];
                return plots.length >= n && plots.every(plot => plot.querySelector('.main-svg')); }""",
            arg=charts,
            timeout=90_000,
        )
    # Let the script run finish (the running indicator goes away) before reading the page.
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=90_000)


def _chart_data(page) -> dict[str, str]:
    """Each drawn chart's title -> its traces' data, as the browser holds them."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.js-plotly-plot')].map(plot => [
            plot.layout.title.text.replace(/<[^>]+>/g, ''),
            JSON.stringify(plot.data.map(trace => [trace.x, trace.y, trace.z])),
        ]))"""
    )


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
            for name, (path, charts) in PAGES.items():
                _open(page, f"{dashboard_server}/{path}", charts)
                text = page.inner_text("body")
                page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
                assert page.locator('[data-testid="stException"]').count() == 0, name
                assert "Traceback" not in text, name
                assert "Error" not in text, name
                assert page.locator(".js-plotly-plot").count() == charts, name
                # Every chart has its CSV (tables that are findings have one too).
                assert page.get_by_text("Download CSV").count() >= charts, name
                # A read-only product: no developer menu, no "Deploy" button for viewers.
                assert page.get_by_text("Deploy", exact=True).count() == 0, name
        finally:
            browser.close()
    assert not blocked, blocked


@pytest.mark.slow
def test_a_filter_aimed_at_one_chart_changes_only_that_chart_in_the_browser(dashboard_server: str) -> None:
    """The filter journey: a shared link sets a device filter aimed at the device chart; only that chart
    changes; removing its chip brings the page back."""
    from playwright.sync_api import sync_playwright

    page_url = f"{dashboard_server}/conversion{EVENTS}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 3000})
            _open(page, page_url, PAGES["conversion"][1])
            before = _chart_data(page)
            devices = json.loads(before["By device"])[0][1]  # the bars' y: device names
            _open(page, f"{page_url}&device={devices[0]}&device_target=device", PAGES["conversion"][1])
            after = _chart_data(page)
            changed = sorted(title for title in before if after.get(title) != before[title])
            assert changed == ["By device"], changed
            chip = page.get_by_role(
                "button", name=f"device: {devices[0]} (only: Conversion: Conversion by device)"
            )
            chip.click()
            page.wait_for_function("() => !window.location.search.includes('device=')", timeout=60_000)
            # The rerun redraws the device chart some time after the URL changes: wait for the redraw
            # (with a timeout, so a chip that does not clear the filter still fails here).
            page.wait_for_function(
                """unfiltered => [...document.querySelectorAll('.js-plotly-plot')].some(plot =>
                    plot.layout.title.text.replace(/<[^>]+>/g, '') === 'By device'
                    && JSON.stringify(plot.data.map(trace => [trace.x, trace.y, trace.z])) === unfiltered)""",
                arg=before["By device"],
                timeout=60_000,
            )
            page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=90_000)
            assert _chart_data(page) == before
        finally:
            browser.close()
