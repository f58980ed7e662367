"""Browser tests of the dashboard: a database coded from the bundled sample articles plus the articles in
tests/web/fixtures, the real server (`hoopoe serve`) on a free local port, and Debian's chromium driven headless by
Playwright. Playwright's own browser downloads are never used.

They skip, with the reason, when Playwright is not installed (pip install -e '.[test]'), when no chromium is found
(apt-get install chromium; .ci/run does it; or set HOOPOE_CHROMIUM=/path/to/chromium), or when this hoopoe has no
API (hoopoe.api). Set HOOPOE_DASHBOARD_URL=http://127.0.0.1:PORT to test a server that is already running over
such a database instead of starting one.
"""

from __future__ import annotations

import importlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import hoopoe

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = Path(hoopoe.__file__).resolve().parent / "resources" / "samples" / "samples.jsonl"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
# Flags for a quiet, offline headless chromium: no sandbox (CI runs as root in a container), no GPU, and none
# of the browser's own background traffic (component updates, sync, field trials).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions"]
# How long the server may take to come up (loading the NLP models is not needed to serve, so it is quick; the
# limit only keeps a broken server from hanging the run).
SERVER_START_LIMIT_S = 90


def _chromium() -> str | None:
    for candidate in (os.environ.get("HOOPOE_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[test]'")
    path = _chromium()
    if path is None:
        pytest.skip("no chromium found for the browser tests: apt-get install chromium (or set HOOPOE_CHROMIUM)")
    return path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env() -> dict[str, str]:
    """The environment for child processes: the hoopoe these tests import, whichever checkout that is."""
    env = dict(os.environ)
    src = str(Path(hoopoe.__file__).resolve().parents[1])
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("HOOPOE_API_KEY", None)  # read-only server
    return env


@pytest.fixture(scope="session")
def dashboard_db(tmp_path_factory) -> Path:
    """A SQLite store coded from the sample articles and the dashboard fixtures (with dedup, as `hoopoe ingest`)."""
    db = tmp_path_factory.mktemp("dashboard") / "dashboard.db"
    proc = subprocess.run([sys.executable, "-m", "hoopoe", "ingest", "-q", "--db", str(db), str(SAMPLES),
                           str(FIXTURES / "articles.jsonl")], env=_env(), capture_output=True, text=True)
    assert proc.returncode == 0, f"hoopoe ingest failed:\n{proc.stdout}\n{proc.stderr}"
    return db


@pytest.fixture(scope="session")
def base_url(request, tmp_path_factory) -> str:
    """The URL of a running `hoopoe serve` over the dashboard database (stopped after the session)."""
    given = os.environ.get("HOOPOE_DASHBOARD_URL")
    if given:
        yield given.rstrip("/")
        return
    try:
        importlib.import_module("hoopoe.api")
    except ImportError as e:
        pytest.skip(f"this hoopoe has no API to serve the dashboard (hoopoe.api: {e})")
    dashboard_db = request.getfixturevalue("dashboard_db")
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "hoopoe", "serve", "--db", str(dashboard_db),
                                 "--host", "127.0.0.1", "--port", str(port)],
                                env=_env(), stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_LIMIT_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"hoopoe serve exited with {proc.returncode}:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(f"{url}/api/stats", timeout=5) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"hoopoe serve did not answer on {url} within {SERVER_START_LIMIT_S}s:\n{log.read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Dashboard:
    """One browser tab on the dashboard, with what it tried to reach and what it complained about."""

    page: object
    base_url: str
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def open(self, fragment: str = "") -> None:
        self.page.goto(f"{self.base_url}/{fragment}")
        self.wait_ready()

    def wait_ready(self) -> None:
        """Wait until every request the dashboard started has been answered and drawn."""
        self.page.wait_for_selector("body[data-state=ready]", state="attached")

    def assert_clean(self) -> None:
        assert self.external_requests == [], f"requests left this machine: {self.external_requests}"
        assert self.console_errors == [], f"errors in the browser console: {self.console_errors}"


@pytest.fixture()
def dashboard(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    context.set_default_timeout(20_000)
    dash = Dashboard(page=None, base_url=base_url)

    def guard(route) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS:
            route.continue_()
        else:  # record it and never let it out
            dash.external_requests.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda msg: dash.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: dash.console_errors.append(f"uncaught: {exc}"))
    dash.page = page
    yield dash
    context.close()
