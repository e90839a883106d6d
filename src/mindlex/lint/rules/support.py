"""SAFE: a page's disclaimer and its pointer to help, read from the whole page.

Both rules accept what writers actually do on third-party pages: a disclaimer written as a
sentence anywhere ("This page is not a substitute for medical advice"), and help-seeking
advice in plain prose ("See a GP if ...") rather than under a heading.
"""

from __future__ import annotations

from collections.abc import Iterator

from mindlex.diagnostic import Diagnostic, Severity
from mindlex.lint import lexicon
from mindlex.lint.context import LintContext
from mindlex.lint.registry import register
from mindlex.lint.rule import Rule
from mindlex.model import SectionKind

HONCODE = (
    "https://bmcmedinformdecismak.biomedcentral.com/articles/10.1186/s12911-021-01397-x/tables/1"
)
PROSE_KINDS = frozenset({"paragraph", "summary", "heading"})


@register
class MissingDisclaimer(Rule):
    """No medical disclaimer: the site's is empty and the article has none.

    ## Why it matters
    HONcode's complementarity principle and the reference publisher both require a
    disclaimer on every clinical page: information supports, never replaces, professional
    care. Set `site.disclaimer` in mindlex.toml, add a `## Disclaimer` section, or say it in
    a sentence ("This page is general information, not a substitute for medical advice").
    A page linted with `--stdin` only needs one when it discusses treatment.

    ## Example
    `disclaimer = ""` in mindlex.toml.

    ## Preferred
    `disclaimer = "This article is general information, not medical advice..."`
    """

    code = "SAFE009"
    name = "missing-disclaimer"
    family = "SAFE"
    severity = Severity.ERROR
    source = HONCODE

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        if ctx.config.site.disclaimer.strip():
            return
        if any(s.title.strip().lower() == "disclaimer" for s in ctx.article.sections):
            return
        if lexicon.lexicon_regex("disclaimer").search(ctx.text):
            return
        if ctx.is_page and not lexicon.lexicon_regex("treatment").search(ctx.text):
            return
        yield self.report(
            ctx.article.span,
            "no medical disclaimer for this article",
            "set `site.disclaimer` in mindlex.toml, add `## Disclaimer`, or add a sentence "
            "saying the page does not replace professional advice",
        )


@register
class MissingHelpSeeking(Rule):
    """A page about a mental health condition never says where or when to get help.

    ## Why it matters
    NHS and NICE-style condition pages end with when to see a GP or doctor and what to do in
    a crisis; without it, a reader who recognises themselves has no next step. A
    `When to seek help` section, a sentence such as "see a GP if ..." or a crisis service
    all count.

    ## Example
    A page describing the symptoms and treatments of depression and nothing else.

    ## Preferred
    `See a GP if you have felt low for more than two weeks.`
    """

    code = "SAFE011"
    name = "missing-help-seeking"
    family = "SAFE"
    severity = Severity.WARNING
    source = "https://service-manual.nhs.uk/content/health-literacy"

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        if ctx.article.section(SectionKind.WHEN_TO_SEEK_HELP) is not None:
            return
        conditions = lexicon.lexicon_regex("conditions")
        prose = [b for b in ctx.blocks if b.kind in PROSE_KINDS]
        mentions = [(b, m) for b in prose for m in conditions.finditer(b.text)]
        if not mentions:
            return
        treated = lexicon.lexicon_regex("treatment").search(ctx.text) is not None
        if len(mentions) < 2 and not treated:
            return
        if lexicon.lexicon_regex("help_seeking").search(ctx.text):
            return
        if ctx.common.names_crisis_service(ctx.text):
            return
        block, match = mentions[0]
        yield self.report(
            ctx.block_span(block, match.start(), match.end()),
            f"discusses “{match.group(0)}” but never says when or where to get help",
            "add when to see a GP or doctor, and a crisis service for urgent help",
        )
