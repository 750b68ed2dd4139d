"""Upstream fixtures: a writable copy of the small snapshots, and a local HTTP server on 127.0.0.1 whose
routes the test sets (status, body, validators, delays, a body cut off, a slow trickle)."""

from __future__ import annotations

import csv
import io
import shutil
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipelines.upstream.client import FetchSettings
from pipelines.upstream.loader import load_snapshot
from pipelines.upstream.registry import UPSTREAM_SOURCES
from pipelines.upstream.snapshots import current_version, source_dir
from tests.conftest import FIXTURE_UPSTREAM

FAST = FetchSettings(user_agent="datamoat-tests/1 (tests@example.org)", timeout_seconds=2.0, retries=1, backoff_seconds=0.01)


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/csv; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay_seconds: float = 0.0
    cut_after: int | None = None
    trickle_seconds: float = 0.0
    send_length: bool = True
    requests: list[dict] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        route = self.server.routes.get(self.path.split("?", 1)[0])  # type: ignore[attr-defined]
        if route is None:
            self.send_error(404, "Not Found")
            return
        route.requests.append(dict(self.headers))
        time.sleep(route.delay_seconds)
        if route.etag and self.headers.get("If-None-Match") == route.etag:
            self.send_response(304)
            self.send_header("ETag", route.etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        if route.send_length:
            self.send_header("Content-Length", str(len(route.body)))
        else:
            self.send_header("Connection", "close")
        for name, value in (("ETag", route.etag), ("Last-Modified", route.last_modified)):
            if value:
                self.send_header(name, value)
        self.end_headers()
        body = route.body[: route.cut_after] if route.cut_after is not None else route.body
        for start in range(0, len(body), 4096):
            self.wfile.write(body[start : start + 4096])
            self.wfile.flush()
            time.sleep(route.trickle_seconds)
        if route.cut_after is not None or not route.send_length:
            self.close_connection = True

    def log_message(self, *args) -> None:
        pass


class LocalServer:
    def __init__(self) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.routes = {}  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def route(self, path: str, **kwargs) -> Route:
        self.httpd.routes[path] = Route(**kwargs)  # type: ignore[attr-defined]
        return self.httpd.routes[path]  # type: ignore[attr-defined]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"


@pytest.fixture
def server():
    local = LocalServer()
    local.thread.start()
    yield local
    local.httpd.shutdown()
    local.httpd.server_close()


@pytest.fixture
def upstream_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the small upstream snapshots, used by every build and fetch of the test."""
    target = tmp_path / "upstream"
    shutil.copytree(FIXTURE_UPSTREAM, target)
    monkeypatch.setenv("DATAMOAT_UPSTREAM", str(target))
    return target


def current_file(upstream: Path, source: str, name: str) -> bytes:
    """The upstream bytes of one file of a source's current snapshot."""
    spec = UPSTREAM_SOURCES[source]
    return load_snapshot(spec, source_dir(upstream, source) / current_version(upstream, source)).files[name]


def edited_csv(data: bytes, edit) -> bytes:
    """A CSV with `edit(header, rows)` applied to its parsed rows."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    header, body = rows[0], rows[1:]
    edit(header, body)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    return out.getvalue().encode("utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under a folder with its bytes, to show that nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
