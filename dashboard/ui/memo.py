"""Reuse a pure function's result across reruns and sessions: `memo(view.premiums, rates, wages)`.

Pages derive the same tables on every rerun from the same warehouse frames. The warehouse frames
are shared objects (`dashboard.ui.data` keeps one per table and warehouse version), and so is every
result `memo` returns, so a call is keyed on the *identity* of its frame arguments, and on the value
of its plain ones (strings, numbers, tuples; lists count as tuples). Hashing frames by content, as
`st.cache_*` does, cost more than most of the computations it saved.

Identity is a safe key only while the object lives: each entry keeps its arguments, so no new
object can take a remembered one's id. Entries are bounded (least recently used go first) and
`forget()` drops them all, e.g. after a rebuild. No Streamlit import: it works the same in tests.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
MAX_ENTRIES = 1024
_ENTRIES: OrderedDict[tuple, tuple[tuple, object]] = OrderedDict()
_LOCK = threading.Lock()


def _key_part(value: object) -> object:
    if isinstance(value, list):
        value = tuple(value)
    try:
        hash(value)
    except TypeError:
        return ("object", id(value))
    if isinstance(value, str | int | float | bool | bytes | tuple | type(None)):
        return ("value", type(value).__name__, value)
    return ("object", id(value))


def memo(function: Callable[..., T], *args: object) -> T:
    """`function(*args)`, computed once per distinct arguments; `function` must be pure and not mutate them."""
    key = (function.__module__, function.__qualname__, *(_key_part(arg) for arg in args))
    with _LOCK:
        entry = _ENTRIES.get(key)
        if entry is not None:
            _ENTRIES.move_to_end(key)
            return entry[1]  # type: ignore[return-value]
    result = function(*args)
    with _LOCK:
        _ENTRIES[key] = (args, result)  # keeping the arguments keeps their ids from being reused
        while len(_ENTRIES) > MAX_ENTRIES:
            _ENTRIES.popitem(last=False)
    return result


def forget() -> None:
    """Drop every remembered result."""
    with _LOCK:
        _ENTRIES.clear()
