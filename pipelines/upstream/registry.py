"""The registry of upstream sources, in build order. A new source: copy a module, add it here."""

from pipelines.upstream import bls_oews, dpi, epoch_hardware, epoch_models, litellm_prices
from pipelines.upstream.base import UpstreamSource, UpstreamTable

UPSTREAM_SOURCES: dict[str, UpstreamSource] = {
    module.SOURCE.name: module.SOURCE for module in (epoch_models, epoch_hardware, bls_oews, litellm_prices, dpi)
}
UPSTREAM_TABLES: dict[str, UpstreamTable] = {table.name: table for source in UPSTREAM_SOURCES.values() for table in source.tables}
