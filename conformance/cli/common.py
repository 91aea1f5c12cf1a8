"""What every subcommand shares: the exit codes, and the argument types that turn a bad
argument into argparse's usage error naming it."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def chunk_size(text: str) -> int:
    """`--chunk-size`: a number of bytes, 1 or more."""
    try:
        size = int(text)
    except ValueError:
        size = 0
    if size < 1:
        raise argparse.ArgumentTypeError(f"expected a number of bytes, 1 or more, not {text!r}")
    return size


def existing_directory(text: str) -> Path:
    """A folder argument that must exist (a cassette folder)."""
    path = Path(text)
    if not path.is_dir():
        problem = "is not a directory" if path.exists() else "does not exist"
        raise argparse.ArgumentTypeError(f"{text!r} {problem}")
    return path


def job_count(text: str) -> int:
    """`--jobs`: a number of processes, 0 meaning one per CPU."""
    try:
        jobs = int(text)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"expected a number of processes (0: one per CPU), not {text!r}")
    return jobs or os.cpu_count() or 1


def existing_path(text: str) -> Path:
    """A file or folder argument that must exist (recordings to import)."""
    path = Path(text)
    if not path.exists():
        raise argparse.ArgumentTypeError(f"{text!r} does not exist")
    return path
