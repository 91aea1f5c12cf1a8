"""Shared test set-up: the kit's Hypothesis profiles (registered by conformance.strategies) for
the kit's own tests; `--hypothesis-profile conformance-ci` (the README's command) overrides it."""

import os

from hypothesis import settings

import conformance.strategies  # noqa: F401  (registers conformance-dev/-ci/-fuzz)

# The kit's own pytester runs must not append their matrices to this CI job's summary.
os.environ.pop("GITHUB_STEP_SUMMARY", None)

settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "conformance-dev"))
