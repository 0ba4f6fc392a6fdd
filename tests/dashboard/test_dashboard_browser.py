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
from contextlib import contextmanager
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
    "intent": (f"intent{EVENTS}", 0),  # the models refuse on the sample: the page says why
    "glossary": ("glossary", 0),
}
# The model pages on a shop whose models have trained: the customers page adds the churn ranking's
# held-out figures, the KMeans bubbles and sizes and the CLV distribution; the intent page its score
# distribution, calibration and most predictive inputs. The generated events are the only source.
SCORED_PAGES = {"customers": ("customers", 8), "intent": ("intent", 3)}
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


def _serve(warehouse: Warehouse, log_path: Path) -> Iterator[str]:
    """`streamlit run dashboard/server.py` on a free port, as the read-only role; its own process group."""
    port = _free_port()
    # The same command `shoplens dashboard` runs, bound to loopback and without a file watcher.
    command = dashboard_command(port) + ["--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]
    log = log_path.open("wb")
    process = subprocess.Popen(
        command,
        env=dashboard_env(warehouse),
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


@pytest.fixture(scope="module")
def dashboard_server(
    clickstream_warehouse: Warehouse, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    yield from _serve(clickstream_warehouse, tmp_path_factory.mktemp("streamlit") / "streamlit.log")


@pytest.fixture(scope="module")
def scored_dashboard_server(
    scored_shop: Warehouse, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The dashboard on the generated shop whose models have all trained (the Olist sample's refuse)."""
    yield from _serve(scored_shop, tmp_path_factory.mktemp("streamlit_scored") / "streamlit.log")


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


class OfflineBrowser:
    """Chromium with every request that leaves the machine blocked and recorded."""

    def __init__(self, playwright) -> None:
        if not CHROMIUM.exists():
            pytest.fail(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` (CI does).")
        self.blocked: list[str] = []
        self.browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        self.page = self.browser.new_page(viewport={"width": 1400, "height": 3000})
        self.page.route("**/*", self._offline)

    def _offline(self, route) -> None:
        url = route.request.url
        host = url.split("/")[2].split(":")[0] if "://" in url else ""
        if host in LOCAL_HOSTS or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def assert_page_renders(self, name: str, url: str, charts: int, shots: Path) -> None:
        """The page draws exactly `charts` charts, each with its CSV, and shows no error."""
        page = self.page
        _open(page, url, charts)
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

    def close(self) -> None:
        self.browser.close()


@contextmanager
def _offline_browser() -> Iterator[OfflineBrowser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = OfflineBrowser(playwright)
        try:
            yield browser
        finally:
            browser.close()


def _click_on(page, element) -> None:
    """Click where a chart element is drawn, as a person does: Plotly's drag layer lies over it, so
    the element itself never receives the click."""
    box = element.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def _screenshot_dir(tmp_path: Path) -> Path:
    shots = Path(os.environ.get("SHOPLENS_SCREENSHOT_DIR", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def _settled_chart_data(page, expected: dict[str, str], timeout: float = 60) -> dict[str, str]:
    """The charts' data once the page shows `expected`, or as it stands after `timeout` seconds.

    While a rerun replaces a page's elements, the old and the new chart can both be in the page for a
    moment (seen on a loaded machine): only the page as it settles is compared.
    """
    deadline = time.monotonic() + timeout
    shown = _chart_data(page)
    while shown != expected and time.monotonic() < deadline:
        page.wait_for_timeout(500)
        shown = _chart_data(page)
    return shown


@pytest.mark.slow
def test_every_page_draws_its_charts_offline_without_errors(dashboard_server: str, tmp_path: Path) -> None:
    shots = _screenshot_dir(tmp_path)
    with _offline_browser() as browser:
        for name, (path, charts) in PAGES.items():
            browser.assert_page_renders(name, f"{dashboard_server}/{path}", charts, shots)
    assert not browser.blocked, browser.blocked


@pytest.mark.slow
def test_the_model_pages_draw_their_charts_offline_once_the_models_have_trained(
    scored_dashboard_server: str, tmp_path: Path
) -> None:
    """On the Olist sample the models refuse (the pages above say why); here they have trained."""
    shots = _screenshot_dir(tmp_path)
    with _offline_browser() as browser:
        for name, (path, charts) in SCORED_PAGES.items():
            browser.assert_page_renders(f"scored_{name}", f"{scored_dashboard_server}/{path}", charts, shots)
    assert not browser.blocked, browser.blocked


@pytest.mark.slow
def test_a_nested_path_opens_its_page_instead_of_a_blank_one(dashboard_server: str, tmp_path: Path) -> None:
    """Streamlit alone leaves `/conversion/extra` blank (its scripts resolve under `/conversion/`);
    the dashboard's server sends the browser to the page, with the link's filters kept."""
    with _offline_browser() as browser:
        browser.assert_page_renders(
            "nested_path",
            f"{dashboard_server}/conversion/extra/path{EVENTS}",
            PAGES["conversion"][1],
            _screenshot_dir(tmp_path),
        )
        assert browser.page.url == f"{dashboard_server}/conversion{EVENTS}"
    assert not browser.blocked, browser.blocked


@pytest.mark.slow
def test_a_filter_aimed_at_one_chart_changes_only_that_chart_in_the_browser(dashboard_server: str) -> None:
    """The filter journey: a shared link sets a device filter aimed at the device chart; only that chart
    changes; removing its chip brings the page back."""
    page_url = f"{dashboard_server}/conversion{EVENTS}"
    with _offline_browser() as browser:
        page = browser.page
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
        assert _settled_chart_data(page, before) == before


@pytest.mark.slow
def test_clicking_a_state_bar_filters_the_page_by_that_state(dashboard_server: str) -> None:
    """Click to filter: a bar of the revenue-by-state chart becomes the customer state filter."""
    with _offline_browser() as browser:
        page = browser.page
        _open(page, f"{dashboard_server}/{PAGES['geography'][0]}", PAGES["geography"][1])
        chart = page.locator(".js-plotly-plot").filter(has_text="Revenue by customer state")
        bars = chart.locator(".bars .point path")
        # The largest state is the top bar: the last one drawn (bars go bottom to top).
        top_state = json.loads(_chart_data(page)["Revenue by customer state"])[0][1][-1]
        _click_on(page, bars.last)
        page.wait_for_function(
            "state => new URLSearchParams(location.search).getAll('customer_state').includes(state)",
            arg=top_state,
            timeout=60_000,
        )
        page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=90_000)
        chip = page.get_by_role("button", name=f"customer state: {top_state}")
        chip.wait_for(timeout=60_000)


@pytest.mark.slow
def test_clicking_a_funnel_step_drills_into_the_sessions_that_dropped_after_it(dashboard_server: str) -> None:
    with _offline_browser() as browser:
        page = browser.page
        _open(page, f"{dashboard_server}/{PAGES['funnel'][0]}", PAGES["funnel"][1])
        drill = page.get_by_role("combobox", name="Dropped after step")
        assert drill.input_value() == "any step"
        chart = page.locator(".js-plotly-plot").filter(has_text="Funnel by session")
        _click_on(page, chart.locator(".point path").nth(1))  # the second step from the top: add to cart
        page.wait_for_function(
            """() => document.querySelector('input[aria-label="Dropped after step"]').value
                === 'Add to cart'""",
            timeout=60_000,
        )
