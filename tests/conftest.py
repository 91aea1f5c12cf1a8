"""Shared test set-up: the kit's Hypothesis profiles (registered by conformance.suite.strategies) for
the kit's own tests; `--hypothesis-profile conformance-ci` (the README's command) overrides it."""

import os

# Imported here, before any in-process pytester run: such a run drops the modules it imported
# first. PyYAML's C extension cannot be imported again (CSafeLoader then fails with "could not
# determine a constructor for the tag None"); a second httpcore has new exception classes that
# httpx's mapping (made with the first) does not know, so a test expecting
# httpx.RemoteProtocolError gets httpcore's.
import h11  # noqa: F401
import httpcore  # noqa: F401
import httpx  # noqa: F401
import pytest
import yaml  # noqa: F401
from hypothesis import settings

import conformance.suite.strategies  # noqa: F401  (registers conformance-dev/-ci/-fuzz)

# The kit's own pytester runs must not append their matrices to this CI job's summary.
os.environ.pop("GITHUB_STEP_SUMMARY", None)

settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "conformance-dev"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that run a pytest session of their own (`pytester`) take seconds each: they go
    first (the order is otherwise kept), so that `-n 2` does not end with one worker running
    the last long test while the other waits."""
    items.sort(key=lambda item: "pytester" not in getattr(item, "fixturenames", ()))
