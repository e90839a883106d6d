"""Bytes to text for every reader: size limit, BOM, declared charset, one message on failure."""

from __future__ import annotations

import codecs
import re

from mindlex.importer.blocks import Unreadable

CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-]+)""")


def check_size(data: bytes, limit: int) -> None:
    if len(data) > limit:
        raise Unreadable(
            f"file is {len(data):,} bytes, over the {limit:,}-byte import limit; "
            "split it, or raise the limit with --max-bytes"
        )


def decode(data: bytes, *, html: bool = False) -> str:
    """UTF-8 unless a BOM or (for HTML) a `<meta charset>` says otherwise."""
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode(data, name, "byte-order mark")
    declared = CHARSET.search(data[:4096]) if html else None
    if declared:
        return _decode(data, declared.group(1).decode("ascii"), "<meta charset>")
    return _decode(data, "utf-8", "default")


def _decode(data: bytes, encoding: str, why: str) -> str:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise Unreadable(
            f"unknown character encoding {encoding!r} (from the {why}); re-save the file as UTF-8"
        ) from None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise Unreadable(
            f"line {line}: not valid {codec} (byte 0x{data[exc.start]:02x}, encoding from the "
            f"{why}); re-save the file as UTF-8 or declare its real charset"
        ) from None
    return text.lstrip("\ufeff")
