"""My data: uploads are checked and stored apart, listed, removable, and calibrate the scenario."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dashboard.ui import user_data_view as mine
from pipelines.userdata.paths import user_db_path
from pipelines.userdata.quotes import ingest_quotes
from pipelines.userdata.tasklog_ingest import ingest_tasklog
from tests.dashboard.conftest import all_text

USERDATA = Path(__file__).resolve().parents[1] / "fixtures" / "userdata"


@pytest.fixture
def user_folder(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "user"
    monkeypatch.setenv("DATAMOAT_USER_DIR", str(folder))
    return folder


def test_display_name_never_keeps_a_path():
    assert mine.display_name("../../etc/passwd.csv") == "passwd.csv"
    assert mine.display_name("C:\\Users\\me\\quotes.csv") == "quotes.csv"
    assert mine.display_name("bad\x00name\n.csv") == "bad_name_.csv"
    assert mine.display_name("") == "upload"


def test_a_bad_quotes_upload_is_refused_by_line_and_column_under_its_own_name(user_folder, warehouse):
    good = (USERDATA / "quotes_valid.csv").read_text(encoding="utf-8").splitlines()
    good[2] = good[2].replace(",law,", ",astrology,")
    outcome = mine.store_quotes("my quotes.csv", ("\n".join(good) + "\n").encode(), user_folder, warehouse)
    assert not outcome.ok
    assert "my quotes.csv:3: domain" in outcome.message and "upload" not in outcome.message.split(":")[0]
    assert not user_db_path(user_folder).exists()


@pytest.mark.parametrize("data, expected", [
    (b"PK\x03\x04" + b"\x00" * 40, "compressed archives are not accepted"),
    (b"vendor,domain\nacme,law\x00\n", "NUL byte on line 2"),
    (b"vendor;domain;usd_per_hour\nacme;law;90\n", "separated by semicolons"),
])
def test_a_hostile_upload_is_refused_before_any_reading_and_nothing_is_stored(user_folder, warehouse, data, expected):
    for outcome in (mine.store_quotes("../evil.csv", data, user_folder, warehouse),
                    mine.store_tasklog("../evil.csv", data, user_folder, quarantine=True)):
        assert not outcome.ok and expected in outcome.message
        assert outcome.message.startswith("evil.csv was not stored")
    assert not user_folder.exists() or not any(user_folder.rglob("*"))


def test_a_good_upload_is_stored_under_the_name_shown(user_folder, warehouse):
    data = (USERDATA / "quotes_valid.csv").read_bytes()
    outcome = mine.store_quotes("../x/quotes.csv", data, user_folder, warehouse)
    assert outcome.ok and "from quotes.csv" in outcome.message
    assert mine.quote_uploads(user_folder)["file_name"].to_list() == ["quotes.csv"]


def test_a_failed_tasklog_upload_leaves_the_user_database_unchanged(user_folder, warehouse):
    mine.store_quotes("q.csv", (USERDATA / "quotes_valid.csv").read_bytes(), user_folder, warehouse)
    before = hashlib.sha256(user_db_path(user_folder).read_bytes()).hexdigest()
    bad = (USERDATA / "tasklog_tiny.csv").read_text(encoding="utf-8").replace("accepted", "maybe", 1)
    outcome = mine.store_tasklog("log.csv", bad.encode(), user_folder, quarantine=False)
    assert not outcome.ok and "log.csv:2: status" in outcome.message
    assert hashlib.sha256(user_db_path(user_folder).read_bytes()).hexdigest() == before


def test_page_lists_removes_and_calibrates(app_on_fixture, user_folder, warehouse):
    upload = ingest_quotes(USERDATA / "quotes_valid.csv", user_folder, warehouse)
    log = ingest_tasklog(USERDATA / "tasklog_tiny.csv", user_folder)
    at = app_on_fixture("my_data.py")
    text = all_text(at)
    assert upload.upload_id in str([df.value for df in at.dataframe]) or upload.upload_id in text
    assert at.selectbox(key="tasklog-choice").value == log.tasklog_id

    at.button(key="tasklog-calibrate").click().run()
    assert not at.exception
    assert "Calibrated inputs (origin: your log)" in all_text(at)
    calibrated = at.session_state["calibration"]
    assert calibrated.height > 0 and set(calibrated["origin"]) == {"user_log"}
    assert set(calibrated["tasklog_id"]) == {log.tasklog_id}

    at.button(key="quotes-remove").click().run()
    assert not at.exception
    assert mine.quote_uploads(user_folder).is_empty()


def test_expert_rates_page_shows_the_readers_quotes_beside_public_rates(app_on_fixture, user_folder, warehouse):
    before = app_on_fixture("expert_rates.py")
    assert "Upload vendor quotes on the My data page" in all_text(before)
    ingest_quotes(USERDATA / "quotes_valid.csv", user_folder, warehouse)
    after = app_on_fixture("expert_rates.py")
    compared = [frame.value for frame in after.dataframe if "quoted_median_usd_per_hour" in frame.value.columns]
    assert len(compared) == 1
    assert "law" in list(compared[0]["domain"]) and compared[0]["public_usd_per_hour"].notna().any()


def _submit(at, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()


def test_the_newest_ingest_is_selected_after_an_upload(app_on_fixture, user_folder, warehouse):
    old = ingest_tasklog(USERDATA / "tasklog_tiny.csv", user_folder)
    at = app_on_fixture("my_data.py")
    assert at.selectbox(key="tasklog-choice").value == old.tasklog_id
    at.file_uploader(key="tasklog-file").set_value(("new log.csv", (USERDATA / "tasklog_tiny.csv").read_bytes(), "text/csv"))
    _submit(at, "Ingest task log")
    assert not at.exception
    new_ids = [i for i in mine.tasklogs(user_folder)["tasklog_id"].to_list() if i != old.tasklog_id]
    assert len(new_ids) == 1
    assert at.selectbox(key="tasklog-choice").value == new_ids[0]
    assert any(new_ids[0] in s.value for s in at.success)


def test_a_refused_upload_lists_every_problem(app_on_fixture, user_folder, warehouse):
    lines = (USERDATA / "tasklog_tiny.csv").read_text(encoding="utf-8").splitlines()
    bad = [lines[0]] + [line.replace("accepted", "maybe") for line in lines[1:]]
    wanted = sum("maybe" in line for line in bad)
    assert wanted >= 2
    at = app_on_fixture("my_data.py")
    at.file_uploader(key="tasklog-file").set_value(("bad.csv", ("\n".join(bad) + "\n").encode(), "text/csv"))
    _submit(at, "Ingest task log")
    listed = "\n".join(c.value for c in at.code)
    assert at.error and sum(": status" in line for line in listed.splitlines()) == wanted


def test_calibrating_changes_the_view_everywhere_and_the_link(app_on_fixture, user_folder, warehouse):
    ingest_tasklog(USERDATA / "tasklog_tiny.csv", user_folder)
    at = app_on_fixture("my_data.py")
    assert not dict(at.query_params)
    at.button(key="tasklog-calibrate").click().run()
    assert any("calibrated" in s.value for s in at.success)
    assert dict(at.query_params), "the link must carry the calibrated inputs"
    assert "differs from the default" in " ".join(c.value for c in at.sidebar.caption)


def test_a_link_made_after_calibrating_reopens_the_same_numbers(app_on_fixture, user_folder, warehouse):
    from tests.dashboard.model_app import metric, open_page

    ingest_tasklog(USERDATA / "tasklog_tiny.csv", user_folder)
    at = app_on_fixture("my_data.py")
    default = metric(open_page("overview"), "Expert data cost")
    at.button(key="tasklog-calibrate").click().run()
    at.switch_page("app_pages/overview.py").run()
    calibrated = metric(at, "Expert data cost")
    assert calibrated != default
    reopened = open_page("overview", dict(at.query_params))  # another reader, from the address alone
    assert metric(reopened, "Expert data cost") == calibrated
