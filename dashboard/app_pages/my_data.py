"""My data: the reader's own vendor quotes and task logs, kept apart from the curated figures."""

import streamlit as st

from dashboard.ui import feedback
from dashboard.ui import scenario_state as state
from dashboard.ui import user_data_view as mine
from dashboard.ui.data import quotes_beside_public_rates, user_dir, warehouse_path
from dashboard.ui.tables import show_table
from dashboard.ui.uploads import MEGABYTE, max_upload_bytes

st.title("My data")
st.write("Your vendor quotes and annotation task logs. They are stored apart from the curated, cited figures "
         f"(in `{user_dir().name}/` beside the warehouse), marked as yours, and never mixed into them.")
folder, warehouse = user_dir(), warehouse_path()
LIMIT_MB = max(1, max_upload_bytes() // MEGABYTE)  # the uploader states it; datamoat's own checks use the same cap


def report(where: str, outcome: mine.Outcome) -> None:
    """Keep an action's outcome to show beside its control: the sentence, and every problem of a refusal."""
    feedback.remember(where, feedback.Outcome(outcome.ok, outcome.summary, outcome.problems))


def remove_quotes(upload_id: str) -> None:
    report("quotes-remove", mine.remove_quotes(folder, upload_id))


def remove_log(tasklog_id: str) -> None:
    report("tasklog-actions", mine.remove_log(folder, tasklog_id))
    st.session_state.pop("calibration", None)


def calibrate(tasklog_id: str) -> None:
    scenario, provenance = mine.calibrated(state.current_scenario(), folder, tasklog_id)
    st.session_state["calibration"] = provenance
    if provenance.is_empty():
        report("tasklog-actions", mine.Outcome(False, "No skill of the current scenario matches a skill or domain of "
                                                      "that log; nothing was changed."))
    elif state.load_scenario(scenario):
        report("tasklog-actions", mine.Outcome(True, f"The current scenario is now calibrated from task log {tasklog_id}: "
                                                     "every page uses it, and the address carries it."))


st.header("Vendor quotes")
st.caption("CSV columns: vendor, domain, artifact_type, usd_per_item and/or usd_per_hour, minimum_volume, quote_date, "
           "notes — checked with the same rules as the curated sources.")
with st.form("quotes-upload", clear_on_submit=True):
    upload = st.file_uploader("Vendor quotes (CSV)", type=["csv"], key="quotes-file", max_upload_size=LIMIT_MB)
    if st.form_submit_button("Store quotes") and upload is not None:
        report("quotes-upload", mine.store_quotes(upload.name, upload.getvalue(), folder, warehouse))
feedback.show("quotes-upload")

uploads = mine.quote_uploads(folder)
if uploads.is_empty():
    st.info("No quotes uploaded yet.")
else:
    show_table(uploads, uploads, "my-quote-uploads")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.selectbox("Upload to remove", uploads["upload_id"].to_list(), key="quotes-remove-choice")
    right.button("Remove upload", key="quotes-remove", on_click=remove_quotes, args=(chosen,))
feedback.show("quotes-remove")
if not uploads.is_empty():
    st.subheader("Your quotes beside the public posted rates")
    compared = quotes_beside_public_rates()
    show_table(compared, compared, "my-quotes-vs-public-rates")

st.header("Task logs")
st.caption("One row per task: task_id, project, skill, domain, worker_id, started_at, submitted_at, active_seconds, "
           "pay_usd, status (accepted / rejected / rework), reviewer_id, review_seconds. CSV or Parquet.")
with st.form("tasklog-upload", clear_on_submit=True):
    log = st.file_uploader("Task log (CSV or Parquet)", type=["csv", "parquet"], key="tasklog-file",
                           max_upload_size=LIMIT_MB)
    quarantine = st.checkbox("Keep bad rows aside in quarantine and ingest the rest", key="tasklog-quarantine")
    if st.form_submit_button("Ingest task log") and log is not None:
        outcome = mine.store_tasklog(log.name, log.getvalue(), folder, quarantine)
        report("tasklog-upload", outcome)
        if outcome.new_id:
            st.session_state["tasklog-choice"] = outcome.new_id  # show the log just ingested
feedback.show("tasklog-upload")

logs = mine.tasklogs(folder)
if logs.is_empty():
    st.info("No task logs ingested yet. `datamoat synth tasklog --rows 100000 --seed 1 --out demo.csv` makes one.")
else:
    show_table(logs, logs, "my-tasklogs")
    ids = logs["tasklog_id"].to_list()
    if st.session_state.get("tasklog-choice") not in ids:
        st.session_state["tasklog-choice"] = ids[-1]  # the newest
    log_id = st.selectbox("Task log", ids, key="tasklog-choice")
    aggregates = mine.tasklog_aggregates(folder, log_id)
    st.subheader("Measured per skill")
    show_table(aggregates, aggregates, f"tasklog-{log_id}-aggregates")
    left, right = st.columns(2)
    left.button("Calibrate the current scenario from this log", key="tasklog-calibrate", type="primary",
                on_click=calibrate, args=(log_id,))
    right.button("Remove this task log", key="tasklog-remove", on_click=remove_log, args=(log_id,))
feedback.show("tasklog-actions")

provenance = st.session_state.get("calibration")
if provenance is not None and not provenance.is_empty():
    st.subheader("Calibrated inputs (origin: your log)")
    st.caption("These inputs of the current scenario now come from your log; every page uses them.")
    show_table(provenance, provenance, "calibration-provenance")
