"""LINK: related articles exist and the graph has no dead ends."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.lint.context import LintContext
from mindlex.lint.registry import register
from mindlex.lint.rule import Rule


@register
class RelatedNotFound(Rule):
    """A `related:` entry names no article in the glossary.

    ## Why it matters
    A broken related link sends a reader to a 404 page instead of the explanation they need.

    ## Example
    `related: [neuroplastisity]`

    ## Preferred
    `related: [neuroplasticity]`
    """

    code = "LINK001"
    name = "related-not-found"
    family = "LINK"
    severity = Severity.ERROR

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        article = ctx.article
        slugs = list(ctx.glossary.articles)
        for index, slug in enumerate(article.related):
            if slug in ctx.glossary.articles:
                continue
            close = difflib.get_close_matches(slug, slugs, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "add that article or remove the slug"
            span = article.field_spans.get(f"related.{index}") or article.field_span("related")
            yield self.report(span, f"related article `{slug}` does not exist", hint)
