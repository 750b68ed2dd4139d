"""LiteLLM's community-maintained table of model API prices → `api_price_list` (every kept snapshot) and,
through SQL over successive snapshots, `api_price_changes`.

The file is one JSON object keyed by model name; `sample_spec` documents the format and is not a model, nor
is a key whose value is not an object (a copy may carry `last_updated`, a time stamp).
Prices are USD per token upstream and USD per million tokens here.
"""

from __future__ import annotations

import json
from datetime import date

from pydantic import Field, field_validator

from pipelines.problems import Problem
from pipelines.upstream.base import Amount, LongText, Parsed, Snapshot, UpstreamRow, UpstreamSource, UpstreamTable
from pipelines.upstream.origin import Licence
from pipelines.upstream.rows import share_problem, validate_records

FILE = "model_prices_and_context_window.json"
NOT_MODELS = ("sample_spec",)
CONFIDENCE_NOTE = (
    "LiteLLM gathers providers' list prices second-hand (an aggregator, class `secondary`): every price "
    "is `speculative` until checked against the provider's own page."
)
PER_TOKEN = {  # our column → LiteLLM's per-token field
    "usd_per_million_input_tokens": "input_cost_per_token",
    "usd_per_million_output_tokens": "output_cost_per_token",
    "usd_per_million_cache_read_tokens": "cache_read_input_token_cost",
    "usd_per_million_cache_write_tokens": "cache_creation_input_token_cost",
    "usd_per_million_input_tokens_batch": "input_cost_per_token_batches",
    "usd_per_million_output_tokens_batch": "output_cost_per_token_batches",
}


class ApiPriceRow(UpstreamRow):
    snapshot_version: str = Field(description="the LiteLLM snapshot the price list is from")
    snapshot_date: date = Field(description="the date of that snapshot (its commit date)")
    model_key: LongText = Field(description="LiteLLM's key for the entry (a model under one provider's name)")
    provider: LongText | None = Field(default=None, description="LiteLLM's provider, e.g. openai, bedrock, vertex_ai")
    mode: LongText | None = Field(default=None, description="chat, completion, embedding, image_generation …")
    usd_per_million_input_tokens: Amount | None = Field(default=None, description="input price, USD per million tokens")
    usd_per_million_output_tokens: Amount | None = Field(default=None, description="output price, USD per million tokens")
    usd_per_million_cache_read_tokens: Amount | None = Field(
        default=None, description="cached-input read price, USD per million tokens"
    )
    usd_per_million_cache_write_tokens: Amount | None = Field(
        default=None, description="cache write price, USD per million tokens"
    )
    usd_per_million_input_tokens_batch: Amount | None = Field(
        default=None, description="batch input price, USD per million tokens"
    )
    usd_per_million_output_tokens_batch: Amount | None = Field(
        default=None, description="batch output price, USD per million tokens"
    )
    context_window_tokens: int | None = Field(default=None, ge=0, description="maximum input tokens (context window)")
    max_output_tokens: int | None = Field(default=None, ge=0, description="maximum output tokens")
    is_priced: bool = Field(description="both an input and an output price are given")

    @field_validator(*PER_TOKEN, mode="before")
    @classmethod
    def _a_number(cls, value: object) -> object:
        """A price is a JSON number, scaled to per million tokens before validation: text such as "0.000001" or
        true would otherwise pass as a number, unscaled."""
        if isinstance(value, str | bool):
            raise ValueError(f"price given as {type(value).__name__} {value!r} (expected a JSON number, USD per token)")
        return value


class ApiPriceChangeRow(UpstreamRow):
    model_key: LongText = Field(description="LiteLLM's key for the entry")
    provider: LongText | None = Field(default=None, description="LiteLLM's provider")
    mode: LongText | None = Field(default=None, description="chat, completion, embedding …")
    price: LongText = Field(description="which price moved, e.g. usd_per_million_input_tokens")
    previous_snapshot_date: date = Field(description="date of the earlier snapshot")
    snapshot_date: date = Field(description="date of the snapshot where the new price first appears")
    usd_per_million_before: Amount = Field(description="the price before, USD per million tokens")
    usd_per_million_after: Amount = Field(description="the price after, USD per million tokens")
    ratio_after_to_before: Amount | None = Field(default=None, description="after ÷ before (empty when before is 0)")


API_PRICE_LIST = UpstreamTable(
    name="api_price_list",
    row_model=ApiPriceRow,
    key_columns=("snapshot_version", "model_key"),
    description="LiteLLM's model price table, every kept snapshot: provider, mode, input, output and cache prices "
    "per million tokens, context window.",
)
API_PRICE_CHANGES = UpstreamTable(
    name="api_price_changes",
    row_model=ApiPriceChangeRow,
    key_columns=("model_key", "price", "snapshot_date"),
    description="Each price of a model key that moved between two successive LiteLLM snapshots: before, after, ratio.",
    derived_by_sql=True,
)


def _per_million(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value  # left for validation to refuse (text, lists …)
    return round(value * 1_000_000, 9)


def _whole(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def record_of(key: str, entry: dict, snapshot: Snapshot) -> dict:
    prices = {ours: _per_million(entry.get(theirs)) for ours, theirs in PER_TOKEN.items()}
    return {
        **prices,
        "model_key": key,
        "provider": entry.get("litellm_provider"),
        "mode": entry.get("mode"),
        "context_window_tokens": _whole(entry.get("max_input_tokens")),
        "max_output_tokens": _whole(entry.get("max_output_tokens")),
        "is_priced": entry.get("input_cost_per_token") is not None and entry.get("output_cost_per_token") is not None,
        "snapshot_version": snapshot.version,
        "snapshot_date": snapshot.version[:10],
        "source_id": snapshot.source_id,
        "upstream_file": FILE,
        "confidence": "speculative",
    }


# Successive snapshots share most entries: an entry unchanged since the snapshot parsed just before is not
# validated again; its checked row is copied with this snapshot's fields. Model key → (raw entry, checked row).
_LAST_CHECKED: dict[str, tuple[dict, dict]] = {}
SNAPSHOT_FIELDS = ("snapshot_version", "snapshot_date", "source_id", "upstream_row")


def _checked_rows(entries: list[tuple[str, dict]], snapshot: Snapshot) -> tuple[list[dict], list]:
    fresh, reused = [], {}
    for n, (key, entry) in enumerate(entries, start=1):
        last = _LAST_CHECKED.get(key)
        if last is not None and last[0] == entry:
            reused[n] = last[1]
        else:
            fresh.append((n, {**record_of(key, entry, snapshot), "upstream_row": n}))
    if reused and not fresh:  # nothing new: check one entry to get this snapshot's own fields checked
        n = next(iter(reused))
        fresh.append((n, {**record_of(entries[n - 1][0], entries[n - 1][1], snapshot), "upstream_row": n}))
        del reused[n]
    good, rejects = validate_records(FILE, fresh, ApiPriceRow)
    if reused and not good:  # not one row of this snapshot passed, so none is copied: check every entry afresh
        _LAST_CHECKED.clear()
        return _checked_rows(entries, snapshot)
    by_row = {row["upstream_row"]: row for row in good}
    fields = {name: good[0][name] for name in SNAPSHOT_FIELDS} if good else {}
    by_row |= {n: {**row, **fields, "upstream_row": n} for n, row in reused.items()}
    _LAST_CHECKED.clear()
    _LAST_CHECKED.update({key: (entry, by_row[n]) for n, (key, entry) in enumerate(entries, start=1) if n in by_row})
    return [by_row[n] for n in sorted(by_row)], rejects


def parse(snapshot: Snapshot) -> Parsed:
    parsed = Parsed()
    try:
        table = json.loads(snapshot.files[FILE]) if FILE in snapshot.files else None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        parsed.problems.append(Problem(FILE, 0, "", f"unreadable JSON: {error}"))
        return parsed
    if not isinstance(table, dict):
        parsed.problems.append(Problem(FILE, 0, "", "expected one JSON object keyed by model name"))
        return parsed
    entries = [(key, entry) for key, entry in table.items() if key not in NOT_MODELS and isinstance(entry, dict)]
    parsed.rows_by_file[FILE] = len(entries)
    good, parsed.rejects = _checked_rows(entries, snapshot)
    parsed.problems += share_problem(SOURCE.name, parsed)
    parsed.frames["api_price_list"] = API_PRICE_LIST.frame(good)
    return parsed


SOURCE = UpstreamSource(
    name="litellm-prices",
    producer="BerriAI (LiteLLM)",
    title="LiteLLM model prices and context windows",
    description="A community-maintained JSON table of model API list prices (per token, with cache and batch "
    "variants) and context windows, by provider; successive snapshots give price history.",
    url_main="https://github.com/BerriAI/litellm",
    downloads=("https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json",),
    licence=Licence(name="MIT", url="https://github.com/BerriAI/litellm/blob/main/LICENSE"),
    credit="BerriAI, LiteLLM model_prices_and_context_window.json (MIT)",
    citation_full="BerriAI, 'LiteLLM: model_prices_and_context_window.json', https://github.com/BerriAI/litellm",
    source_class="secondary",
    file_pattern=r"(?:^|/)(?P<name>model_prices_and_context_window\.json)$",
    required_files=(FILE,),
    storage="gzip",
    tables=(API_PRICE_LIST, API_PRICE_CHANGES),
    parse=parse,
    confidence_mapping=CONFIDENCE_NOTE,
    history=True,
    format="json",
)
