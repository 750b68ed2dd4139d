"""The scenario commands read the model tests' small scenario."""

from tests.model.conftest import small_document  # noqa: F401 — a fixture, shared
