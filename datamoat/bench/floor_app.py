"""The browser benchmark's floor: what Streamlit itself takes to draw a page on this machine, with nothing of
datamoat in it — a bare page (a title and a line), and a page with one small Altair chart and one small table
(the two chart and grid libraries every evidence page loads)."""

import altair as alt
import polars as pl
import streamlit as st

FRAME = pl.DataFrame({"year": list(range(2015, 2026)), "usd": [float(2**i) for i in range(11)]})


def bare() -> None:
    st.title("A bare page")
    st.write("A title and one line of text.")


def chart_and_table() -> None:
    st.title("One chart and one table")
    st.altair_chart(alt.Chart(FRAME).mark_line(point=True).encode(x="year:O", y="usd:Q", tooltip=["year", "usd"]))
    st.dataframe(FRAME)


st.navigation([st.Page(bare, title="bare", url_path="bare", default=True),
               st.Page(chart_and_table, title="one chart and one table", url_path="chart-and-table")]).run()
