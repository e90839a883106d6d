"""Articles -> passages: the units an answer may quote, each traceable to its source line.

A passage is a section paragraph, a key-area list item or an FAQ answer. It keeps the
article, the section and its anchor on the page, the numbered citations it carries and
the line it came from. Only articles with a current clinical sign-off give eligible
passages; the preview may show others, marked `signed = False`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markdown_it.token import Token

from mindlex.glossary import Glossary
from mindlex.model import Article
from mindlex.model.article import SectionKind
from mindlex.model.meta import slugify
from mindlex.model.text import plain_text
from mindlex.render.view import ReviewLike

CITATION = re.compile(r"\[(@[^\]]*)\]")
CITED_ID = re.compile(r"@([\w:.#$%&\-+?<>~/]+)")
SKIPPED_KINDS = (SectionKind.WHEN_TO_SEEK_HELP,)
"""'When to seek help' is general guidance every article repeats; the crisis path owns it."""


@dataclass(frozen=True, slots=True)
class Passage:
    """One quotable unit of a published article."""

    slug: str
    title: str
    section: str
    anchor: str
    kind: str
    """"paragraph", "key_area" or "faq"."""
    text: str
    citations: tuple[tuple[int, str], ...]
    """(number in the article's Sources list, reference label) for each source cited."""
    line: int
    path: str
    signed: bool
    reviewer: str
    signed_on: str
    question: str = ""
    """For FAQ answers: the question they answer (searched, never quoted)."""

    @property
    def key(self) -> str:
        """Stable identity and content hash: embeddings are cached under it."""
        body = "\x1f".join((self.slug, self.anchor, self.section, self.question, self.text))
        return hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]

    @property
    def url(self) -> str:
        return f"{self.slug}/#{self.anchor}"


def glossary_passages(
    glossary: Glossary,
    reviews: Mapping[str, ReviewLike],
    slugs: Iterable[str] | None = None,
    include_unsigned: bool = False,
) -> list[Passage]:
    """Passages of the given (default: all live) articles; unsigned ones only when asked."""
    wanted = set(slugs) if slugs is not None else None
    out: list[Passage] = []
    for article in glossary.live:
        if wanted is not None and article.slug not in wanted:
            continue
        review = reviews.get(article.slug)
        signed = bool(review and review.is_verified)
        if signed or include_unsigned:
            out.extend(article_passages(glossary, article, review if signed else None))
    return out


def article_passages(
    glossary: Glossary, article: Article, review: ReviewLike | None
) -> list[Passage]:
    """Every passage of one article, in page order."""
    numbers = {ref.id: n for n, ref in enumerate(glossary.references_of(article), start=1)}
    labels = {ref.id: _label(ref.title, ref.year) for ref in glossary.references_of(article)}
    base = {
        "slug": article.slug,
        "title": article.title,
        "path": _relative(article, glossary),
        "signed": review is not None,
        "reviewer": _reviewer(review),
        "signed_on": review.signed_on.isoformat() if review and review.signed_on else "",
    }
    anchors: set[str] = set()
    out: list[Passage] = []
    for section in article.sections:
        if section.kind in SKIPPED_KINDS:
            continue
        if section.kind is SectionKind.FAQ:
            for item in section.faq:
                anchor = _claim("faq-" + slugify(item.question)[:60].rstrip("-"), anchors)
                text = plain_text(item.answer_tokens)
                if text:
                    cites = _citations(item.answer_tokens, numbers, labels)
                    out.append(
                        Passage(
                            section=item.question,
                            anchor=anchor,
                            kind="faq",
                            text=text,
                            citations=cites,
                            line=item.span.line,
                            question=item.question,
                            **base,  # type: ignore[arg-type]
                        )
                    )
            continue
        anchor = _claim(section.anchor, anchors)
        for kind, tokens, line in _units(section.tokens, article.body_line):
            text = plain_text(tokens)
            if len(text) < 20 or text.endswith(":"):  # a list's lead-in says nothing alone
                continue
            out.append(
                Passage(
                    section=section.title,
                    anchor=anchor,
                    kind=kind,
                    text=text,
                    citations=_citations(tokens, numbers, labels),
                    line=line,
                    **base,  # type: ignore[arg-type]
                )
            )
    return out


def _units(tokens: list[Token], body_line: int) -> list[tuple[str, list[Token], int]]:
    """Top-level paragraphs and the items of top-level bullet lists."""
    units: list[tuple[str, list[Token], int]] = []
    depth = 0
    for tok in tokens:
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "inline":
            line = (tok.map[0] if tok.map else 0) + body_line
            if depth == 0 and tok.level == 1:
                units.append(("paragraph", [tok], line))
            elif depth == 1 and tok.level == 3:
                units.append(("key_area", [tok], line))
    return units


def _citations(
    tokens: list[Token], numbers: Mapping[str, int], labels: Mapping[str, str]
) -> tuple[tuple[int, str], ...]:
    seen: dict[int, str] = {}
    for tok in tokens:
        for group in CITATION.findall(tok.content):
            for ref_id in CITED_ID.findall(group):
                if ref_id in numbers:
                    seen.setdefault(numbers[ref_id], labels[ref_id])
    return tuple(sorted(seen.items()))


def _claim(anchor: str, anchors: set[str]) -> str:
    """The same de-duplication the page renderer applies to heading ids."""
    candidate, n = anchor, 2
    while candidate in anchors:
        candidate, n = f"{anchor}-{n}", n + 1
    anchors.add(candidate)
    return candidate


def _label(title: str | None, year: int | None) -> str:
    shown = (title or "Untitled source").rstrip(".")
    return f"{shown} ({year})" if year else shown


def _reviewer(review: ReviewLike | None) -> str:
    if review is None or not review.reviewer_name:
        return ""
    creds = f" ({review.reviewer_credentials})" if review.reviewer_credentials else ""
    demo = " - demo sign-off, not a clinical review" if review.reviewer_demo else ""
    return review.reviewer_name + creds + demo


def _relative(article: Article, glossary: Glossary) -> str:
    """The source file relative to the glossary root, so no build machine path is published."""
    try:
        return article.path.relative_to(glossary.config.root).as_posix()
    except ValueError:
        return article.path.name
