"""Reusable column types for the curated CSVs: each says its unit or rule once."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field

Confidence = Literal["reported", "likely", "speculative"]
SourceKind = Literal["paper", "company", "news", "government", "dataset", "analyst-estimate"]
SourceClass = Literal["primary", "reputable", "copy", "secondary"]
OriginalClass = Literal["primary", "reputable"]

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_DATE = re.compile(r"^\d{4}-\d{2}$")
_YEAR_DATE = re.compile(r"^\d{4}$")
LOCATOR_MAX_WORDS = 25


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError("not a slug|a lowercase slug of a-z, 0-9 and '-'")
    return value


def _snake_key(value: str) -> str:
    if not _KEY.match(value):
        raise ValueError("not a key|a snake_case key of a-z, 0-9 and '_'")
    return value


def _not_future(value: date) -> date:
    if value > date.today():
        raise ValueError(f"future date|a date on or before today, {date.today().isoformat()}")
    return value


def _parse_date(value: object, allow_month: bool, allow_year: bool) -> object:
    if not isinstance(value, str):
        return value
    text = value.strip()
    if _FULL_DATE.match(text):
        return date.fromisoformat(text)
    if allow_month and _MONTH_DATE.match(text):
        return date.fromisoformat(f"{text}-01")
    if allow_year and _YEAR_DATE.match(text):
        return date.fromisoformat(f"{text}-01-01")
    shapes = "YYYY-MM-DD" + (", YYYY-MM" if allow_month else "") + (" or YYYY" if allow_year else "")
    raise ValueError(f"unparseable date|{shapes}")


def _whole_number(value: object) -> object:
    """Accept '1.8e12' or '27540' for a count, but only when the number is whole."""
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            raise ValueError("wrong type|a whole number") from None
        if not number.is_integer():
            raise ValueError("wrong type|a whole number")
        return int(number)
    return value


def _http_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        raise ValueError("not an http(s) URL|a URL starting with http:// or https://, without spaces")
    return value


def _short_locator(value: str) -> str:
    words = len(value.split())
    if words > LOCATOR_MAX_WORDS:
        raise ValueError(f"locator too long ({words} words)|at most {LOCATOR_MAX_WORDS} words")
    return value


Slug = Annotated[str, Field(min_length=1, max_length=120), AfterValidator(_slug)]
SnakeKey = Annotated[str, Field(min_length=1, max_length=80), AfterValidator(_snake_key)]
Text = Annotated[str, Field(min_length=1, max_length=500)]
Notes = Annotated[str | None, Field(default=None, max_length=1000)]
Locator = Annotated[str, Field(min_length=3, max_length=300), AfterValidator(_short_locator)]
HttpUrl = Annotated[str, Field(max_length=2000), AfterValidator(_http_url)]
PastDate = Annotated[date, BeforeValidator(lambda v: _parse_date(v, True, False)), AfterValidator(_not_future)]
PublishedDate = Annotated[date, BeforeValidator(lambda v: _parse_date(v, True, True)), AfterValidator(_not_future)]
Usd = Annotated[float, Field(ge=0, allow_inf_nan=False)]
UsdPerHour = Annotated[float, Field(ge=0, le=100_000, allow_inf_nan=False)]
Fraction = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]
Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
NonNegative = Annotated[float, Field(ge=0, allow_inf_nan=False)]
Count = Annotated[int, BeforeValidator(_whole_number), Field(ge=0)]
Year = Annotated[int, Field(ge=1900, le=2100)]


def date_precision(raw: str) -> Literal["day", "month", "year"]:
    """How precise a date written in the CSV is: 'day', 'month' or 'year'."""
    text = raw.strip()
    return "day" if _FULL_DATE.match(text) else "month" if _MONTH_DATE.match(text) else "year"
