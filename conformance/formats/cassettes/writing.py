"""Writing a cassette: vcrpy's document shape, YAML that reads back byte for byte (block
scalars where they are exact, else double-quoted), written atomically so that a failure
leaves an existing cassette untouched."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from conformance.errors import CassetteError
from conformance.formats.cassettes.model import Cassette
from conformance.formats.cassettes.reading import SAFE_LOADER, cassette_from_dict


class _BlockDumper(yaml.SafeDumper):
    """Writes multi-line text (SSE bodies) as literal block scalars: readable in review."""


class _QuotedDumper(yaml.SafeDumper):
    """Writes multi-line text double-quoted, with escapes: exact for any text."""


def _block_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def _quoted_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if "\n" in value else None)


_BlockDumper.add_representer(str, _block_str)
_QuotedDumper.add_representer(str, _quoted_str)


def cassette_to_dict(cassette: Cassette) -> dict[str, Any]:
    try:
        body: str | bytes = cassette.body.decode("utf-8")
    except UnicodeDecodeError:
        body = cassette.body  # binary framings (AWS event-stream) stay bytes: YAML !!binary
    return {
        "interactions": [
            {
                "request": {
                    "body": cassette.request_body,
                    "headers": dict(cassette.request_headers),
                    "method": cassette.method,
                    "uri": cassette.uri,
                },
                "response": {
                    "status": {"code": cassette.status, "message": _REASONS.get(cassette.status, "")},
                    "headers": dict(cassette.response_headers),
                    "body": {"string": body},
                },
            }
        ],
        "metadata": {
            "conformance": {"vendor": cassette.vendor, "scenario": cassette.scenario, **cassette.metadata}
        },
        "version": 1,
    }


def dump_cassette(cassette: Cassette) -> str:
    """The cassette as YAML text (what `save_cassette` writes).

    Block scalars are tried first; YAML folds CR, NEL and U+2028/9 inside them and strips
    some trailing white space, so when the body does not read back byte for byte, the
    double-quoted style (exact, with escapes) is used instead.
    """
    data = cassette_to_dict(cassette)
    for dumper in (_BlockDumper, _QuotedDumper):
        text = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=4096)
        if cassette_from_dict(yaml.load(text, Loader=SAFE_LOADER)).body == cassette.body:
            return text
    raise CassetteError(f"{cassette.id}: body does not survive a YAML round trip")


def save_cassette(cassette: Cassette, path: str | os.PathLike[str]) -> None:
    """Write atomically: a temporary file in the same folder, then a rename over `path`.

    A failure at any point leaves an existing cassette at `path` untouched.
    """
    path = Path(path)
    text = dump_cassette(cassette)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a cassette is shared data
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    429: "Too Many Requests",
    500: "Internal Server Error",
    529: "Overloaded",
}
