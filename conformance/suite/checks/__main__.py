"""`python -m conformance.suite.checks`: print the docs' table of checks (`registry.checks_table`)."""

from conformance.suite.checks.registry import checks_table

print(checks_table(), end="")
