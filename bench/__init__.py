"""Benchmarks for `copilot bench`: they print numbers and ratios for people to judge, never pass or fail."""
