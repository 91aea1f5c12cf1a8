"""Shared test set-up: Hypothesis profiles (registered by conformance.strategies)."""

import os

from hypothesis import settings

import conformance.strategies  # noqa: F401  (registers the dev/ci/fuzz profiles)

# The kit's own pytester runs must not append their matrices to this CI job's summary.
os.environ.pop("GITHUB_STEP_SUMMARY", None)

settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
