"""The column types: dates, counts, URLs, locators."""

from datetime import date, timedelta

import pytest
from pydantic import TypeAdapter, ValidationError

from pipelines.fields import Count, HttpUrl, Locator, PastDate, PublishedDate, Slug, date_precision


@pytest.mark.parametrize("text, expected", [("2024-05-07", date(2024, 5, 7)), ("2024-05", date(2024, 5, 1))])
def test_past_date_accepts_day_and_month(text, expected):
    assert TypeAdapter(PastDate).validate_python(text) == expected


def test_past_date_refuses_a_year_alone_but_publication_date_accepts_it():
    with pytest.raises(ValidationError, match="unparseable date"):
        TypeAdapter(PastDate).validate_python("2024")
    assert TypeAdapter(PublishedDate).validate_python("2024") == date(2024, 1, 1)


def test_future_dates_are_refused():
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError, match="future"):
        TypeAdapter(PastDate).validate_python(tomorrow)


@pytest.mark.parametrize("text, expected", [("27540", 27540), ("1.8e12", 1_800_000_000_000), ("0", 0)])
def test_counts_accept_whole_numbers_in_any_notation(text, expected):
    assert TypeAdapter(Count).validate_python(text) == expected


@pytest.mark.parametrize("text", ["2.5", "abc", "-3"])
def test_counts_refuse_fractions_words_and_negatives(text):
    with pytest.raises(ValidationError):
        TypeAdapter(Count).validate_python(text)


@pytest.mark.parametrize("url", ["ftp://example.org/x", "javascript:alert(1)", "example.org", "https://exa mple.org"])
def test_urls_must_be_http_or_https(url):
    with pytest.raises(ValidationError, match="http"):
        TypeAdapter(HttpUrl).validate_python(url)


def test_locator_is_capped_at_25_words():
    TypeAdapter(Locator).validate_python(" ".join(["word"] * 25))
    with pytest.raises(ValidationError, match="26 words"):
        TypeAdapter(Locator).validate_python(" ".join(["word"] * 26))


def test_slugs_are_lowercase():
    with pytest.raises(ValidationError):
        TypeAdapter(Slug).validate_python("Bad_Id")


def test_date_precision_reads_the_written_form():
    assert [date_precision(t) for t in ("2024-01-02", "2024-01", "2024")] == ["day", "month", "year"]
