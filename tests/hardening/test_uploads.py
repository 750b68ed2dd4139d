"""Every hostile or malformed upload in the corpus gets the answer its case names, and nothing is written."""

from __future__ import annotations

import io
import os
from pathlib import Path

import polars as pl
import pytest

from dashboard.ui.uploads import (
    DEFAULT_MAX_UPLOAD_MB,
    MAX_UPLOAD_ENV,
    MEGABYTE,
    UploadRejected,
    check_upload,
    display_name,
    load_json,
    max_upload_bytes,
)
from tests.fixtures.make_hostile import ACCEPT, CASES, HOSTILE_DIR, STORE_LIMIT, Case

UPLOAD_CASES = [c for c in CASES if c.kind != "scenario"]


def case_bytes(case: Case) -> bytes:
    """The stored file when the case is small enough to be kept, else built now."""
    data = case.build()
    if len(data) <= STORE_LIMIT:
        stored = HOSTILE_DIR / case.file
        assert stored.exists(), f"{stored} missing: run python tests/fixtures/make_hostile.py"
        assert stored.read_bytes() == data, f"{stored} is stale: run python tests/fixtures/make_hostile.py"
    return data


def test_corpus_is_large_small_and_in_step_with_its_generator():
    files = sorted(p.name for p in HOSTILE_DIR.iterdir())
    assert len(CASES) >= 30 and len(files) >= 30
    assert files == sorted(c.file for c in CASES if len(c.build()) <= STORE_LIMIT), "regenerate the corpus"
    assert sum(p.stat().st_size for p in HOSTILE_DIR.iterdir()) < 1_000_000
    assert len({c.file for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", UPLOAD_CASES, ids=lambda c: c.file)
def test_hostile_upload_gets_the_expected_answer(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data = case_bytes(case)
    monkeypatch.chdir(tmp_path)  # nothing may be written anywhere, least of all at the uploaded name
    if case.expect == ACCEPT:
        result = check_upload(case.upload_name, data, case.kind, case.max_bytes)
        assert result == (data if case.kind == "parquet" else data.decode("utf-8-sig"))
    else:
        with pytest.raises(UploadRejected) as caught:
            check_upload(case.upload_name, data, case.kind, case.max_bytes)
        assert case.expect in caught.value.message, caught.value.message
        assert "Traceback" not in caught.value.message and len(caught.value.message) < 300
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, shown", [
    ("../../etc/passwd.csv", "passwd.csv"),
    ("evil\x00name\n.csv", "evil_name_.csv"),
    ("C:\\Windows\\System32\\drivers\\etc\\hosts.csv", "hosts.csv"),
    ("..", "upload"),
    ("", "upload"),
    ("<script>alert(1)</script>.csv", "script_.csv"),  # the "/" of "</script>" makes it a path part
    ("<b onmouseover=alert(1)>.csv", "_b onmouseover_alert_1__.csv"),
    ("a" * 500 + ".csv", "a" * 100),
    ("/", "upload"),
])
def test_display_names_are_never_paths(name: str, shown: str):
    assert display_name(name) == shown
    assert "/" not in shown and "\\" not in shown and shown != ".." and len(shown) <= 100


def test_every_corpus_name_is_shown_safely():
    for case in CASES:
        shown = display_name(case.upload_name)
        assert set(shown) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._ -"), shown
        assert not shown.startswith(".")


def test_real_parquet_is_accepted(tmp_path: Path):
    buffer = io.BytesIO()
    pl.DataFrame({"task_id": ["a", "b"], "pay_usd": [1.0, 2.0]}).write_parquet(buffer)
    data = buffer.getvalue()
    assert check_upload("log.parquet", data, "parquet") == data
    with pytest.raises(UploadRejected, match="not a Parquet file"):
        check_upload("log.parquet", data[:-1], "parquet")


def test_upload_cap_defaults_to_200_mb_and_follows_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(MAX_UPLOAD_ENV, raising=False)
    assert max_upload_bytes() == DEFAULT_MAX_UPLOAD_MB * MEGABYTE
    monkeypatch.setenv(MAX_UPLOAD_ENV, "0.001")
    assert max_upload_bytes() == int(0.001 * MEGABYTE)
    with pytest.raises(UploadRejected, match="the limit is 1,048"):
        check_upload("a.csv", b"a,b\n" + b"1,2\n" * 400, "csv")
    for junk in ("-5", "zero", "nan", "0"):
        monkeypatch.setenv(MAX_UPLOAD_ENV, junk)
        assert max_upload_bytes() == DEFAULT_MAX_UPLOAD_MB * MEGABYTE


def test_the_cap_is_checked_before_the_content(monkeypatch: pytest.MonkeyPatch):
    with pytest.raises(UploadRejected, match="file is 11 bytes; the limit is 10"):
        check_upload("x.csv", b"\x89PNG\r\n\x1a\nxxx", "csv", max_bytes=10)


def test_json_upload_returns_text_and_value():
    assert check_upload("a.json", b'{"a": [1, {"b": null}]}', "json") == '{"a": [1, {"b": null}]}'
    assert load_json("a.json", b"\xef\xbb\xbf[1, 2.5, \"x\"]") == [1, 2.5, "x"]
    assert load_json("a.json", ("[" * 20 + "]" * 20).encode()) is not None
    with pytest.raises(UploadRejected, match="deeper than 20"):
        load_json("a.json", ("[" * 21 + "]" * 21).encode())
    # brackets inside strings are text, not nesting
    assert load_json("a.json", ('["' + "[" * 1000 + '"]').encode()) == ["[" * 1000]


def test_csv_checks_are_fast_on_a_large_valid_upload():
    import time

    row = b"task-1,project,skill,law,w1,2024-01-01T00:00:00,2024-01-01T01:00:00,3600,50.5,accepted,r1,120\n"
    data = b"a,b,c,d,e,f,g,h,i,j,k,l\n" + row * 200_000  # ~19 MB
    started = time.perf_counter()
    check_upload("log.csv", data, "csv")
    assert time.perf_counter() - started < 5


def test_unknown_kind_is_refused():
    with pytest.raises(UploadRejected):
        check_upload("a.txt", b"a,b\n1,2\n", "txt")  # type: ignore[arg-type]
    with pytest.raises(UploadRejected):
        check_upload("a.csv", "a,b\n1,2\n", "csv")  # type: ignore[arg-type]


def test_no_os_environment_leaks_into_a_rejection(monkeypatch: pytest.MonkeyPatch):
    with pytest.raises(UploadRejected) as caught:
        check_upload("/home/someone/secret/plan.csv", b"", "csv")
    assert "/home/someone" not in caught.value.message and os.sep + "home" not in caught.value.message
