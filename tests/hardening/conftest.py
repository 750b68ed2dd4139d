"""Hardening tests: hostile uploads, scenario imports, exports, links and raw HTML, load."""
