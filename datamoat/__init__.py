"""The datamoat command line and its benchmarks: at the side of the layers, importing downward."""
