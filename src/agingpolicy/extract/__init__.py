"""Extractors: one module per kind of value (departments, deadlines, targets, indicators, metadata, tasks)."""
