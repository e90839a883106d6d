"""The front-matter schema: which fields an article may have, and their types."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_NAME = 100
"""Longest slug or category, in characters: each becomes a file or folder name on the site and
in the review ledger, and file systems refuse names over 255 bytes."""


class Suppression(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    reason: str = ""


class ArticleMeta(BaseModel):
    """Front matter as written; see docs/format.md for each field."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    category: str = Field(min_length=1, max_length=MAX_NAME)
    slug: str | None = None
    headline: str | None = None
    aliases: list[str] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)
    references: list[dict[str, Any]] = Field(default_factory=list)
    status: Literal["published", "draft", "retired"] = "published"
    replaced_by: str | None = Field(default=None, alias="replaced-by")
    published: dt.date | None = None
    suppress: list[Suppression] = Field(default_factory=list)

    @field_validator("slug", "replaced_by")
    @classmethod
    def _slug_shape(cls, value: str | None) -> str | None:
        if value is not None and not SLUG.match(value):
            raise ValueError("a slug is lower-case letters, digits and single hyphens")
        if value is not None and len(value) > MAX_NAME:
            raise ValueError(f"a slug must have at most {MAX_NAME} characters")
        return value

    @field_validator("related")
    @classmethod
    def _related_shape(cls, values: list[str]) -> list[str]:
        for value in values:
            if not SLUG.match(value) or len(value) > MAX_NAME:
                raise ValueError(f"`{value}` is not a slug (lower-case words joined by hyphens)")
        return values

    @field_validator("aliases")
    @classmethod
    def _aliases_nonempty(cls, values: list[str]) -> list[str]:
        if any(not v.strip() for v in values):
            raise ValueError("aliases must not be empty strings")
        return values


FIELD_NAMES = sorted({f.alias or name for name, f in ArticleMeta.model_fields.items()})


def slugify(text: str) -> str:
    """A URL slug from a title or file name; accents are dropped (`Électro` -> `electro`)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "article"
