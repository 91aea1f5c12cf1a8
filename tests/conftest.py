"""Shared test set-up: Hypothesis profiles (registered by conformance.strategies)."""

import os

from hypothesis import settings

import conformance.strategies  # noqa: F401  (registers the dev/ci/fuzz profiles)

settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
