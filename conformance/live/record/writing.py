"""Writing a recording: only once it is known good (no secret in the exact text, and a
temporary copy loads back to the same cassette), by a rename over the old one; temporary
files of a killed recorder are swept by the next run."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from secrets import token_hex

from conformance.errors import CassetteError
from conformance.formats.cassettes import Cassette, cassette_to_dict, dump_cassette, load_cassette
from conformance.live.scrub import (
    Secrets,
    searchable_text,
    secrets_found,
)

TEMP_PREFIX = ".conformance-recording-"
"""Temporary files are `<TEMP_PREFIX><pid>-<random>.<cassette>.tmp` beside the target; a
file whose process is gone (killed mid-write) is swept by the next run."""


def write_validated(fresh: Cassette, target: Path, secrets: Secrets | None = None) -> None:
    """Write `fresh` over `target` only once it is known good: the exact text to be written
    holds no secret, and a temporary copy loads with `load_cassette` (the size limit
    included) back to the same cassette. The temporary file is removed on any failure."""
    text = dump_cassette(fresh)
    # A binary body is base64 in the YAML text: look for secrets in its bytes as well.
    leaks = secrets_found(text + "\n" + searchable_text(fresh.body), secrets)
    if leaks:
        raise CassetteError(f"{fresh.id}: {', '.join(leaks)} survived scrubbing; nothing written")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f"{TEMP_PREFIX}{os.getpid()}-{token_hex(4)}.{target.name}.tmp"
    try:
        with open(tmp, "x", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())
        loaded = load_cassette(tmp)
        if cassette_to_dict(replace(loaded, path=None)) != cassette_to_dict(replace(fresh, path=None)):
            raise CassetteError(f"{fresh.id}: the cassette does not read back as it was recorded")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def sweep_temp_files(folder: Path) -> list[Path]:
    """Remove the recorder's temporary files in `folder` whose process is gone."""
    removed = []
    for path in folder.glob(f"{TEMP_PREFIX}*.tmp"):
        pid_text = path.name[len(TEMP_PREFIX) :].split("-", 1)[0]
        if pid_text.isdigit() and int(pid_text) != os.getpid() and _alive(int(pid_text)):
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    except OSError:
        return False
    return True
