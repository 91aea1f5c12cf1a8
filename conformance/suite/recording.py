"""pytest-recording interoperability: the kit's cassettes under `@pytest.mark.vcr`.

The kit's cassettes are vcrpy 9.4 cassettes whose data sits in vcrpy's cassette-level
`metadata`; vcrpy's own persister returns `(requests, responses, metadata)` for them.
pytest-recording's persister (which also merges the extra cassettes named in
`@pytest.mark.vcr("a.yaml", ...)`) expects two values and fails with "too many values to
unpack". The plugin registers `MetadataTolerantPersister` through pytest-recording's own
hook, `pytest_recording_configure`: it lets pytest-recording's persister load the
cassettes, and only where that fails (a ValueError) it loads them itself with vcrpy's reader, in
the same order, keeping the first cassette's metadata as vcrpy would. Everything that
loaded before loads the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from vcr.persisters.filesystem import CassetteNotFoundError  # type: ignore[import-untyped]
from vcr.serialize import deserialize  # type: ignore[import-untyped]

Loaded = tuple[list[Any], ...]


class MetadataTolerantPersister:
    """pytest-recording's persister, with vcrpy 9.4's cassette-level metadata understood."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped
        self.extra_paths: Sequence[str] = getattr(wrapped, "extra_paths", ())

    def load_cassette(self, cassette_path: str, serializer: ModuleType) -> Loaded:
        try:
            loaded: Loaded = self.wrapped.load_cassette(cassette_path, serializer)
            return loaded
        except ValueError:  # "too many values to unpack", or zip(strict=True) of 2- and 3-tuples
            pass  # a real problem with a cassette raises again below, from vcrpy's own reader
        return self._load_all([cassette_path, *self.extra_paths], serializer)

    @staticmethod
    def _load_all(paths: Sequence[str], serializer: ModuleType) -> Loaded:
        requests: list[Any] = []
        responses: list[Any] = []
        metadata: list[Any] = []
        for path in dict.fromkeys(map(str, paths)):  # each once, in order, as pytest-recording does
            try:
                text = Path(path).read_text(encoding="utf-8")
            except OSError:
                continue  # pytest-recording skips a missing extra cassette too
            first, second, *rest = deserialize(text, serializer)
            requests += first
            responses += second
            if rest and not metadata:
                metadata = [rest[0]]
        if not requests:
            raise CassetteNotFoundError("No cassettes found.")
        return (requests, responses, *metadata)

    def save_cassette(
        self, cassette_path: str, cassette_dict: dict[str, Any], serializer: ModuleType
    ) -> None:
        """Unchanged: pytest-recording saves the first cassette only."""
        self.wrapped.save_cassette(cassette_path, cassette_dict, serializer=serializer)
