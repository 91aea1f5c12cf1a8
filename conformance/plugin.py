"""pytest wiring for stream-conformance (the `pytest11` entry point `conformance`).

Only wiring lives here: options, markers, fixtures. The checks are plain code in
`conformance.suite`, usable without pytest.
"""

from __future__ import annotations

import pytest

import conformance.strategies  # noqa: F401  (registers the Hypothesis profiles dev/ci/fuzz)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("conformance", "stream-conformance")
    group.addoption(
        "--conformance-cassettes",
        action="append",
        default=[],
        metavar="DIR",
        help="extra cassette directory (<vendor>/<scenario>.yaml); may be given more than once",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "conformance: a stream-conformance check")
