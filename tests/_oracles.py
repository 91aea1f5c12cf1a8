"""The one way an oracle test (`tests/test_oracle_*.py`) gets its official SDK.

On a developer's machine a missing SDK skips the module, as `pytest.importorskip` does.
Under CI (`CI` set, as every CI service sets it) and whenever
`CONFORMANCE_REQUIRE_ORACLES=1`, a missing SDK is a failure: otherwise a suite without the
SDKs would be green with no independent check of the kit's parsers at all (issue 19).
"""

from __future__ import annotations

import importlib
import os
from typing import Any

import pytest

REQUIRE_VARIABLE = "CONFORMANCE_REQUIRE_ORACLES"


def oracles_required(env: dict[str, str] | None = None) -> bool:
    env = dict(os.environ) if env is None else env
    ci = env.get("CI", "").strip().lower()
    return env.get(REQUIRE_VARIABLE) == "1" or ci not in ("", "0", "false", "no")


def require_sdk(name: str, reason: str | None = None) -> Any:
    """The module `name`; skip without it, or fail when oracles are required."""
    if not oracles_required():
        return pytest.importorskip(name, reason=reason)
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        pytest.fail(
            f"{name} is not installed ({exc}), and oracle tests may not skip under CI or "
            f"{REQUIRE_VARIABLE}=1: pip install 'stream-conformance[dev]'",
            pytrace=False,
        )
