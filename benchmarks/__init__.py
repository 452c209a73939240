"""Benchmarks and fault-injection tools: run by hand (`make bench`), not in the unit tests."""
