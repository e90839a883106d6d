"""schema.org JSON-LD: MedicalWebPage about a DefinedTerm, the FAQ, and citations."""

from __future__ import annotations

import json
from typing import Any

from mindlex.render.view import ArticleView, SiteView

REFERENCE_TYPES = {
    "book": "Book",
    "chapter": "Chapter",
    "webpage": "WebPage",
    "report": "Report",
    "article-journal": "ScholarlyArticle",
}


def article_graph(site: SiteView, view: ArticleView) -> dict[str, Any]:
    article = view.article
    url = site.url(f"{article.slug}/")
    term: dict[str, Any] = {
        "@type": "DefinedTerm",
        "@id": url + "#term",
        "name": article.title,
        "description": article.summary,
        "termCode": article.slug,
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "@id": site.url("#glossary"),
            "name": site.name,
            "url": site.url(""),
        },
    }
    if article.aliases:
        term["alternateName"] = list(article.aliases)
    page: dict[str, Any] = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": article.display_headline,
        "headline": article.display_headline,
        "description": article.summary,
        "inLanguage": site.locale,
        "about": {"@id": url + "#term"},
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "specialty": "Psychiatric",
        "publisher": {"@type": "Organization", "name": site.publisher},
        "citation": [_citation(r) for r in view.references],
    }
    if view.last_updated:
        page["dateModified"] = view.last_updated.isoformat()
    if article.published:
        page["datePublished"] = article.published.isoformat()
    review = view.review
    if review is not None and review.is_verified and review.signed_on and not review.reviewer_demo:
        page["lastReviewed"] = review.signed_on.isoformat()
        reviewer: dict[str, Any] = {"@type": "Person", "name": review.reviewer_name}
        if review.reviewer_credentials:
            reviewer["hasCredential"] = review.reviewer_credentials
        if review.reviewer_role:
            reviewer["jobTitle"] = review.reviewer_role
        page["reviewedBy"] = reviewer
    graph: list[dict[str, Any]] = [page, term]
    if view.faq:
        graph.append(
            {
                "@type": "FAQPage",
                "@id": url + "#faq",
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": q.question,
                        "acceptedAnswer": {"@type": "Answer", "text": q.answer_text},
                    }
                    for q in view.faq
                ],
            }
        )
    return {"@context": "https://schema.org", "@graph": graph}


def _citation(ref: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "@type": REFERENCE_TYPES.get(ref.type, "CreativeWork"),
        "name": ref.title,
    }
    if ref.author:
        item["author"] = [
            {"@type": "Person", "name": n.literal or f"{n.given} {n.family}".strip()}
            for n in ref.author
        ]
    if ref.year:
        item["datePublished"] = str(ref.year)
    ids = []
    if ref.DOI:
        ids.append({"@type": "PropertyValue", "propertyID": "DOI", "value": ref.DOI})
        item["url"] = ref.doi_url()
    if ref.PMID:
        ids.append({"@type": "PropertyValue", "propertyID": "PMID", "value": str(ref.PMID)})
    if ref.ISBN:
        item["isbn"] = ref.ISBN
    if ids:
        item["identifier"] = ids
    if "url" not in item and ref.link_url():
        item["url"] = ref.link_url()
    return item


def glossary_graph(site: SiteView, terms: list[tuple[str, str, str]]) -> dict[str, Any]:
    """The home page: the DefinedTermSet with every term."""
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": site.url("#glossary"),
        "name": site.name,
        "url": site.url(""),
        "hasDefinedTerm": [
            {
                "@type": "DefinedTerm",
                "name": name,
                "termCode": slug,
                "url": site.url(f"{slug}/"),
                "description": summary,
            }
            for name, slug, summary in terms
        ],
    }


def to_script(data: dict[str, Any]) -> str:
    """JSON safe to embed in a `<script type="application/ld+json">` block."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
