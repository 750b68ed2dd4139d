"""Upstream sources: the field's public datasets, kept as dated snapshots and built into warehouse tables.

Kept free of heavy imports: `pipelines.checksums` reads the snapshot layout on every `datamoat build`.
The registry of sources is `pipelines.upstream.registry`; each source is one module under `sources/`.
"""
