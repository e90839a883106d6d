"""The JSON API: an index of every article and one full document per article."""

from __future__ import annotations

import json
from typing import Any

from mindlex.model import SectionKind
from mindlex.render.view import ArticleView, SiteView

SCHEMA_VERSION = 1


def review_json(view: ArticleView) -> dict[str, Any]:
    review = view.review
    if review is None:
        return {
            "state": "never",
            "verified": False,
            "reviewed_by": None,
            "reviewed_on": None,
            "next_review": None,
            "last_updated": None,
        }
    return {
        "state": review.state,
        "verified": review.is_verified,
        "reviewed_by": (
            {
                "name": review.reviewer_name,
                "credentials": review.reviewer_credentials,
                "role": review.reviewer_role,
                "demo": review.reviewer_demo,
            }
            if review.is_verified
            else None
        ),
        "reviewed_on": review.signed_on.isoformat()
        if review.is_verified and review.signed_on
        else None,
        "next_review": review.due.isoformat() if review.due else None,
        "last_updated": review.last_updated.isoformat() if review.last_updated else None,
    }


def index_entry(site: SiteView, view: ArticleView) -> dict[str, Any]:
    a = view.article
    return {
        "slug": a.slug,
        "title": a.title,
        "summary": a.summary,
        "aliases": list(a.aliases),
        "category": a.category,
        "url": site.url(f"{a.slug}/"),
        "api": site.url(f"api/articles/{a.slug}.json"),
        "review": review_json(view),
        "draft": view.draft,
    }


def article_document(site: SiteView, view: ArticleView) -> dict[str, Any]:
    a = view.article
    definition = a.section(SectionKind.DEFINITION)
    help_section = a.section(SectionKind.WHEN_TO_SEEK_HELP)
    return {
        "schema_version": SCHEMA_VERSION,
        **index_entry(site, view),
        "headline": a.display_headline,
        "reading_minutes": a.reading_minutes,
        "definition": definition.text if definition else None,
        "when_to_seek_help": help_section.text if help_section else None,
        "key_areas": [k.text for k in a.key_areas],
        "sections": [
            {"title": s.title, "anchor": s.anchor, "kind": str(s.kind), "html": s.html}
            for s in view.sections
        ],
        "faq": [
            {"question": f.question, "answer_text": f.answer_text, "answer_html": f.answer_html}
            for f in view.faq_items
        ],
        "related": [{"slug": c.slug, "title": c.title, "summary": c.summary} for c in view.related],
        "evidence_summary": view.evidence_summary,
        "references": [
            {
                "number": r.number,
                "id": r.ref.id,
                "evidence": r.evidence,
                "evidence_label": r.label,
                "title": r.ref.title,
                "authors": r.ref.authors_text(limit=50),
                "year": r.ref.year,
                "container_title": r.ref.container_title,
                "doi": r.ref.DOI,
                "pmid": str(r.ref.PMID) if r.ref.PMID else None,
                "isbn": r.ref.ISBN,
                "url": r.ref.URL,
            }
            for r in view.ref_views
        ],
    }


def dumps(data: Any) -> str:
    """Compact JSON: without `indent` the C encoder runs, several times faster on big sites."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
