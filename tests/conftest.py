"""Shared test set-up: the kit's Hypothesis profiles (registered by conformance.suite.strategies) for
the kit's own tests; `--hypothesis-profile conformance-ci` (the README's command) overrides it."""

import os

# PyYAML imported here, before any in-process pytester run: such a run drops the modules it
# imported (the plugin loads yaml lazily), and PyYAML's C extension cannot be imported again
# (CSafeLoader then fails with "could not determine a constructor for the tag None").
import yaml  # noqa: F401
from hypothesis import settings

import conformance.suite.strategies  # noqa: F401  (registers conformance-dev/-ci/-fuzz)

# The kit's own pytester runs must not append their matrices to this CI job's summary.
os.environ.pop("GITHUB_STEP_SUMMARY", None)

settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "conformance-dev"))
