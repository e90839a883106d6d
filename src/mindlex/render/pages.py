"""Build the view of each page from the glossary; no I/O here."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

from mindlex.glossary import Glossary
from mindlex.model import Article, SectionKind
from mindlex.model.meta import slugify
from mindlex.render.cite import format_reference
from mindlex.render.html import Numbering, render_tokens
from mindlex.render.termlinks import Linker, TermIndex
from mindlex.render.view import (
    ArticleView,
    Card,
    FaqView,
    RefView,
    ReviewLike,
    SectionView,
    evidence_label,
)

SUICIDE_TOPIC = re.compile(r"\bsuicid\w*|\bself[- ]harm\w*|\bself[- ]injur\w*", re.IGNORECASE)


def card(article: Article) -> Card:
    return Card(article.slug, article.title, article.summary, article.category)


def article_view(
    glossary: Glossary,
    article: Article,
    review: ReviewLike | None,
    terms: TermIndex | None,
    *,
    linkable: frozenset[str] | None = None,
    draft: bool = False,
    noindex: bool = False,
) -> ArticleView:
    """Everything the article template needs, with HTML fragments already sanitised."""
    references = glossary.references_of(article)
    numbering = Numbering.of(references)
    mode = glossary.config.site.term_links
    linker = Linker(terms, article, mode, glossary) if terms is not None else None
    env: dict[str, Any] = {}
    intro = render_tokens(article.intro_tokens, numbering, linker, env)
    sections: list[SectionView] = []
    faq: list[FaqView] = []
    for section in article.sections:
        if section.kind is SectionKind.FAQ:
            for item in section.faq:
                anchor = _faq_anchor(item.question, env)
                answer = render_tokens(item.answer_tokens, numbering, linker, env)
                faq.append(FaqView(item.question, anchor, answer, item.answer_text))
            continue
        anchor = _claim(section.anchor, env)
        html = render_tokens(section.tokens, numbering, linker, env)
        sections.append(SectionView(section.title, anchor, section.kind, html))
    related = [
        card(a)
        for slug in article.related
        if (a := glossary.get(slug)) is not None
        and a.status != "retired"
        and (linkable is None or slug in linkable)
    ]
    site = glossary.config.site
    refs = [
        RefView(
            n,
            r,
            evidence_label(r),
            r.evidence.value if r.evidence else "unknown",
            Markup(format_reference(r, site.citation_style, site.locale)),
        )
        for n, r in enumerate(references, start=1)
    ]
    return ArticleView(
        article=article,
        intro_html=intro,
        sections=sections,
        faq_items=faq,
        references=references,
        ref_views=refs,
        related=related,
        review=review,
        draft=draft,
        noindex=noindex,
        suicide_topic=about_suicide(article),
    )


def about_suicide(article: Article) -> bool:
    """True when suicide or self-harm is a topic of the page, not one mention in the help box."""
    if SUICIDE_TOPIC.search(" ".join((article.title, article.summary, *article.aliases))):
        return True
    mentions = sum(
        len(SUICIDE_TOPIC.findall(section.text))
        for section in article.sections
        if section.kind is not SectionKind.WHEN_TO_SEEK_HELP
    )
    return mentions >= 2


def _claim(anchor: str, env: dict[str, Any]) -> str:
    anchors: set[str] = env.setdefault("anchors", set())
    candidate, n = anchor, 2
    while candidate in anchors:
        candidate, n = f"{anchor}-{n}", n + 1
    anchors.add(candidate)
    return candidate


def _faq_anchor(question: str, env: dict[str, Any]) -> str:
    return _claim("faq-" + slugify(question)[:60].rstrip("-"), env)
