"""Where the bundled data lives: `cassettes/` and `schemas/` at the top of a checkout, or the
copies a wheel installs as `conformance/bundled_cassettes` and `conformance/bundled_schemas`
(pyproject.toml maps the folders into the package)."""

from __future__ import annotations

from pathlib import Path

# conformance/formats/bundled.py -> conformance/
_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_path(name: str) -> Path:
    """The folder of bundled `cassettes` or `schemas`."""
    installed = _PACKAGE / f"bundled_{name}"
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"bundled {name} not found (looked in {installed} and {checkout})")
