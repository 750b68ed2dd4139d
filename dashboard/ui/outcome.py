"""What an action did, as the page reports it beside its control. Pure: no Streamlit."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Outcome:
    """What an action did: ok or not, its message, every problem when it was refused, and what it created."""

    ok: bool
    message: str
    problems: list[str] = field(default_factory=list)
    new_id: str | None = None  # the upload or task log it created

    @property
    def summary(self) -> str:
        """The message's first line."""
        return self.message.splitlines()[0] if self.message else ""

    @classmethod
    def refused(cls, report: str) -> Outcome:
        """A refusal from a report: its first line the sentence, every further line a problem."""
        return cls(False, report, [line for line in report.splitlines()[1:] if line.strip()])
