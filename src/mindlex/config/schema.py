"""Typed settings of a glossary, read from `mindlex.toml`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator


class Strict(BaseModel):
    """Unknown keys are errors, so a typo never silently disables a setting."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


class CrisisResource(Strict):
    name: str
    """Service name, e.g. "988 Suicide & Crisis Lifeline"."""
    contact: str
    """How to reach it, e.g. "Call or text 988"."""
    url: HttpUrl | None = None
    hours: str = ""
    source: HttpUrl | None = None
    """Where the service and its number were confirmed."""
    checked: dt.date | None = None
    """When that source was last checked."""


class CrisisHelp(Strict):
    """Crisis services for one locale, shown in When to seek help on every page."""

    heading: str = "If you need help now"
    intro: str = ""
    emergency: str = ""
    """Local emergency number, e.g. "911"."""
    emergency_source: HttpUrl | None = None
    resources: list[CrisisResource] = Field(default_factory=list)


class SiteSettings(Strict):
    name: str = Field(min_length=1)
    """Shown in the header, the title of every page and the feed."""
    base_url: HttpUrl
    """Absolute URL the site is published at, used for canonical links, sitemap and feed."""
    locale: str = "en-US"
    crisis_locales: list[str] = Field(default_factory=list, alias="crisis-locales")
    """Locales whose crisis services every page shows (default: `locale`), e.g.
    ["en-GB", "en-IE"] for a site read in the UK and Ireland."""
    description: str = ""
    publisher: str = ""
    """Organisation named as publisher in structured data; defaults to the site name."""
    disclaimer: str
    """Medical disclaimer shown on every article."""
    content_dir: str = "."
    """Folder, relative to the root, holding the articles."""
    bibliography: list[str] = Field(default_factory=list)
    """Site-wide CSL YAML or CSL JSON files articles may cite by id."""
    citation_style: Literal["apa", "vancouver", "ama"] = "apa"
    """How references are formatted: APA 7th edition, Vancouver (NLM) or AMA 11th edition."""
    term_links: Literal["off", "first", "every"] = "first"
    """Link mentions of other articles' titles and aliases: off, first mention, every mention."""
    max_file_bytes: int = Field(default=1_000_000, gt=0)
    """Articles larger than this are rejected rather than parsed."""

    @field_validator("locale")
    @classmethod
    def _locale_shape(cls, value: str) -> str:
        parts = value.split("-")
        if not (2 <= len(parts[0]) <= 3 and parts[0].isalpha()):
            raise ValueError("use a BCP 47 tag such as 'en-US' or 'en-GB'")
        return value

    @field_validator("crisis_locales")
    @classmethod
    def _locales_shape(cls, value: list[str]) -> list[str]:
        return [cls._locale_shape(v) for v in value]


class ReviewSettings(Strict):
    interval_months: int = Field(default=12, ge=1, le=120)
    """An article's sign-off falls due this many months after it was given."""
    require_review: bool = False
    """If true, articles without a valid sign-off are not published at all."""


class SearchSettings(Strict):
    pagefind: bool = True
    """Index the built site with Pagefind; switch off on huge sites to save build time."""


class PathOverride(Strict):
    """Lint settings that apply to files matching a glob."""

    path: str
    ignore: list[str] = Field(default_factory=list)
    select: list[str] = Field(default_factory=list)


class LintSettings(Strict):
    """The `[lint]` table: which rules run, their severities, thresholds and vocabulary."""

    select: list[str] = Field(default_factory=lambda: ["ALL"])
    """Rule codes or prefixes to run; "ALL" is every stable rule."""
    ignore: list[str] = Field(default_factory=list)
    """Codes or prefixes not to run; the longest matching prefix of select/ignore wins."""
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    """Codes or prefixes to run in addition to `select` (e.g. preview rules)."""
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    """Per-rule severity overrides, keyed by code."""
    sections: tuple[int, int] = (5, 10)
    """Allowed number of `##` sections (STR004)."""
    references: tuple[int, int] = (3, 6)
    """Allowed number of references per article (CIT003)."""
    summary_words: tuple[int, int] = Field(default=(8, 45), alias="summary-words")
    """Allowed length of the summary in words (STR007)."""
    max_source_age_years: int = Field(default=15, ge=1, alias="max-source-age-years")
    """Sources older than this, other than manuals, guidelines and textbooks, are flagged
    (CIT010)."""
    smog_article: float = Field(default=13.0, gt=0, alias="smog-article")
    """SMOG limit for the whole article (READ002)."""
    smog_plain: float = Field(default=9.0, gt=0, alias="smog-plain")
    """SMOG limit for the summary and When to seek help (READ001)."""
    smog_section: float = Field(default=15.0, gt=0, alias="smog-section")
    """SMOG limit for any one section of three or more sentences (READ003)."""
    max_sentence_words: int = Field(default=35, ge=5, alias="max-sentence-words")
    """Longest sentence allowed, in words (READ004)."""
    max_average_sentence_words: float = Field(
        default=22.0, gt=0, alias="max-average-sentence-words"
    )
    """Longest average sentence allowed, in words (READ005)."""
    required_fields: list[str] = Field(default_factory=list, alias="required-fields")
    """Front-matter fields every article must set beyond title, summary and category
    (META015), e.g. ["published"]."""
    add_phrases: dict[str, str] = Field(default_factory=dict, alias="add-phrases")
    """Extra phrases to avoid and their replacement (reported by LANG009)."""
    remove_phrases: list[str] = Field(default_factory=list, alias="remove-phrases")
    """Built-in phrases (as listed by `mindlex rules CODE`) this site allows."""
    per_path: list[PathOverride] = Field(default_factory=list, alias="per-path")
    """Extra select/ignore for files matching a glob relative to the glossary root."""

    @field_validator("sections", "references", "summary_words")
    @classmethod
    def _range(cls, value: tuple[int, int]) -> tuple[int, int]:
        low, high = value
        if low < 0 or low > high:
            raise ValueError("write [minimum, maximum] with 0 <= minimum <= maximum")
        return value


class Config(Strict):
    """All of mindlex.toml, plus where it was found."""

    site: SiteSettings
    crisis: dict[str, CrisisHelp] = Field(default_factory=dict)
    review: ReviewSettings = ReviewSettings()
    search: SearchSettings = SearchSettings()
    lint: LintSettings = LintSettings()
    root: Path = Path(".")

    @property
    def content_root(self) -> Path:
        return (self.root / self.site.content_dir).resolve()

    def crisis_help(self) -> CrisisHelp | None:
        """The crisis box: every configured locale's services (see `mindlex.crisis`)."""
        from mindlex.crisis import merged

        return merged(self)

    @property
    def base_url(self) -> str:
        url = str(self.site.base_url)
        return url if url.endswith("/") else url + "/"
