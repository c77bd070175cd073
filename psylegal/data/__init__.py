"""The data pipeline: find, parse, check, build and cache the data files."""
