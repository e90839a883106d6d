"""Files that carry derived values between processes, each behind a checked header.

The header names the kind of file, the store format and a fingerprint of the installed
program (its code, templates and data files), so a new release or an edited template
discards what an older one wrote. A missing, foreign, truncated or garbled file reads as
None and is rewritten; files are replaced atomically. A store that cannot be written (a
read-only folder, a full disk) is reported once per process, then skipped: the build still
succeeds, only without saving work for the next one.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

import mindlex
from mindlex.atomic import write_atomic

log = logging.getLogger(__name__)

FORMAT = 2
MAGIC = b"MINDLEX-CACHE\n"

_SEAL = 12
"""Bytes after the header of a raw store file: payload length (8) and CRC-32 (4)."""

_warned: set[str] = set()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """mindlex's version plus every file of the installed package (code, templates, data)."""
    package = Path(mindlex.__file__).resolve().parent
    h = hashlib.sha256(mindlex.__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(package).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _header(kind: str) -> bytes:
    return MAGIC + f"{kind} {FORMAT} {code_fingerprint()}\n".encode()


def read_checked(path: Path, kind: str) -> Any | None:
    """The payload of a store file, or None if it is missing, foreign, stale or damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = _header(kind)
    if not data.startswith(head):
        log.info("ignoring %s: written by another mindlex or damaged", path)
        return None
    try:
        return pickle.loads(zlib.decompress(data[len(head) :]))
    except Exception as exc:  # any damage means rebuild, whatever the unpickler raised
        log.warning("ignoring damaged cache file %s: %s", path, exc)
        return None


def write_checked(path: Path, kind: str, payload: object) -> bool:
    """Write atomically, so a crash mid-write leaves the old file or none; False on failure."""
    body = zlib.compress(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL), 1)
    try:
        write_atomic(path, _header(kind) + body)
    except OSError as exc:
        warn_unwritable(path.parent, exc)
        return False
    return True


def read_bytes_checked(path: Path, kind: str) -> bytes | None:
    """The raw payload of a store file written by `write_bytes_checked`, or None if it is
    missing, foreign, stale, truncated or damaged (its length and CRC-32 must match)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = _header(kind)
    if not data.startswith(head) or len(data) < len(head) + _SEAL:
        log.info("ignoring %s: written by another mindlex or damaged", path)
        return None
    seal = data[len(head) : len(head) + _SEAL]
    body = data[len(head) + _SEAL :]
    length, crc = int.from_bytes(seal[:8], "big"), int.from_bytes(seal[8:], "big")
    if length != len(body) or zlib.crc32(body) != crc:
        log.warning("ignoring damaged cache file %s: length or checksum does not match", path)
        return None
    return body


def write_bytes_checked(path: Path, kind: str, body: bytes) -> bool:
    """Like `write_checked` for a payload that is already bytes (msgspec records): sealed
    with its length and CRC-32 instead of compressed, so reading it costs one pass."""
    seal = len(body).to_bytes(8, "big") + zlib.crc32(body).to_bytes(4, "big")
    try:
        write_atomic(path, _header(kind) + seal + body)
    except OSError as exc:
        warn_unwritable(path.parent, exc)
        return False
    return True


def warn_unwritable(folder: Path, exc: OSError) -> None:
    """Say once per folder that work cannot be saved there, and why."""
    where = str(folder)
    if where in _warned:
        return
    _warned.add(where)
    log.warning(
        "cannot write the build cache in %s (%s); builds still work but redo everything. "
        "Make the folder writable or free disk space to get incremental builds back.",
        folder,
        exc.strerror or exc,
    )
