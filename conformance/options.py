"""Values the `conformance` command and the pytest plugin accept, with no heavy import.

The plugin is imported by every pytest run in a project that has the kit installed, suite
or not; its options need these names before anything else of the kit is loaded, so they
live here, free of Hypothesis, httpx and YAML.

The kit's Hypothesis profiles carry its own prefix: Hypothesis loads a profile named `ci`
by itself on CI for every project, and a plugin that registered `ci` would change other
people's tests. They apply to the kit's checks only (`conformance.suite.strategies.suite_settings`);
a user's own `@given` tests keep whatever profile they chose.
"""

from __future__ import annotations

RECORD_MODES = ("none", "once", "new_episodes", "all")
"""vcrpy's record modes, as `conformance record --record-mode` and `--conformance-record-mode` take them."""

PROFILE_PREFIX = "conformance-"

PROFILES: dict[str, dict[str, object]] = {
    "conformance-dev": {"max_examples": 50},  # quick: the default off CI
    "conformance-ci": {"max_examples": 200, "derandomize": True, "print_blob": True},  # every machine agrees
    "conformance-fuzz": {"max_examples": 20_000},  # long
}
"""Profile name -> Hypothesis settings; every profile also has no deadline and suppresses the
slowness health checks (`conformance.suite.strategies` registers them), since a conformance check
must never fail for time."""

_selected: str | None = None


def select_profile(name: str | None) -> str | None:
    """Run the kit's checks under profile `name` (None: choose as `suite_profile_name` says);
    returns the one selected before, to restore."""
    global _selected
    if name is not None and name not in PROFILES:
        raise ValueError(f"unknown profile {name!r}: expected one of {', '.join(PROFILES)}")
    previous, _selected = _selected, name
    return previous


def suite_profile_name(active: str) -> str:
    """The profile the kit's checks run under, given Hypothesis's `active` profile name.

    The one selected (`--conformance-profile`, `conformance check --hypothesis-profile`);
    else `active` if it is one of the kit's (`--hypothesis-profile conformance-ci`); else
    `conformance-ci` where Hypothesis's own `ci` is active (on CI Hypothesis loads it by
    itself), and `conformance-dev` elsewhere.
    """
    if _selected is not None:
        return _selected
    if active in PROFILES:
        return active
    return "conformance-ci" if active == "ci" else "conformance-dev"
