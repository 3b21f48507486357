"""Benchmarks: `make bench` runs bench.parse and bench.query."""
