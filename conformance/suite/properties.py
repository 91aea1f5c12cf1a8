"""The names the plugin's parts share: test properties each conformance test carries (they
travel with its reports to the xdist controller), the stash keys of a run, and the reasons a
baseline gives. Its own module so that collection, the run's record and `conformance check`
agree on them without importing each other."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conformance.formats.cassettes import Cassette
    from conformance.suite.baseline import Baseline
    from conformance.suite.checks import Case

CASE = "conformance_case"
"""The parameter each check method of an `AdapterSuite` takes: one `Case`."""

ADAPTER = "conformance_adapter"
CHECK = "conformance_check"
CASSETTE = "conformance_cassette"
UNSUPPORTED = "conformance_unsupported"
FAILURE = "conformance_failure"
TEST_ID = "conformance_id"
BASELINE = "conformance_baseline"
CAUSE = "conformance_cause"
DECLARED = "conformance_declared"
REFERENCE_EXPECTED = "conformance_reference_expected"
"""A test property: the cassette's expected message has `reference` provenance (the kit's own
parser wrote it), so the summary names it for review (`conformance.formats.provenance`)."""

KNOWN_REASON = "known failure, listed in the baseline"
WRITTEN_REASON = "failure written to the baseline (--conformance-update-baseline)"
FIXED_REASON = "fixed: remove it from the baseline"

LOADED_KEY: pytest.StashKey[dict[tuple[str, str], list[Cassette]]] = pytest.StashKey()
CASES_KEY: pytest.StashKey[dict[tuple[type, str], list[Case]]] = pytest.StashKey()
BASELINE_KEY: pytest.StashKey[Baseline | None] = pytest.StashKey()
COLLECTED_KEY: pytest.StashKey[set[str]] = pytest.StashKey()
CLASSES_KEY: pytest.StashKey[set[str]] = pytest.StashKey()
PREVIOUS_PROFILE_KEY: pytest.StashKey[str | None] = pytest.StashKey()
