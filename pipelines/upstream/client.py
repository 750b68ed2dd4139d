"""Downloading one upstream file well: streamed to a temporary file, with a timeout, bounded retries with
backoff, a size cap, conditional requests and a descriptive User-Agent.

Only `datamoat fetch` downloads anything; the build reads the snapshots on disk.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx

from pipelines.upstream.rows import HTML_STARTS

USER_AGENT_ENV = "DATAMOAT_USER_AGENT"
DEFAULT_USER_AGENT = (
    "datamoat/0.1 (open-source research dashboard; fetches public datasets for offline analysis; "
    f"set {USER_AGENT_ENV} to add your contact e-mail)"
)
RETRIED_STATUS = {408, 425, 429, 500, 502, 503, 504}

ByteProgress = Callable[[str, int, int | None], None]


@dataclass(frozen=True)
class FetchSettings:
    user_agent: str = DEFAULT_USER_AGENT
    timeout_seconds: float = 30.0
    retries: int = 2
    backoff_seconds: float = 0.5
    max_bytes: int = 300 * 1024 * 1024
    max_unzipped_bytes: int = 512 * 1024 * 1024

    @classmethod
    def from_environment(cls, **overrides) -> FetchSettings:
        agent = os.environ.get(USER_AGENT_ENV, "").strip() or DEFAULT_USER_AGENT
        return cls(**{"user_agent": agent, **{k: v for k, v in overrides.items() if v is not None}})


class FetchError(Exception):
    """A download that failed for good; the message says why in one line."""


class Offline(FetchError):
    """The host could not be reached at all (no network, no DNS, connection refused)."""


@dataclass
class Download:
    url: str
    not_modified: bool
    path: Path | None = None
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None

    def last_modified_date(self):
        try:
            return parsedate_to_datetime(self.last_modified).date() if self.last_modified else None
        except (TypeError, ValueError):
            return None


def _conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _stream_to(response: httpx.Response, target: Path, settings: FetchSettings, progress: ByteProgress | None) -> None:
    declared = response.headers.get("content-length")
    total = int(declared) if declared and declared.isdigit() else None
    if total is not None and total > settings.max_bytes:
        raise FetchError(f"{response.url} is {total:,} bytes, more than the cap of {settings.max_bytes:,}")
    received = 0
    with target.open("wb") as handle:
        for chunk in response.iter_bytes(1 << 16):
            received += len(chunk)
            if received > settings.max_bytes:
                raise FetchError(f"{response.url} sent more than the cap of {settings.max_bytes:,} bytes; download stopped")
            handle.write(chunk)
            if progress:
                progress(str(response.url), received, total)
    if total is not None and received < total and "content-encoding" not in response.headers:
        raise httpx.RemoteProtocolError(f"body cut off after {received:,} of {total:,} bytes")


def _looks_like_html(path: Path, content_type: str | None) -> bool:
    with path.open("rb") as handle:
        head = handle.read(1024).lstrip().lower()
    return (content_type or "").lower().startswith("text/html") or head.startswith(HTML_STARTS)


def download(
    client: httpx.Client,
    url: str,
    target: Path,
    settings: FetchSettings,
    etag: str | None = None,
    last_modified: str | None = None,
    progress: ByteProgress | None = None,
) -> Download:
    """GET `url` into `target` (conditionally when a validator is known); retries transient failures."""
    last_error: Exception | None = None
    for attempt in range(settings.retries + 1):
        if attempt:
            time.sleep(settings.backoff_seconds * 2 ** (attempt - 1))
        try:
            with client.stream("GET", url, headers=_conditional_headers(etag, last_modified)) as response:
                if response.status_code == 304:
                    return Download(url, True, etag=etag, last_modified=last_modified)
                if response.status_code in RETRIED_STATUS:
                    last_error = FetchError(f"{url} answered HTTP {response.status_code} {response.reason_phrase}")
                    continue
                if response.status_code != 200:
                    raise FetchError(f"{url} answered HTTP {response.status_code} {response.reason_phrase}")
                _stream_to(response, target, settings, progress)
                content_type = response.headers.get("content-type")
                if _looks_like_html(target, content_type):
                    raise FetchError(
                        f"{url} sent an HTML page (HTTP 200, {content_type or 'no content type'}) "
                        "where a data file was expected: an error or login page?"
                    )
                return Download(
                    url, False, target, response.headers.get("etag"), response.headers.get("last-modified"), content_type
                )
        except httpx.ConnectError as error:
            last_error = Offline(f"cannot reach {httpx.URL(url).host} ({_reason(error)}): offline, or the address is wrong?")
        except httpx.TimeoutException as error:
            last_error = FetchError(f"{url} timed out after {settings.timeout_seconds:g} s ({type(error).__name__})")
        except (httpx.RemoteProtocolError, httpx.ReadError) as error:
            last_error = FetchError(f"{url}: the download was cut off mid-transfer ({_reason(error)})")
        except httpx.HTTPError as error:
            last_error = FetchError(f"{url}: {type(error).__name__}: {_reason(error)}")
    assert last_error is not None
    raise last_error


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[-1] if text else type(error).__name__


def client_for(settings: FetchSettings) -> httpx.Client:
    return httpx.Client(
        headers={"User-Agent": settings.user_agent},
        timeout=httpx.Timeout(settings.timeout_seconds),
        follow_redirects=True,
        max_redirects=5,
    )
