"""LINK: related articles exist and the graph has no dead ends."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.lint.context import LintContext
from mindlex.lint.registry import register
from mindlex.lint.rule import Rule
from mindlex.lint.scope import GLOSSARY


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
    needs = frozenset({GLOSSARY})

    def glossary_facts(self, ctx: LintContext) -> object:
        glossary = ctx.glossary
        known = tuple(
            s in glossary.articles or s in glossary.unreadable for s in ctx.article.related
        )
        return known, ctx.common.slugs if not all(known) else None

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        article = ctx.article
        slugs = list(ctx.glossary.articles)
        for index, slug in enumerate(article.related):
            if slug in ctx.glossary.articles or slug in ctx.glossary.unreadable:
                continue  # an unparsable target is reported once, at its own file
            close = difflib.get_close_matches(slug, slugs, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "add that article or remove the slug"
            span = article.field_spans.get(f"related.{index}") or article.field_span("related")
            yield self.report(span, f"related article `{slug}` does not exist", hint)


@register
class SelfRelated(Rule):
    """An article lists itself under `related:`.

    ## Why it matters
    A related link to the page the reader is already on wastes a place in Related articles.

    ## Example
    `related: [neuroplasticity]` in neuroplasticity.md.

    ## Preferred
    Remove it, or link a genuinely related article.
    """

    code = "LINK002"
    name = "self-related"
    family = "LINK"
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        article = ctx.article
        for index, slug in enumerate(article.related):
            if slug == article.slug:
                span = article.field_spans.get(f"related.{index}") or article.field_span("related")
                yield self.report(span, "article lists itself as related", "remove this entry")


@register
class OrphanArticle(Rule):
    """No other article lists this one under `related:`.

    ## Why it matters
    Readers reach glossary entries by following related links; an article nothing points to
    is only found through search or the A-Z list.

    ## Example
    A new article on sleep hygiene that no other article relates to.

    ## Preferred
    Add its slug to `related:` of one or two articles on neighbouring topics.
    """

    code = "LINK003"
    name = "orphan-article"
    family = "LINK"
    severity = Severity.INFO
    needs = frozenset({GLOSSARY})

    def glossary_facts(self, ctx: LintContext) -> object:
        slug = ctx.article.slug
        linked = any(s != slug for s in ctx.common.backlinks.get(slug, ()))
        return len(ctx.glossary.articles) < 2, linked

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        article = ctx.article
        if article.status == "retired" or len(ctx.glossary.articles) < 2:
            return
        if not any(s != article.slug for s in ctx.common.backlinks.get(article.slug, ())):
            yield self.report(
                article.span,
                "no other article lists this one as related",
                "add it to `related:` in a neighbouring article",
            )


@register
class DuplicateRelated(Rule):
    """A slug appears twice under `related:`.

    ## Why it matters
    The same card would be shown twice under Related articles.

    ## Example
    `related: [neurogenesis, synaptic-plasticity, neurogenesis]`

    ## Preferred
    `related: [neurogenesis, synaptic-plasticity]`
    """

    code = "LINK004"
    name = "duplicate-related"
    family = "LINK"
    severity = Severity.WARNING

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        article = ctx.article
        seen: set[str] = set()
        for index, slug in enumerate(article.related):
            if slug in seen:
                span = article.field_spans.get(f"related.{index}") or article.field_span("related")
                yield self.report(span, f"`{slug}` is listed twice", "remove the repeat")
            seen.add(slug)


@register
class ReplacementNotFound(Rule):
    """A retired article's `replaced-by` names no article.

    ## Why it matters
    The old URL would redirect to a page that does not exist.

    ## Example
    `replaced-by: anxeity`

    ## Preferred
    `replaced-by: anxiety`
    """

    code = "LINK005"
    name = "replacement-not-found"
    family = "LINK"
    severity = Severity.ERROR
    needs = frozenset({GLOSSARY})

    def glossary_facts(self, ctx: LintContext) -> object:
        target = ctx.article.replaced_by
        if not target or target in ctx.glossary.articles:
            return None
        return ctx.common.slugs

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        target = ctx.article.replaced_by
        if target and target not in ctx.glossary.articles:
            close = difflib.get_close_matches(target, list(ctx.glossary.articles), n=1)
            hint = f"did you mean `{close[0]}`?" if close else "name an existing article's slug"
            yield self.report(
                ctx.article.field_span("replaced-by"),
                f"`replaced-by` names `{target}`, which does not exist",
                hint,
            )
