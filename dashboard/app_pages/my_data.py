"""My data: the reader's own vendor quotes and task logs, kept apart from the curated figures."""

import streamlit as st

from dashboard.ui import scenario_state as state
from dashboard.ui import user_data_view as mine
from dashboard.ui.data import user_dir, warehouse_path
from dashboard.ui.tables import show_table

st.title("My data")
st.write("Your vendor quotes and annotation task logs. They are stored apart from the curated, cited figures "
         f"(in `{user_dir().name}/` beside the warehouse), marked as yours, and never mixed into them.")
folder, warehouse = user_dir(), warehouse_path()


def report(outcome: mine.Outcome) -> None:
    (st.success if outcome.ok else st.error)(outcome.message.splitlines()[0])
    if not outcome.ok and "\n" in outcome.message:
        st.code(outcome.message, language=None)


st.header("Vendor quotes")
st.caption("CSV columns: vendor, domain, artifact_type, usd_per_item and/or usd_per_hour, minimum_volume, quote_date, "
           "notes — checked with the same rules as the curated sources.")
with st.form("quotes-upload", clear_on_submit=True):
    upload = st.file_uploader("Vendor quotes (CSV)", type=["csv"], key="quotes-file")
    if st.form_submit_button("Store quotes") and upload is not None:
        st.session_state["quotes-outcome"] = mine.store_quotes(upload.name, upload.getvalue(), folder, warehouse)
if "quotes-outcome" in st.session_state:
    report(st.session_state.pop("quotes-outcome"))

uploads = mine.quote_uploads(folder)
if uploads.is_empty():
    st.info("No quotes uploaded yet.")
else:
    show_table(uploads, uploads, "my-quote-uploads")
    left, right = st.columns([3, 1])
    chosen = left.selectbox("Upload to remove", uploads["upload_id"].to_list(), key="quotes-remove-choice")
    if right.button("Remove upload", key="quotes-remove"):
        report(mine.remove_quotes(folder, chosen))
        st.rerun()
    st.subheader("Your quotes beside the public posted rates")
    compared = mine.quotes_with_public_rates(folder, warehouse)
    show_table(compared, compared, "my-quotes-vs-public-rates")

st.header("Task logs")
st.caption("One row per task: task_id, project, skill, domain, worker_id, started_at, submitted_at, active_seconds, "
           "pay_usd, status (accepted / rejected / rework), reviewer_id, review_seconds. CSV or Parquet.")
with st.form("tasklog-upload", clear_on_submit=True):
    log = st.file_uploader("Task log (CSV or Parquet)", type=["csv", "parquet"], key="tasklog-file")
    quarantine = st.checkbox("Keep bad rows aside in quarantine and ingest the rest", key="tasklog-quarantine")
    if st.form_submit_button("Ingest task log") and log is not None:
        st.session_state["tasklog-outcome"] = mine.store_tasklog(log.name, log.getvalue(), folder, quarantine)
if "tasklog-outcome" in st.session_state:
    report(st.session_state.pop("tasklog-outcome"))

logs = mine.tasklogs(folder)
if logs.is_empty():
    st.info("No task logs ingested yet. `datamoat synth tasklog --rows 100000 --seed 1 --out demo.csv` makes one.")
else:
    show_table(logs, logs, "my-tasklogs")
    log_id = st.selectbox("Task log", logs["tasklog_id"].to_list(), key="tasklog-choice")
    aggregates = mine.tasklog_aggregates(folder, log_id)
    st.subheader("Measured per skill")
    show_table(aggregates, aggregates, f"tasklog-{log_id}-aggregates")
    calibrate, remove = st.columns(2)
    if calibrate.button("Calibrate the current scenario from this log", key="tasklog-calibrate", type="primary"):
        scenario, provenance = mine.calibrated(state.current_scenario(), folder, log_id)
        state.load_scenario(scenario)
        st.session_state["calibration"] = provenance
    if remove.button("Remove this task log", key="tasklog-remove"):
        report(mine.remove_log(folder, log_id))
        st.rerun()

if "calibration" in st.session_state:
    st.subheader("Calibrated inputs (origin: your log)")
    provenance = st.session_state["calibration"]
    if provenance.is_empty():
        st.warning("No skill of the current scenario matches a skill or domain of that log; nothing was changed.")
    else:
        st.caption("These inputs of the current scenario now come from your log; every page uses them.")
        show_table(provenance, provenance, "calibration-provenance")
